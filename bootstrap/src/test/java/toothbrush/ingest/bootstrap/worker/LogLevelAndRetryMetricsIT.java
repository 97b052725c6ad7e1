package toothbrush.ingest.bootstrap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.adapter.streams.testing.FaultyHttpServer;

/**
 * Issue 14: {@code --log-level} and {@code TOOTHBRUSH_LOG_LEVEL} on the jar, and the stream and database retry
 * counters.
 */
class LogLevelAndRetryMetricsIT {

    @TempDir
    Path work;

    @BeforeAll
    static void jar() {
        WorkerProcess.requireJar();
    }

    /** Runs the jar with {@code environment} added; returns its standard error. */
    private String stderrOf(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-jar",
                WorkerProcess.jar().toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(work, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), Files.readString(err));
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    private String[] enqueue(String datasetId, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "enqueue",
                "--queue",
                "dir:jobs",
                "--brushing",
                "b.csv",
                "--settings",
                "s.jsonl",
                "--toothbrush-id",
                "tb-1",
                "--dataset-id",
                datasetId));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    @DisplayName("--log-level warn and TOOTHBRUSH_LOG_LEVEL=warn silence the INFO lines; the default keeps them")
    void logLevel_fromTheFlagOrTheEnvironment() throws Exception {
        String info = "[INFO] DirectoryJobQueue - queue dir:jobs: enqueued job";
        assertTrue(stderrOf(Map.of(), enqueue("ds-a")).contains(info));
        assertFalse(stderrOf(Map.of(), enqueue("ds-b", "--log-level", "warn")).contains("[INFO]"));
        assertFalse(stderrOf(Map.of("TOOTHBRUSH_LOG_LEVEL", "warn"), enqueue("ds-c"))
                .contains("[INFO]"));
        // A flag wins over the variable.
        assertTrue(stderrOf(Map.of("TOOTHBRUSH_LOG_LEVEL", "warn"), enqueue("ds-d", "--log-level", "info"))
                .contains(info));
    }

    @Test
    @DisplayName("a stream that answers 503 once is resumed, and toothbrush_stream_retries_total counts the retry")
    void streamRetry_isCounted() throws Exception {
        Path sample = Path.of(System.getProperty("toothbrush.sample", "../sample"))
                .toAbsolutePath()
                .normalize();
        Files.copy(sample.resolve("settings.jsonlines"), work.resolve("settings.jsonlines"));
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object("/brushing.csv", Files.readAllBytes(sample.resolve("brushing.csv")))
                .failFirst(1, 503)
                .build()) {
            WorkerProcess.enqueue(work, "dir:jobs", server.url("/brushing.csv"), "settings.jsonlines", "tb-1");
            String allowServer = server.url("/");
            try (WorkerProcess worker = WorkerProcess.startWorker(
                    work,
                    "retry-worker",
                    Map.of(),
                    "--queue",
                    "dir:jobs",
                    "--db",
                    "lp:points.lp",
                    "--metrics-address",
                    "127.0.0.1:0",
                    "--allow-source",
                    allowServer,
                    "--allow-source",
                    "file:" + work + "/")) {
                String metrics = MetricsScrape.await(
                        worker.metricsBase(),
                        "toothbrush_jobs_total{outcome=\"completed\"} 1.0",
                        "\ntoothbrush_stream_retries_total 1.0\n",
                        "\ntoothbrush_points_written_total 530.0\n");
                assertTrue(metrics.contains("\ntoothbrush_stream_retries_total 1.0\n"), metrics);
                assertTrue(metrics.contains("\ntoothbrush_points_written_total 530.0\n"), metrics);
                assertTrue(worker.isAlive());
            }
        }
    }

    @Test
    @DisplayName("a database write reset once is retried: the job completes with every point in InfluxDB,"
            + " and toothbrush_db_retries_total counts exactly that retry")
    void databaseRetry_isCounted() throws Exception {
        Path sample = Path.of(System.getProperty("toothbrush.sample", "../sample"))
                .toAbsolutePath()
                .normalize();
        Files.copy(sample.resolve("brushing.csv"), work.resolve("brushing.csv"));
        Files.copy(sample.resolve("settings.jsonlines"), work.resolve("settings.jsonlines"));
        try (ThrowawayServers.InfluxDb influx = ThrowawayServers.InfluxDb.start();
                ThrowawayServers.TcpProxy proxy = new ThrowawayServers.TcpProxy(influx.port())) {
            influx.recreateDatabase("retries");
            // The sample is one batch (530 points < 5,000): its first POST is reset, the retry goes through.
            // The sink's TCP probe before the dataset and the readiness check's GET /ping pass untouched.
            proxy.resetPosts(1);
            WorkerProcess.enqueue(
                    work, "dir:jobs", "brushing.csv", "settings.jsonlines", "tb-1", "--dataset-id", "ds-retry");
            try (WorkerProcess worker = WorkerProcess.startWorker(
                    work,
                    "db-retry-worker",
                    Map.of(),
                    "--queue",
                    "dir:jobs",
                    "--db",
                    "http://127.0.0.1:" + proxy.port() + "/write?db=retries",
                    "--metrics-address",
                    "127.0.0.1:0")) {
                String metrics = MetricsScrape.await(
                        worker.metricsBase(),
                        "toothbrush_jobs_total{outcome=\"completed\"} 1.0",
                        "\ntoothbrush_db_retries_total 1.0\n",
                        "\ntoothbrush_points_written_total 530.0\n");
                assertEquals(1, proxy.postsReset(), "the fault was injected once");
                assertTrue(metrics.contains("\ntoothbrush_db_retries_total 1.0\n"), metrics);
                assertTrue(metrics.contains("\ntoothbrush_points_written_total 530.0\n"), metrics);
                assertTrue(metrics.contains("toothbrush_jobs_total{outcome=\"retry\"} 0.0"), metrics);
                assertTrue(metrics.contains("toothbrush_jobs_total{outcome=\"released\"} 0.0"), metrics);
                assertEquals(
                        Map.of("brushing", 524L, "settings", 6L),
                        InfluxPoints.countWithDatasetId(influx, "retries", "tb-1", "ds-retry"));
                assertTrue(worker.isAlive());
            }
        }
    }
}
