package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.adapter.streams.testing.FaultyHttpServer;

/**
 * End to end over a breaking network: the jar ingests the sample from a local HTTP server that cuts
 * every stream dozens of times and answers 503 in between; the report and the points must equal a
 * run on the same files read locally.
 */
class HttpIngestIT {
    @TempDir
    Path work;

    private JarRunner.Run ingest(String brushing, String settings, Path lp) throws Exception {
        return JarRunner.run(
                work,
                "ingest",
                "--brushing",
                brushing,
                "--settings",
                settings,
                "--toothbrush-id",
                "tb-42",
                "--dataset-id",
                "ds-http",
                "--db",
                "lp:" + lp,
                "--read-timeout",
                "2",
                "--max-attempts",
                "6");
    }

    private JarRunner.Run local(Path lp) throws Exception {
        Path sample = JarRunner.sample();
        return ingest(
                sample.resolve("brushing.csv").toString(),
                sample.resolve("settings.jsonlines").toString(),
                lp);
    }

    @Test
    @DisplayName("dozens of cuts per stream and 503s in between: the same report and points as a local read")
    void cutsAndServerErrors_changeNothing() throws Exception {
        Path sample = JarRunner.sample();
        byte[] brushing = Files.readAllBytes(sample.resolve("brushing.csv"));
        byte[] settings = Files.readAllBytes(sample.resolve("settings.jsonlines"));
        JarRunner.Run expected = local(work.resolve("local.lp"));
        assertEquals(0, expected.exitCode(), expected.stderr());

        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object("/brushing.csv", brushing)
                .object("/settings.jsonlines", settings)
                .randomCuts(40, 20261128L)
                .failEvery(7, 503)
                .build()) {
            Path lp = work.resolve("http.lp");
            JarRunner.Run run = ingest(server.url("/brushing.csv"), server.url("/settings.jsonlines"), lp);
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(server.cutsDone() >= 40, "cuts done: " + server.cutsDone());
            assertEquals(expected.stdout(), run.stdout());
            assertEquals(Files.readAllLines(work.resolve("local.lp")), Files.readAllLines(lp));
        }
    }

    @Test
    @DisplayName("a gzip stream cut many times resumes on its compressed bytes")
    void gzipStream_resumesOnItsCompressedBytes() throws Exception {
        Path sample = JarRunner.sample();
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(Files.readAllBytes(sample.resolve("brushing.csv")));
        }
        JarRunner.Run expected = local(work.resolve("local.lp"));
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object("/brushing.csv.gz", zipped.toByteArray())
                .object("/settings.jsonlines", Files.readAllBytes(sample.resolve("settings.jsonlines")))
                .randomCuts(25, 7L)
                .build()) {
            Path lp = work.resolve("http.lp");
            JarRunner.Run run = ingest(server.url("/brushing.csv.gz"), server.url("/settings.jsonlines"), lp);
            assertEquals(0, run.exitCode(), run.stderr());
            assertEquals(Files.readAllLines(work.resolve("local.lp")), Files.readAllLines(lp));
            // Only bytes_read differs: it counts the compressed bytes.
            assertEquals(
                    expected.stdout().replaceAll("\"bytes_read\":\\d+", ""),
                    run.stdout().replaceAll("\"bytes_read\":\\d+", ""));
        }
    }

    @Test
    @DisplayName("an object replaced mid-download fails the job as a retryable failure (exit 1) with a clear reason")
    void replacedObject_failsTheJobRetryably() throws Exception {
        Path sample = JarRunner.sample();
        byte[] brushing = Files.readAllBytes(sample.resolve("brushing.csv"));
        byte[] other = new String(brushing, java.nio.charset.StandardCharsets.UTF_8)
                .replace("0.5", "0.6")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object("/brushing.csv", brushing)
                .object("/settings.jsonlines", Files.readAllBytes(sample.resolve("settings.jsonlines")))
                .cutAt(3000)
                .replaceAfter(3000, other)
                .build()) {
            JarRunner.Run run =
                    ingest(server.url("/brushing.csv"), server.url("/settings.jsonlines"), work.resolve("p.lp"));
            assertEquals(1, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("ds-http") && run.stderr().contains("object changed"), run.stderr());
        }
    }

    @Test
    @DisplayName("a 404 fails at once (exit 1) naming the URL")
    void notFound_failsAtOnce() throws Exception {
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object(
                        "/settings.jsonlines",
                        Files.readAllBytes(JarRunner.sample().resolve("settings.jsonlines")))
                .build()) {
            JarRunner.Run run =
                    ingest(server.url("/missing.csv"), server.url("/settings.jsonlines"), work.resolve("p.lp"));
            assertEquals(1, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("/missing.csv") && run.stderr().contains("404"), run.stderr());
        }
    }
}
