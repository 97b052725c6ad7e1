package toothbrush.ingest.bootstrap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a running worker's {@code /metrics} after the sample job (exact counts), {@code /healthz}, and
 * {@code /readyz} turning 503 once its InfluxDB cannot be reached (a TCP proxy switched down).
 */
class WorkerMetricsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @BeforeAll
    static void jar() {
        WorkerProcess.requireJar();
    }

    @Test
    @DisplayName("/metrics counts the sample job exactly; /healthz 200; /readyz 200, then 503 within 20 s of an outage")
    void metricsHealthAndReadiness() throws Exception {
        Path sample = Path.of(System.getProperty("toothbrush.sample", "../sample")).toAbsolutePath().normalize();
        Files.copy(sample.resolve("brushing.csv"), work.resolve("brushing.csv"));
        Files.copy(sample.resolve("settings.jsonlines"), work.resolve("settings.jsonlines"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (ThrowawayServers.InfluxDb influx = ThrowawayServers.InfluxDb.start();
             ThrowawayServers.TcpProxy proxy = new ThrowawayServers.TcpProxy(influx.port())) {
            influx.recreateDatabase("toothbrush");
            String db = "http://127.0.0.1:" + proxy.port() + "/write?db=toothbrush";
            WorkerProcess.Run queued = WorkerProcess.run(work, "enqueue", "--queue", "dir:jobs", "--brushing",
                    "brushing.csv", "--settings", "settings.jsonlines", "--toothbrush-id", "tb-1");
            assertEquals(0, queued.exitCode(), queued.stderr());
            try (WorkerProcess worker = WorkerProcess.startWorker(work, "metrics-worker",
                    java.util.Map.of("TOOTHBRUSH_METRICS_ADDRESS", "127.0.0.1:" + port),
                    "--queue", "dir:jobs", "--db", db)) {
                String base = "http://127.0.0.1:" + port;
                String metrics = awaitMetric(base, "toothbrush_jobs_total{outcome=\"completed\"} 1.0");
                assertTrue(metrics.contains("\ntoothbrush_points_written_total 530.0\n"), metrics);
                assertTrue(metrics.contains("toothbrush_lines_total{kind=\"accepted\",stream=\"brushing\"} 524.0"),
                        metrics);
                assertTrue(metrics.contains("toothbrush_lines_total{kind=\"rejected\",stream=\"brushing\"} 6.0"),
                        metrics);
                assertTrue(metrics.contains("toothbrush_lines_total{kind=\"header\",stream=\"brushing\"} 1.0"), metrics);
                assertTrue(metrics.contains("toothbrush_lines_total{kind=\"accepted\",stream=\"settings\"} 6.0"),
                        metrics);
                assertTrue(metrics.contains(
                        "toothbrush_lines_rejected_total{reason=\"malformed\",stream=\"brushing\"} 2.0"), metrics);
                assertTrue(metrics.contains(
                        "toothbrush_lines_rejected_total{reason=\"bad_timestamp\",stream=\"settings\"} 1.0"), metrics);
                assertTrue(metrics.contains("toothbrush_lost_seconds_total 3.65"), metrics);
                assertTrue(metrics.contains("toothbrush_job_duration_seconds_count 1"), metrics);
                assertTrue(metrics.contains("toothbrush_jobs_total{outcome=\"failed\"} 0.0"), metrics);
                assertTrue(metrics.contains("toothbrush_db_circuit_open 0.0"), metrics);
                assertTrue(metrics.contains("toothbrush_stream_retries_total 0.0"), metrics);
                assertTrue(metrics.contains("toothbrush_db_retries_total 0.0"), metrics);
                assertTrue(metrics.contains("jvm_memory_used_bytes"), metrics);
                awaitMetric(base, "toothbrush_queue_jobs{state=\"done\"} 1.0");

                assertEquals(200, get(base + "/healthz").statusCode());
                assertEquals(200, get(base + "/readyz").statusCode());

                proxy.down();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                HttpResponse<String> ready = get(base + "/readyz");
                while (ready.statusCode() == 200 && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    ready = get(base + "/readyz");
                }
                assertEquals(503, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("cannot be reached"), ready.body());
                assertEquals(200, get(base + "/healthz").statusCode());
                assertTrue(worker.isAlive());
            }
        }
    }

    private static String awaitMetric(String base, String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            try {
                body = get(base + "/metrics").body();
                if (body.contains(line)) {
                    return body;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no '" + line + "' within 60 s in:\n" + body);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
