package toothbrush.ingest.adapter.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.adapter.streams.source.ByteSources;
import toothbrush.ingest.adapter.streams.source.DecodedInputStream;
import toothbrush.ingest.adapter.streams.source.SourcePolicy;
import toothbrush.ingest.adapter.streams.source.StreamTooLargeException;
import toothbrush.ingest.adapter.streams.testing.FaultyHttpServer;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.report.FailureReason;

/** U3: a stream's decoded bytes are capped; gzip is inflated no further than the cap. */
class StreamSizeCapTest {
    private static final String BRUSHING = "tick,tooth,percent_clean\n16,3,0.5\n17,4,0.75\n";
    private static final StreamSettings FAST = StreamSettings.defaults()
            .withMaxAttempts(3)
            .withBackoff(Duration.ofMillis(1), 2.0, Duration.ofMillis(4), 0.5);

    @TempDir
    Path dir;

    private static Dataset brushingAt(String uri) {
        return new Dataset("ds-1", "tb-42", uri, "unused");
    }

    private static StreamException readUntilFailure(LineStream<?> stream) {
        try (stream) {
            return assertThrows(StreamException.class, () -> {
                while (stream.next() != null) {
                    // keep reading
                }
            });
        }
    }

    @Test
    void U3_theDefaultCap_is100GB_andACapBelowOneIsRejected() {
        assertEquals(100_000_000_000L, StreamSettings.DEFAULT_MAX_STREAM_BYTES);
        assertEquals(
                StreamSettings.DEFAULT_MAX_STREAM_BYTES,
                StreamSettings.defaults().maxStreamBytes());
        assertEquals(7, StreamSettings.defaults().withMaxStreamBytes(7).maxStreamBytes());
        assertEquals(
                7,
                StreamSettings.defaults()
                        .withMaxStreamBytes(7)
                        .withMaxAttempts(2)
                        .withReadTimeout(Duration.ofSeconds(1))
                        .withBackoff(Duration.ofMillis(2), 2, Duration.ofMillis(3), 0)
                        .maxStreamBytes(),
                "every copier keeps the cap");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> StreamSettings.defaults().withMaxStreamBytes(0));
        assertEquals("maxStreamBytes must be >= 1: 0", e.getMessage());
    }

    @Test
    void U3_aStreamOfExactlyTheCap_isReadWhole_andOneByteMoreIsTooLarge() throws IOException {
        byte[] data = TestInputs.utf8(BRUSHING);
        Path exact = Files.write(dir.resolve("exact.csv"), data);
        StreamsDatasetReader atCap = new StreamsDatasetReader(FAST.withMaxStreamBytes(data.length));
        assertEquals(
                3,
                Rendering.readAll(atCap.openBrushing(brushingAt(exact.toString())))
                        .size());

        StreamsDatasetReader belowCap = new StreamsDatasetReader(FAST.withMaxStreamBytes(data.length - 1));
        StreamException e = readUntilFailure(belowCap.openBrushing(brushingAt(exact.toString())));
        assertEquals(FailureReason.STREAM_TOO_LARGE, e.reason());
        assertFalse(e.retryable(), "stream_too_large is permanent");
        long cap = data.length - 1;
        assertEquals(
                "dataset ds-1: brushing stream " + exact + " failed at byte " + data.length + " (line 3): the"
                        + " stream has more than " + cap
                        + " decoded bytes (the stream size cap): stopped at decoded byte "
                        + cap,
                e.getMessage());
    }

    @Test
    void U3_decodedBytesAreCounted_notCompressedOnes() throws IOException {
        byte[] plain = TestInputs.utf8("16,3,0.5\n".repeat(10_000));
        byte[] gz = TestInputs.gzip(plain);
        assertTrue(gz.length < plain.length / 10);
        Path file = Files.write(dir.resolve("b.csv.gz"), gz);
        StreamsDatasetReader reader = new StreamsDatasetReader(FAST.withMaxStreamBytes(plain.length / 2));
        StreamException e = readUntilFailure(reader.openBrushing(brushingAt(file.toString())));
        assertEquals(FailureReason.STREAM_TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("more than " + plain.length / 2 + " decoded bytes"), e.getMessage());
        StreamsDatasetReader roomy = new StreamsDatasetReader(FAST.withMaxStreamBytes(plain.length));
        assertEquals(
                10_000,
                Rendering.readAll(roomy.openBrushing(brushingAt(file.toString())))
                        .size());
    }

    @Test
    void U3_gzip_isInflatedNoFurtherThanTheCap() throws IOException {
        byte[] bomb = FaultyHttpServer.gzipOfZeros(1L << 30);
        try (DecodedInputStream in = new DecodedInputStream(new ByteArrayInputStream(bomb), 1_000_000)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            StreamTooLargeException e = null;
            try {
                int n;
                while ((n = in.read(buf, 0, buf.length)) >= 0) {
                    total += n;
                }
            } catch (StreamTooLargeException tooLarge) {
                e = tooLarge;
            }
            assertTrue(e != null, "the bomb is refused");
            assertEquals(1_000_000, total, "every byte up to the cap, none after");
            assertEquals(1_000_000, in.decodedBytesRead());
            assertEquals(1_000_000, e.cap());
            assertThrows(StreamTooLargeException.class, () -> in.read(buf, 0, 1), "and on every later read");
            assertTrue(
                    in.rawBytesRead() <= 2 * 65_536,
                    "most of the bomb was never even read (one or two 64 KiB" + " input buffers of about 1 MB): "
                            + in.rawBytesRead() + " of " + bomb.length);
        }
    }

    @Test
    void U3_aGzipBombOverHttp_failsFast_afterInflatingAboutTheCap_andIsNotRetried() {
        long tenGb = 10_000_000_000L;
        long cap = 100_000_000L;
        try (FaultyHttpServer server =
                FaultyHttpServer.builder().gzipBomb("/bomb.csv.gz", tenGb).build()) {
            long objectBytes = FaultyHttpServer.gzipOfZeros(1 << 20).length * (tenGb >> 20);
            StreamsDatasetReader reader =
                    new StreamsDatasetReader(FAST.withMaxStreamBytes(cap), SourcePolicy.unrestricted());
            long start = System.nanoTime();
            StreamException e = readUntilFailure(reader.openBrushing(brushingAt(server.url("/bomb.csv.gz"))));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(FailureReason.STREAM_TOO_LARGE, e.reason());
            assertTrue(e.getMessage().contains("more than 100000000 decoded bytes"), e.getMessage());
            assertTrue(millis < 10_000, "inflating 100 MB takes well under 10 s, not the 10 GB: " + millis + " ms");
            assertTrue(e.byteOffset() < objectBytes / 50, "about 1% of the bomb was read: " + e.byteOffset());
            assertEquals(1, server.exchanges().size(), "not retried");
        }
    }

    @Test
    void U3_theCapIsNotRetried_byTheResumingStream() throws IOException {
        AtomicInteger opens = new AtomicInteger();
        byte[] data = TestInputs.utf8(BRUSHING.repeat(100));
        ByteSources files = new ByteSources(Duration.ofSeconds(1), Duration.ofSeconds(1));
        Path file = Files.write(dir.resolve("b.csv"), data);
        StreamsDatasetReader reader = new StreamsDatasetReader(
                FAST.withMaxStreamBytes(100), uri -> TestInputs.countingOpens(files.forUri(uri), opens));
        StreamException e = readUntilFailure(reader.openBrushing(brushingAt(file.toString())));
        assertEquals(FailureReason.STREAM_TOO_LARGE, e.reason());
        assertEquals(1, opens.get());
        assertFalse(ResumingInputStream.isTransient(new StreamTooLargeException(1)));
    }
}
