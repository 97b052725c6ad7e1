package toothbrush.ingest.adapter.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.adapter.streams.source.SourceNotAllowedException;
import toothbrush.ingest.adapter.streams.source.SourcePolicy;
import toothbrush.ingest.adapter.streams.source.StreamTooLargeException;
import toothbrush.ingest.adapter.streams.testing.FaultyHttpServer;
import toothbrush.ingest.adapter.streams.testing.FaultyHttpServer.Exchange;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.report.FailureReason;

/**
 * U2 through the DatasetReader port: a refused stream fails its open with {@code source_not_allowed}
 * (permanent) before a byte is read and without a request for the refused URL; redirects are followed
 * hop by hop, each checked first.
 */
class SourcePolicyReaderTest {
    private static final String BRUSHING = "tick,tooth,percent_clean\n16,3,0.5\n17,4,0.75\n";
    private static final List<String> PARSED =
            List.of("1 header", "2 tick=16 tooth=3 pct=0.5", "3 tick=17 tooth=4 pct=0.75");
    private static final StreamSettings FAST = StreamSettings.defaults()
            .withMaxAttempts(3)
            .withBackoff(Duration.ofMillis(1), 2.0, Duration.ofMillis(4), 0.5);

    @TempDir
    Path dir;

    private static Dataset brushingAt(String uri) {
        return new Dataset("ds-1", "tb-42", uri, "unused");
    }

    private static StreamException refusedOpen(StreamsDatasetReader reader, String uri) {
        StreamException e = assertThrows(StreamException.class, () -> reader.openBrushing(brushingAt(uri)));
        assertEquals(FailureReason.SOURCE_NOT_ALLOWED, e.reason());
        assertFalse(e.retryable(), "source_not_allowed is permanent");
        assertEquals(-1, e.byteOffset(), "refused before a byte is read");
        return e;
    }

    private static String prefixOf(FaultyHttpServer server) {
        return server.url("/");
    }

    private static List<String> paths(FaultyHttpServer server) {
        return server.exchanges().stream().map(x -> x.path() + " " + x.status()).toList();
    }

    @Test
    void U2_workerDefault_refusesALoopbackServer_withoutARequest() {
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object("/b.csv", TestInputs.utf8(BRUSHING))
                .build()) {
            StreamsDatasetReader reader = new StreamsDatasetReader(FAST, SourcePolicy.workerDefault(dir));
            String url = server.url("/b.csv?token=secret");
            StreamException e = refusedOpen(reader, url);
            assertTrue(
                    e.getMessage()
                            .endsWith(
                                    "cannot be opened: source not allowed: " + server.url("/b.csv")
                                            + ": host 127.0.0.1 resolves to 127.0.0.1, a loopback address (only public hosts are allowed)"),
                    e.getMessage());
            assertEquals(List.of(), server.exchanges(), "no request is made for a refused URL");
        }
    }

    @Test
    void U2_aRedirectChainWithinTheAllowedPrefix_isFollowed_relativeLocationsIncluded() {
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .redirect("/data/a", 301, "b")
                .redirect("/data/b", 302, "/data/sub/c")
                .redirect("/data/sub/c", 303, "../d")
                .redirect("/data/d", 307, "e?x=1")
                .redirect("/data/e?x=1", 308, "/data/b.csv")
                .object("/data/b.csv", TestInputs.utf8(BRUSHING))
                .build()) {
            StreamsDatasetReader reader =
                    new StreamsDatasetReader(FAST, SourcePolicy.allowing(List.of(server.url("/data/"))));
            assertEquals(PARSED, Rendering.readAll(reader.openBrushing(brushingAt(server.url("/data/a")))));
            assertEquals(
                    List.of(
                            "/data/a 301",
                            "/data/b 302",
                            "/data/sub/c 303",
                            "/data/d 307",
                            "/data/e?x=1 308",
                            "/data/b.csv 200"),
                    paths(server));
        }
    }

    @Test
    void U2_aRedirectToTheAllowedHostButAnotherPort_isRefused_beforeItIsRequested_andNotRetried() {
        try (FaultyHttpServer other = FaultyHttpServer.builder()
                        .object("/b.csv", TestInputs.utf8(BRUSHING))
                        .build();
                FaultyHttpServer server = FaultyHttpServer.builder()
                        .redirect("/b.csv", 302, other.url("/b.csv?X-Amz-Signature=secret"))
                        .build()) {
            StreamsDatasetReader reader =
                    new StreamsDatasetReader(FAST, SourcePolicy.allowing(List.of(prefixOf(server))));
            StreamException e = refusedOpen(reader, server.url("/b.csv"));
            assertEquals(
                    "dataset ds-1: brushing stream " + server.url("/b.csv") + " cannot be opened: redirect from "
                            + server.url("/b.csv") + " refused: source not allowed: " + other.url("/b.csv")
                            + " (host 127.0.0.1) is not under an allowed URL prefix",
                    e.getMessage());
            assertFalse(e.getMessage().contains("secret"), "no query string in the message (F4)");
            assertEquals(List.of(), other.exchanges(), "the refused hop is never requested");
            assertEquals(List.of("/b.csv 302"), paths(server), "asked once: a refusal is not retried");
        }
    }

    @Test
    void U2_aRedirectOutOfTheAllowedPath_isRefused_beforeItIsRequested() {
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .redirect("/data/b.csv", 307, "/private/b.csv")
                .object("/private/b.csv", TestInputs.utf8(BRUSHING))
                .build()) {
            StreamsDatasetReader reader =
                    new StreamsDatasetReader(FAST, SourcePolicy.allowing(List.of(server.url("/data/"))));
            refusedOpen(reader, server.url("/data/b.csv"));
            refusedOpen(reader, server.url("/private/b.csv"));
            refusedOpen(reader, server.url("/data/../private/b.csv"));
            assertEquals(List.of("/data/b.csv 307"), paths(server));
        }
    }

    @Test
    void U2_redirects_atMostFiveAreFollowed() {
        FaultyHttpServer.Builder builder = FaultyHttpServer.builder()
                .object("/r5", TestInputs.utf8(BRUSHING))
                .redirect("/loop", 302, "/loop");
        for (int i = 0; i < 5; i++) {
            builder.redirect("/r" + i, 302, "/r" + (i + 1));
        }
        try (FaultyHttpServer server = builder.build()) {
            StreamsDatasetReader reader =
                    new StreamsDatasetReader(FAST, SourcePolicy.allowing(List.of(prefixOf(server))));
            assertEquals(PARSED, Rendering.readAll(reader.openBrushing(brushingAt(server.url("/r0")))));
            assertEquals(6, server.exchanges().size(), "five hops, then the object");
            StreamException e =
                    assertThrows(StreamException.class, () -> reader.openBrushing(brushingAt(server.url("/loop"))));
            assertEquals(FailureReason.SOURCE_NOT_FOUND, e.reason());
            assertTrue(
                    e.getMessage().endsWith("cannot be opened: more than 5 redirects from " + server.url("/loop")),
                    e.getMessage());
            assertEquals(6 + 6, server.exchanges().size(), "the first request and five hops; not retried");
        }
    }

    @Test
    void U2_everyResume_startsFromTheOriginalUrl_andIsCheckedAgain() {
        byte[] data = TestInputs.utf8(BRUSHING);
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .redirect("/data/a", 302, "/data/b.csv")
                .object("/data/b.csv", data)
                .cutAt(30)
                .cutStyle(FaultyHttpServer.CutStyle.CLOSE)
                .build()) {
            StreamsDatasetReader reader =
                    new StreamsDatasetReader(FAST, SourcePolicy.allowing(List.of(server.url("/data/"))));
            assertEquals(PARSED, Rendering.readAll(reader.openBrushing(brushingAt(server.url("/data/a")))));
            List<Exchange> exchanges = server.exchanges();
            assertEquals(List.of("/data/a 302", "/data/b.csv 200", "/data/a 302", "/data/b.csv 206"), paths(server));
            assertEquals("bytes=30-", exchanges.get(2).range(), "the resume asks the original URL again");
            assertEquals("bytes=30-", exchanges.get(3).range());
        }
    }

    @Test
    void U2_theDefaultConstructors_areUnrestricted_andStillFollowRedirects() {
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .redirect("/a", 301, "/b.csv")
                .object("/b.csv", TestInputs.utf8(BRUSHING))
                .build()) {
            assertEquals(
                    PARSED,
                    Rendering.readAll(new StreamsDatasetReader(FAST).openBrushing(brushingAt(server.url("/a")))));
            assertEquals(
                    PARSED, Rendering.readAll(new StreamsDatasetReader().openBrushing(brushingAt(server.url("/a")))));
        }
    }

    @Test
    void U2_filesOutsideTheWorkingDirectory_areRefused_andAMissingFileInsideIsNotFound() throws IOException {
        Path b = Files.writeString(dir.resolve("b.csv"), BRUSHING);
        StreamsDatasetReader worker = new StreamsDatasetReader(FAST, SourcePolicy.workerDefault(dir));
        assertEquals(PARSED, Rendering.readAll(worker.openBrushing(brushingAt(b.toString()))));
        assertEquals(
                "dataset ds-1: brushing stream /etc/passwd cannot be opened: source not allowed: /etc/passwd is"
                        + " not under an allowed directory",
                refusedOpen(worker, "/etc/passwd").getMessage());
        refusedOpen(worker, "/dev/zero");
        String missing = dir.resolve("missing.csv").toString();
        StreamException e = assertThrows(StreamException.class, () -> worker.openBrushing(brushingAt(missing)));
        assertEquals(FailureReason.SOURCE_NOT_FOUND, e.reason());
        assertEquals(
                "dataset ds-1: brushing stream " + missing + " cannot be opened: no such file: " + missing,
                e.getMessage());
    }

    @Test
    void F1_aRefusalAndThePassedCap_havePermanentCodes_andAreNeverRetried() {
        SourceNotAllowedException refusal = new SourceNotAllowedException("source not allowed: x");
        StreamTooLargeException tooLarge = new StreamTooLargeException(10);
        assertEquals(FailureReason.SOURCE_NOT_ALLOWED, StreamException.reasonOf(refusal));
        assertEquals(FailureReason.STREAM_TOO_LARGE, StreamException.reasonOf(tooLarge));
        assertTrue(FailureReason.SOURCE_NOT_ALLOWED.permanent() && FailureReason.STREAM_TOO_LARGE.permanent());
        assertFalse(ResumingInputStream.isTransient(refusal));
        assertFalse(ResumingInputStream.isTransient(tooLarge));
        StreamException read = StreamException.readFailed("ds-1", StreamName.SETTINGS, "s.jsonl", 7, 2, tooLarge);
        assertEquals("stream_too_large", read.reason().code());
    }
}
