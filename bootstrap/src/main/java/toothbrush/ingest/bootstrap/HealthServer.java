package toothbrush.ingest.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toothbrush.ingest.adapter.queue.JobQueue;
import toothbrush.ingest.application.report.Redaction;

/**
 * {@code worker --metrics-address}: serves {@code /metrics} (Prometheus text), {@code /healthz} (200 while the
 * worker loop runs) and {@code /readyz} (200 while queue and database can be reached and the database's circuit
 * breaker is closed, else 503 with a one-line reason). A background thread checks queue and database every
 * {@value #CHECK_SECONDS} s and samples the queue's job counts every {@value #SAMPLE_SECONDS} s.
 */
final class HealthServer implements AutoCloseable {
    static final long CHECK_SECONDS = 5;
    static final long SAMPLE_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

    private final HttpServer server;
    private final ScheduledExecutorService checks;
    private final JobQueue queue;
    private final DatabaseProbe database;
    private final BooleanSupplier circuitClosed;
    private final WorkerMetrics metrics;
    private volatile boolean running;
    private volatile String problem = "not checked yet";
    private long lastSampleNanos;

    private HealthServer(
            HttpServer server,
            JobQueue queue,
            DatabaseProbe database,
            BooleanSupplier circuitClosed,
            WorkerMetrics metrics) {
        this.server = server;
        this.queue = queue;
        this.database = database;
        this.circuitClosed = circuitClosed;
        this.metrics = metrics;
        this.checks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "health-checks");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Parses {@code HOST:PORT} ({@code [::1]:9400} for IPv6).
     *
     * @throws UsageException when it is not of that form
     */
    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 1) {
            throw new UsageException("--metrics-address must be HOST:PORT, e.g. 0.0.0.0:9400: " + hostPort);
        }
        String host = hostPort.substring(0, colon).replaceAll("^\\[|\\]$", "");
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new UsageException("--metrics-address must be HOST:PORT with a port 0-65535: " + hostPort);
        }
    }

    /** Starts serving at {@code address} and checking every few seconds. */
    static HealthServer start(
            InetSocketAddress address,
            JobQueue queue,
            DatabaseProbe database,
            BooleanSupplier circuitClosed,
            WorkerMetrics metrics)
            throws IOException {
        HttpServer http = HttpServer.create(address, 16);
        HealthServer health = new HealthServer(http, queue, database, circuitClosed, metrics);
        http.createContext("/metrics", new MetricsHandler(metrics.registry()));
        http.createContext(
                "/healthz",
                exchange -> health.answer(exchange, health.running ? null : "the worker loop" + " is not running"));
        http.createContext("/readyz", exchange -> health.answer(exchange, health.readiness()));
        http.setExecutor(Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "metrics-http");
            thread.setDaemon(true);
            return thread;
        }));
        http.start();
        health.checks.scheduleWithFixedDelay(health::check, 0, CHECK_SECONDS, TimeUnit.SECONDS);
        LOG.info("serving /metrics, /healthz and /readyz on {}:{}", address.getHostString(), health.port());
        return health;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The worker loop started or ended. */
    void running(boolean isRunning) {
        this.running = isRunning;
    }

    private String readiness() {
        if (!circuitClosed.getAsBoolean()) {
            return "the database's circuit breaker is open (writes failed repeatedly)";
        }
        return problem;
    }

    private void check() {
        String found = null;
        try {
            long now = System.nanoTime();
            if (lastSampleNanos == 0 || now - lastSampleNanos >= TimeUnit.SECONDS.toNanos(SAMPLE_SECONDS)) {
                metrics.queueSampled(queue.counts());
                lastSampleNanos = now;
            } else {
                queue.counts();
            }
        } catch (RuntimeException e) {
            found = "queue " + Redaction.text(queue.describe()) + " cannot be reached: "
                    + Redaction.text(String.valueOf(e.getMessage()));
        }
        if (found == null) {
            found = database.problem();
        }
        if (found != null && !found.equals(problem)) {
            LOG.warn("not ready: {}", found);
        }
        problem = found;
    }

    private void answer(HttpExchange exchange, String reason) throws IOException {
        byte[] body = ((reason == null ? "ok" : reason.replace('\n', ' ')) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(reason == null ? 200 : 503, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
        server.stop(0);
    }
}
