package toothbrush.ingest.bootstrap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@code /readyz} turning 503 once its InfluxDB cannot be reached (a TCP proxy switched down) or while the
 * database's circuit breaker is open (the proxy resets every write), and 200 again once it has closed.
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
    void endpoints_reportMetricsHealthAndReadiness() throws Exception {
        Path sample = Path.of(System.getProperty("toothbrush.sample", "../sample"))
                .toAbsolutePath()
                .normalize();
        Files.copy(sample.resolve("brushing.csv"), work.resolve("brushing.csv"));
        Files.copy(sample.resolve("settings.jsonlines"), work.resolve("settings.jsonlines"));
        try (ThrowawayServers.InfluxDb influx = ThrowawayServers.InfluxDb.start();
                ThrowawayServers.TcpProxy proxy = new ThrowawayServers.TcpProxy(influx.port())) {
            influx.recreateDatabase("toothbrush");
            String db = "http://127.0.0.1:" + proxy.port() + "/write?db=toothbrush";
            WorkerProcess.enqueue(work, "dir:jobs", "brushing.csv", "settings.jsonlines", "tb-1");
            try (WorkerProcess worker = WorkerProcess.startWorker(
                    work,
                    "metrics-worker",
                    java.util.Map.of("TOOTHBRUSH_METRICS_ADDRESS", "127.0.0.1:0"),
                    "--queue",
                    "dir:jobs",
                    "--db",
                    db)) {
                String base = worker.metricsBase();
                String metrics = MetricsScrape.await(
                        base,
                        "toothbrush_jobs_total{outcome=\"completed\"} 1.0",
                        "\ntoothbrush_points_written_total 530.0\n",
                        "toothbrush_lost_seconds_total 3.65",
                        "toothbrush_job_duration_seconds_count 1",
                        "toothbrush_lines_total{kind=\"accepted\",stream=\"settings\"} 6.0");
                assertTrue(metrics.contains("\ntoothbrush_points_written_total 530.0\n"), metrics);
                assertTrue(
                        metrics.contains("toothbrush_lines_total{kind=\"accepted\",stream=\"brushing\"} 524.0"),
                        metrics);
                assertTrue(
                        metrics.contains("toothbrush_lines_total{kind=\"rejected\",stream=\"brushing\"} 6.0"), metrics);
                assertTrue(
                        metrics.contains("toothbrush_lines_total{kind=\"header\",stream=\"brushing\"} 1.0"), metrics);
                assertTrue(
                        metrics.contains("toothbrush_lines_total{kind=\"accepted\",stream=\"settings\"} 6.0"), metrics);
                assertTrue(
                        metrics.contains(
                                "toothbrush_lines_rejected_total{reason=\"malformed\",stream=\"brushing\"} 2.0"),
                        metrics);
                assertTrue(
                        metrics.contains(
                                "toothbrush_lines_rejected_total{reason=\"bad_timestamp\",stream=\"settings\"} 1.0"),
                        metrics);
                assertTrue(metrics.contains("toothbrush_lost_seconds_total 3.65"), metrics);
                assertTrue(metrics.contains("toothbrush_job_duration_seconds_count 1"), metrics);
                assertTrue(metrics.contains("toothbrush_jobs_total{outcome=\"failed\"} 0.0"), metrics);
                assertTrue(metrics.contains("toothbrush_db_circuit_open 0.0"), metrics);
                assertTrue(metrics.contains("toothbrush_stream_retries_total 0.0"), metrics);
                assertTrue(metrics.contains("toothbrush_db_retries_total 0.0"), metrics);
                assertTrue(metrics.contains("jvm_memory_used_bytes"), metrics);
                MetricsScrape.await(base, "toothbrush_queue_jobs{state=\"done\"} 1.0");

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

    @Test
    @DisplayName("/readyz answers 503 naming the circuit breaker while it is open, and 200 again once it has closed")
    void readiness_followsTheCircuitBreaker() throws Exception {
        Path sample = Path.of(System.getProperty("toothbrush.sample", "../sample"))
                .toAbsolutePath()
                .normalize();
        Files.copy(sample.resolve("brushing.csv"), work.resolve("brushing.csv"));
        Files.copy(sample.resolve("settings.jsonlines"), work.resolve("settings.jsonlines"));
        QueueView queue = new QueueView.Directory(work.resolve("jobs"));
        try (ThrowawayServers.InfluxDb influx = ThrowawayServers.InfluxDb.start();
                ThrowawayServers.TcpProxy proxy = new ThrowawayServers.TcpProxy(influx.port())) {
            influx.recreateDatabase("breaker");
            String db = "http://127.0.0.1:" + proxy.port() + "/write?db=breaker";
            // Short write retries, so five failed attempts (the breaker's minimum) come within about 1.5 s.
            try (WorkerProcess worker = WorkerProcess.startWorker(
                    work,
                    "breaker-worker",
                    java.util.Map.of(),
                    "--queue",
                    queue.uri(),
                    "--db",
                    db,
                    "--metrics-address",
                    "127.0.0.1:0",
                    "--db-retry-backoff",
                    "0.1",
                    "--db-retry-attempts",
                    "6")) {
                String base = worker.metricsBase();
                awaitReadiness(base, 200, "ok", Duration.ofSeconds(60));

                // The database stays reachable (TCP connects and GET /ping pass), but every write is reset: only
                // the circuit breaker can make the worker unready now.
                proxy.resetPosts(Integer.MAX_VALUE);
                WorkerProcess.enqueue(
                        work, queue.uri(), "brushing.csv", "settings.jsonlines", "tb-1", "--dataset-id", "ds-breaker");
                HttpResponse<String> open =
                        awaitReadiness(base, 503, "circuit breaker is open", Duration.ofSeconds(60));
                assertEquals("the database's circuit breaker is open (writes failed repeatedly)\n", open.body());
                assertTrue(
                        proxy.postsReset() >= 5, "the breaker opens after five failed writes: " + proxy.postsReset());
                assertEquals(200, get(base + "/healthz").statusCode(), "the worker loop still runs");
                assertTrue(
                        queue.jobs().stream()
                                .noneMatch(job -> job.state().equals("failed")
                                        || job.state().equals("done")),
                        "the job waits for the database: " + queue.jobs());

                proxy.resetPosts(0);
                // Open for 10 s, then half-open: the worker takes the job again, its write succeeds, the breaker
                // closes, and the job ends done.
                awaitDone(queue, "ds-breaker", Duration.ofSeconds(60));
                awaitReadiness(base, 200, "ok", Duration.ofSeconds(20));
                String metrics = MetricsScrape.await(base, "toothbrush_jobs_total{outcome=\"completed\"} 1.0");
                assertTrue(metrics.contains("toothbrush_db_circuit_open 0.0"), metrics);
                assertTrue(metrics.contains("toothbrush_jobs_total{outcome=\"failed\"} 0.0"), metrics);
                assertTrue(worker.stderr().contains("circuit breaker opened"), worker.stderr());
                assertTrue(worker.stderr().contains("is available again: circuit breaker closed"), worker.stderr());
                assertEquals(
                        java.util.Map.of("brushing", 524L, "settings", 6L),
                        InfluxPoints.countWithDatasetId(influx, "breaker", "tb-1", "ds-breaker"));
                assertTrue(worker.isAlive());
            }
        }
    }

    /** Polls /readyz until it answers {@code status} with a body containing {@code text}; returns that answer. */
    private static HttpResponse<String> awaitReadiness(String base, int status, String text, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> ready = get(base + "/readyz");
                if (ready.statusCode() == status && ready.body().contains(text)) {
                    return ready;
                }
                last = ready.statusCode() + " " + ready.body();
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/readyz did not answer " + status + " '" + text + "' within " + timeout.toSeconds()
                + " s; last: " + last);
    }

    private static void awaitDone(QueueView queue, String datasetId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (queue.jobs().stream()
                    .anyMatch(job ->
                            job.datasetId().equals(datasetId) && job.state().equals("done"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(datasetId + " not done within " + timeout.toSeconds() + " s: " + queue.jobs());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
