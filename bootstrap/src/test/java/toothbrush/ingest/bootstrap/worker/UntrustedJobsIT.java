package toothbrush.ingest.bootstrap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * U1, U2, F1 end to end: hostile jobs in a real {@code dir:} queue, drained by the real worker process (the
 * shaded jar, 64 MB heap). Bad jobs fail with their F1 code without holding up the good job behind them.
 */
class UntrustedJobsIT {
    @TempDir
    Path work;

    private Path brushing;
    private Path settings;
    private HttpServer server;
    private HttpServer otherPort;

    @BeforeAll
    static void jar() {
        WorkerProcess.requireJar();
    }

    @BeforeEach
    void sampleAndServers() throws IOException {
        Path sample = Path.of(System.getProperty("toothbrush.sample", "../sample"))
                .toAbsolutePath()
                .normalize();
        brushing = Files.copy(sample.resolve("brushing.csv"), work.resolve("brushing.csv"));
        settings = Files.copy(sample.resolve("settings.jsonlines"), work.resolve("settings.jsonlines"));
        byte[] csv = Files.readAllBytes(brushing);
        otherPort = server(Map.of("/b.csv", exchange -> {
            exchange.sendResponseHeaders(200, csv.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(csv);
            }
        }));
        String elsewhere = "http://127.0.0.1:" + otherPort.getAddress().getPort() + "/b.csv";
        server = server(Map.of(
                "/good.csv",
                        exchange -> {
                            exchange.sendResponseHeaders(200, csv.length);
                            try (OutputStream body = exchange.getResponseBody()) {
                                body.write(csv);
                            }
                        },
                "/redirect.csv",
                        exchange -> {
                            exchange.getResponseHeaders().add("Location", elsewhere);
                            exchange.sendResponseHeaders(302, -1);
                            exchange.close();
                        },
                "/trickle.csv",
                        exchange -> {
                            // One byte every 1.5 s, forever: never idle long enough for the read timeout.
                            exchange.sendResponseHeaders(200, 0);
                            try (OutputStream body = exchange.getResponseBody()) {
                                body.write("tick,tooth,percent_clean\n".getBytes(StandardCharsets.US_ASCII));
                                body.flush();
                                for (int i = 0; i < 200; i++) {
                                    Thread.sleep(1_500);
                                    body.write('0' + i % 10);
                                    body.flush();
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } catch (IOException e) {
                                // the worker gave up on us: what this test wants
                            }
                        }));
    }

    @AfterEach
    void stopServers() {
        server.stop(0);
        otherPort.stop(0);
    }

    private static HttpServer server(Map<String, com.sun.net.httpserver.HttpHandler> handlers) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers.forEach(http::createContext);
        http.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "untrusted-jobs-it-http");
            thread.setDaemon(true);
            return thread;
        }));
        http.start();
        return http;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void enqueue(String datasetId, String brushingUri, String settingsUri) throws Exception {
        WorkerProcess.enqueue(work, "dir:jobs", brushingUri, settingsUri, "tb-42", "--dataset-id", datasetId);
        Thread.sleep(5); // the dir: queue orders jobs by enqueue time (ms), then name
    }

    private Map<String, QueueView.JobRecord> jobs() throws IOException {
        return new QueueView.Directory(work.resolve("jobs"))
                .jobs().stream().collect(Collectors.toMap(QueueView.JobRecord::datasetId, Function.identity()));
    }

    @Test
    @DisplayName("U2: /dev/zero, /etc/passwd and a loopback URL fail at once with source_not_allowed under the"
            + " worker's default policy; the good job behind them is done within seconds")
    void defaultPolicy_refusesHostileSources_andTheGoodJobIsDone() throws Exception {
        enqueue("ds-zero", "/dev/zero", settings.toString());
        enqueue("ds-passwd", brushing.toString(), "/etc/passwd");
        enqueue("ds-loopback", url("/good.csv"), settings.toString());
        enqueue("ds-good", "brushing.csv", "settings.jsonlines");

        long started = System.nanoTime();
        WorkerProcess.Run worker =
                WorkerProcess.run(work, "worker", "--queue", "dir:jobs", "--db", "lp:points.lp", "--drain");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(0, worker.exitCode(), worker.stderr());
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "drained in " + took);
        Map<String, QueueView.JobRecord> jobs = jobs();
        for (String bad : List.of("ds-zero", "ds-passwd", "ds-loopback")) {
            QueueView.JobRecord job = jobs.get(bad);
            assertEquals("failed", job.state(), bad);
            assertEquals(1, job.attempts(), bad + ": permanent, dead-lettered at once");
            assertEquals("source_not_allowed", job.lastError(), bad);
            assertEquals("source_not_allowed", job.report().path("reason").asText(), bad);
            assertTrue(
                    job.report().path("message").asText().startsWith("dataset " + bad + ": "),
                    job.report().toString());
        }
        // No existence oracle: nothing of /etc/passwd (its size, its lines) reaches the report.
        QueueView.JobRecord passwd = jobs.get("ds-passwd");
        assertEquals(0, passwd.report().path("settings").path("lines").asLong());
        assertEquals(0, passwd.report().path("settings").path("bytes_read").asLong());
        assertEquals("done", jobs.get("ds-good").state());
        assertEquals(530, jobs.get("ds-good").report().path("points_written").asLong());
        assertFalse(worker.stderr().contains("root:"), "no content of /etc/passwd in the log");
    }

    @Test
    @DisplayName("U1, U2: with --allow-source for a local server, a redirect to another port is refused and a"
            + " trickling stream fails with deadline_exceeded after --job-timeout 8; the good job is still done")
    void allowedServer_redirectRefused_trickleTimesOut_goodJobDone() throws Exception {
        enqueue("ds-redirect", url("/redirect.csv"), settings.toString());
        enqueue("ds-trickle", url("/trickle.csv"), settings.toString());
        enqueue("ds-good", url("/good.csv"), settings.toString());

        long started = System.nanoTime();
        WorkerProcess.Run worker = WorkerProcess.run(
                work,
                "worker",
                "--queue",
                "dir:jobs",
                "--db",
                "lp:points.lp",
                "--drain",
                "--job-timeout",
                "8",
                "--allow-source",
                url("/"),
                "--allow-source",
                "file:" + work + "/");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(0, worker.exitCode(), worker.stderr());
        assertTrue(took.compareTo(Duration.ofSeconds(40)) < 0, "drained in " + took);
        Map<String, QueueView.JobRecord> jobs = jobs();
        QueueView.JobRecord redirect = jobs.get("ds-redirect");
        assertEquals("failed", redirect.state());
        assertEquals("source_not_allowed", redirect.lastError());

        // U1: retryable, so back to pending for a later attempt (counted), not before its backoff.
        QueueView.JobRecord trickle = jobs.get("ds-trickle");
        assertEquals("pending", trickle.state());
        assertEquals(1, trickle.attempts());
        assertEquals("deadline_exceeded", trickle.lastError());
        assertTrue(
                worker.stderr().matches("(?s).*dataset ds-trickle \\(job [^)]*attempt 1[^)]*\\): retry in .*"),
                worker.stderr());
        assertTrue(
                worker.stderr().contains("deadline_exceeded: dataset ds-trickle: deadline exceeded"), worker.stderr());

        QueueView.JobRecord good = jobs.get("ds-good");
        assertEquals("done", good.state());
        assertEquals(530, good.report().path("points_written").asLong());
    }
}
