package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.adapter.llamadb.HttpWriteSettings.BreakerPolicy;
import toothbrush.ingest.adapter.llamadb.HttpWriteSettings.RetryPolicy;
import toothbrush.ingest.adapter.llamadb.ScriptedHttpServer.Response;

/**
 * The {@code http(s)://} backend against a scripted local server: request format, batching,
 * backpressure, retries, the circuit breaker and what {@code flush}/{@code discard} promise.
 */
class HttpLineProtocolClientTest {

    private static final long T0 = 1_595_896_877_637_498_000L;
    private static final String WRITE = "/write?db=toothbrush";

    private ScriptedHttpServer server;
    private final Tags tags = new Tags().add("toothbrush_id", "tb-42");
    private final Fields fields = new Fields();
    private final List<HttpLineProtocolClient> clients = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = new ScriptedHttpServer();
    }

    @AfterEach
    void stop() {
        for (HttpLineProtocolClient client : clients) {
            client.close();
        }
        server.close();
    }

    @Test
    @DisplayName("Batches are POSTed gzip-compressed as line protocol, batchSize points each, with the token")
    void batches_arePostedGzippedWithTheToken() {
        HttpLineProtocolClient client = connect(WRITE, fast(2), "s3cret");

        client.beginDataset("tb-42", "ds-1");
        insert(client, 0, 1, 2);
        client.flush();

        List<ScriptedHttpServer.Request> requests = server.requests();
        assertEquals(2, requests.size());
        List<String> bodies = new ArrayList<>();
        for (ScriptedHttpServer.Request request : requests) {
            assertEquals("POST", request.method());
            assertEquals(WRITE, request.pathAndQuery());
            assertEquals("gzip", request.header("Content-Encoding"));
            assertEquals("text/plain; charset=utf-8", request.header("Content-Type"));
            assertEquals("Token s3cret", request.header("Authorization"));
            bodies.add(request.body());
        }
        Collections.sort(bodies);
        assertEquals(List.of(line(0) + line(1), line(2)), bodies);
    }

    @Test
    @DisplayName("Without a token no Authorization header is sent; gzip can be turned off")
    void noToken_noAuthorization_plainBody() {
        HttpLineProtocolClient client = connect(WRITE, fast(10).withGzip(false), null);

        insert(client, 7);
        client.flush();

        ScriptedHttpServer.Request request = server.requests().get(0);
        assertNull(request.header("Authorization"));
        assertNull(request.header("Content-Encoding"));
        assertEquals(line(7), request.body());
    }

    @Test
    @DisplayName("F4: the client's URI hides the values of p=, password=, token= and X-Amz-Signature=")
    void F4_uri_hidesSecrets() {
        assertEquals(
                "http://h/write?db=x&u=me&p=***&token=***&X-Amz-Signature=***",
                HttpLineProtocolClient.connect(
                                "http://h/write?db=x&u=me&p=secret&token=t&X-Amz-Signature=abc", fast(1), null)
                        .uri());
        assertEquals(
                "http://h/write?db=x",
                HttpLineProtocolClient.connect("http://h/write?db=x", fast(1), null)
                        .uri());
    }

    @Test
    @DisplayName("Opening a dataset against a port where nothing listens fails within the connect timeout:"
            + " connection refused, naming the redacted URL")
    void refusedConnection_failsTheDatasetFast() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpWriteSettings patient =
                fast(10).withRetry(new RetryPolicy(60, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), 0.0));
        HttpLineProtocolClient client = HttpLineProtocolClient.connect(
                "http://127.0.0.1:" + closedPort + WRITE + "&p=planted-pw", patient, null);
        clients.add(client);

        long start = System.nanoTime();
        LlamaDbException failure = assertThrows(LlamaDbException.class, () -> client.beginDataset("tb-42", "ds-1"));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(millis < 2_000, "took " + millis + " ms");
        assertTrue(failure.retryable());
        assertEquals(
                "LlamaDB http://127.0.0.1:" + closedPort + WRITE + "&p=*** dataset ds-1: connection refused:"
                        + " nothing listens at 127.0.0.1:" + closedPort,
                failure.getMessage());
        // nothing was started: the next dataset may be opened (and is refused the same way)
        assertThrows(LlamaDbException.class, () -> client.beginDataset("tb-42", "ds-2"));
    }

    @Test
    @DisplayName("Refused opens count as failures of the circuit breaker: the database turns unavailable")
    void refusedConnections_openTheBreaker() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpLineProtocolClient client = HttpLineProtocolClient.connect(
                "http://127.0.0.1:" + closedPort + WRITE,
                fast(10).withBreaker(new BreakerPolicy(2, 2, 50f, Duration.ofSeconds(30))),
                null);
        clients.add(client);
        assertTrue(client.available());

        assertThrows(LlamaDbException.class, () -> client.beginDataset("tb-42", "ds-1"));
        assertThrows(LlamaDbException.class, () -> client.beginDataset("tb-42", "ds-2"));

        assertFalse(client.available());
    }

    @Test
    @DisplayName("A 503 is retried: the same batch is sent again and the flush succeeds")
    void serverError_isRetried() {
        server.script(index -> index == 0 ? new Response(503, "{\"error\":\"busy\"}") : Response.noContent());
        HttpLineProtocolClient client = connect(WRITE, fast(10), null);

        client.beginDataset("tb-42", "ds-1");
        insert(client, 1, 2);
        client.flush();

        List<ScriptedHttpServer.Request> requests = server.requests();
        assertEquals(2, requests.size());
        assertEquals(line(1) + line(2), requests.get(0).body());
        assertEquals(requests.get(0).body(), requests.get(1).body());
    }

    @Test
    @DisplayName("A 429 is retried no sooner than its Retry-After seconds")
    void tooManyRequests_honoursRetryAfter() {
        server.script(index -> index == 0 ? new Response(429, "slow down", "Retry-After", "1") : Response.noContent());
        HttpLineProtocolClient client = connect(
                WRITE,
                fast(10).withRetry(new RetryPolicy(3, Duration.ofMillis(10), 2.0, Duration.ofSeconds(5), 0.0)),
                null);

        insert(client, 1);
        client.flush();

        List<ScriptedHttpServer.Request> requests = server.requests();
        assertEquals(2, requests.size());
        long waitedMillis = (requests.get(1).receivedNanos() - requests.get(0).receivedNanos()) / 1_000_000;
        assertTrue(waitedMillis >= 990, "retried after " + waitedMillis + " ms");
    }

    @Test
    @DisplayName("A 400 is not retried: the flush fails, not retryable, quoting the server's message")
    void badRequest_isNotRetried() {
        String error = "{\"error\":\"partial write: field type conflict: input field \\\"tick\\\" on measurement"
                + " \\\"brushing\\\" is type float, already exists as type integer dropped=1\"}";
        server.script(index -> new Response(400, error));
        HttpLineProtocolClient client = connect(WRITE, fast(10), null);

        client.beginDataset("tb-42", "ds-1");
        insert(client, 1, 2);
        LlamaDbException failure = assertThrows(LlamaDbException.class, client::flush);

        assertEquals(1, server.requests().size());
        assertFalse(failure.retryable());
        assertEquals("ds-1", failure.datasetId());
        assertEquals(
                "LlamaDB " + server.url(WRITE) + " dataset ds-1: the server refused batch 1 (2 points): HTTP 400: "
                        + error,
                failure.getMessage());
    }

    @Test
    @DisplayName("A long error body is quoted truncated to 500 characters")
    void longErrorBody_isTruncated() {
        String body = "x".repeat(2000);
        server.script(index -> new Response(413, body));
        HttpLineProtocolClient client = connect(WRITE, fast(10), null);

        insert(client, 1);
        LlamaDbException failure = assertThrows(LlamaDbException.class, client::flush);

        assertTrue(
                failure.getMessage().endsWith("HTTP 413: " + "x".repeat(500) + "... (1500 more characters)"),
                failure.getMessage());
        assertFalse(failure.retryable());
    }

    @Test
    @DisplayName("A batch still failing when its attempts are used up fails the flush, retryable")
    void persistentServerError_exhaustsTheRetryBudget() {
        server.script(index -> new Response(500, "boom"));
        HttpLineProtocolClient client = connect(WRITE, fast(10), null);

        client.beginDataset("tb-42", "ds-1");
        insert(client, 1);
        LlamaDbException failure = assertThrows(LlamaDbException.class, client::flush);

        assertEquals(5, server.requests().size());
        assertTrue(failure.retryable());
        assertEquals(
                "LlamaDB " + server.url(WRITE) + " dataset ds-1: batch 1 (1 point) not acknowledged after 5"
                        + " attempts: HTTP 500: boom",
                failure.getMessage());
    }

    @Test
    @DisplayName("An unreachable server fails the flush after the retries, retryable, naming the connection error")
    void unreachableServer_failsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpLineProtocolClient client =
                HttpLineProtocolClient.connect("http://127.0.0.1:" + closedPort + WRITE, fast(10), null);
        clients.add(client);

        insert(client, 1);
        LlamaDbException failure = assertThrows(LlamaDbException.class, client::flush);

        assertTrue(failure.retryable());
        assertTrue(
                failure.getMessage().contains("batch 1 (1 point) not acknowledged after 5 attempts: ConnectException"),
                failure.getMessage());
    }

    @Test
    @DisplayName("A response slower than the request timeout is retried: the server may get a batch twice (P4)")
    void timeout_isRetried() {
        server.script(index -> {
            if (index == 0) {
                Thread.sleep(1_500);
            }
            return Response.noContent();
        });
        HttpLineProtocolClient client =
                connect(WRITE, fast(10).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)), null);

        insert(client, 1, 2, 3);
        client.flush();

        List<ScriptedHttpServer.Request> requests = server.requests();
        assertEquals(2, requests.size());
        assertEquals(requests.get(0).body(), requests.get(1).body());
    }

    @Test
    @DisplayName("Backpressure: with every sender busy and the next batch full, insert blocks; nothing is dropped")
    void busySenders_blockTheInserts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.script(index -> {
            release.await(10, TimeUnit.SECONDS);
            return Response.noContent();
        });
        HttpLineProtocolClient client = connect(WRITE, fast(1).withMaxInFlightBatches(2), null);
        AtomicInteger inserted = new AtomicInteger();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int tick = 0; tick < 6; tick++) {
                    insert(client, tick);
                    inserted.incrementAndGet();
                }
                client.flush();
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        writer.start();

        awaitTrue(() -> server.concurrent() == 2 && inserted.get() == 3 && writer.getState() == Thread.State.WAITING);
        Thread.sleep(200);
        assertEquals(3, inserted.get(), "two batches in flight, one waiting; the fourth insert blocks");
        assertEquals(2, server.requests().size());

        release.countDown();
        writer.join(10_000);
        assertNull(failed.get());
        assertEquals(6, inserted.get());
        assertEquals(6, server.requests().size());
        assertEquals(2, server.maxConcurrent());
        List<String> bodies = new ArrayList<>();
        server.requests().forEach(request -> bodies.add(request.body()));
        Collections.sort(bodies);
        List<String> expected = new ArrayList<>();
        for (int tick = 0; tick < 6; tick++) {
            expected.add(line(tick));
        }
        Collections.sort(expected);
        assertEquals(expected, bodies);
    }

    @Test
    @DisplayName(
            "The circuit breaker opens while the server fails, writes wait and retry, and it closes once a write succeeds")
    void breaker_opensAndCloses() {
        server.script(index -> index < 6 ? new Response(503, "down") : Response.noContent());
        HttpLineProtocolClient client = connect(
                WRITE,
                fast(10).withRetry(new RetryPolicy(60, Duration.ofMillis(20), 2.0, Duration.ofMillis(100), 0.0))
                        .withBreaker(new BreakerPolicy(4, 2, 50f, Duration.ofMillis(300))),
                null);
        List<Boolean> changes = Collections.synchronizedList(new ArrayList<>());
        client.onAvailabilityChange(changes::add);
        assertTrue(client.available());

        insert(client, 1);
        client.flush();

        assertEquals(Boolean.FALSE, changes.get(0));
        assertEquals(Boolean.TRUE, changes.get(changes.size() - 1));
        assertEquals(CircuitBreaker.State.CLOSED, client.breakerState());
        assertTrue(client.available());
        assertEquals(7, server.requests().size());
    }

    @Test
    @DisplayName("While the breaker is open, available() is false")
    void openBreaker_isUnavailable() {
        server.script(index -> new Response(503, "down"));
        HttpLineProtocolClient client = connect(
                WRITE,
                fast(10).withRetry(new RetryPolicy(3, Duration.ofMillis(10), 1.0, Duration.ofMillis(10), 0.0))
                        .withBreaker(new BreakerPolicy(2, 2, 50f, Duration.ofSeconds(30))),
                null);

        insert(client, 1);
        assertThrows(LlamaDbException.class, client::flush);

        assertEquals(CircuitBreaker.State.OPEN, client.breakerState());
        assertFalse(client.available());
        assertEquals(2, server.requests().size(), "the third attempt was refused by the open breaker");
    }

    @Test
    @DisplayName("discard abandons the retries of batches in flight; the next dataset is written normally")
    void discard_abandonsRetries() {
        AtomicInteger failing = new AtomicInteger(1);
        server.script(index -> failing.get() == 1 ? new Response(503, "down") : Response.noContent());
        HttpLineProtocolClient client = connect(
                WRITE,
                fast(1).withRetry(new RetryPolicy(100, Duration.ofSeconds(5), 1.0, Duration.ofSeconds(5), 0.0)),
                null);
        client.beginDataset("tb-42", "ds-1");
        insert(client, 1);
        awaitTrue(() -> server.requests().size() == 1);

        long start = System.nanoTime();
        client.discard();
        long discardMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(discardMillis < 2_000, "discard took " + discardMillis + " ms");
        failing.set(0);
        client.beginDataset("tb-42", "ds-2");
        insert(client, 2);
        client.flush();
        assertEquals(
                line(2), server.requests().get(server.requests().size() - 1).body());
    }

    @Test
    @DisplayName("A failed batch fails the next insert too, not only the flush; discard clears it for the next dataset")
    void failedBatch_failsTheNextInsert() {
        server.script(index -> index == 0 ? new Response(400, "bad line") : Response.noContent());
        HttpLineProtocolClient client = connect(WRITE, fast(1).withMaxInFlightBatches(1), null);
        client.beginDataset("tb-42", "ds-1");

        LlamaDbException failure = assertThrows(LlamaDbException.class, () -> {
            for (int tick = 0; tick < 1_000; tick++) {
                insert(client, tick);
            }
        });

        assertFalse(failure.retryable());
        assertTrue(server.requests().size() <= 2, "at most one more batch after the refused one");
        client.discard();
        client.beginDataset("tb-42", "ds-2");
        insert(client, 5);
        client.flush();
    }

    @Test
    @DisplayName("Calls out of order and use after close are refused, as by every backend")
    void callsOutOfOrder_areRefused() {
        HttpLineProtocolClient client = connect(WRITE, fast(10), null);
        client.beginDataset("tb-42", "ds-1");
        assertThrows(IllegalStateException.class, () -> client.beginDataset("tb-42", "ds-2"));
        client.flush();
        client.close();
        assertThrows(IllegalStateException.class, () -> client.beginDataset("tb-42", "ds-3"));
        assertThrows(IllegalStateException.class, () -> insert(client, 1));
    }

    @Test
    @DisplayName("Settings: named defaults, and nonsense values are refused")
    void settings_defaultsAndValidation() {
        HttpWriteSettings defaults = HttpWriteSettings.defaults();
        assertEquals(5_000, defaults.batchSize());
        assertEquals(2, defaults.maxInFlightBatches());
        assertTrue(defaults.gzip());
        assertEquals(10, defaults.retry().maxAttempts());
        assertEquals(Duration.ofMillis(500), defaults.retry().initialBackoff());
        assertEquals(Duration.ofSeconds(10), defaults.breaker().openDuration());
        assertThrows(IllegalArgumentException.class, () -> defaults.withBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> defaults.withMaxInFlightBatches(0));
        assertThrows(IllegalArgumentException.class, () -> defaults.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryPolicy(3, Duration.ofMillis(1), 2.0, Duration.ofMillis(10), 1.0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryPolicy(0, Duration.ofMillis(1), 2.0, Duration.ofMillis(10), 0.5));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryPolicy(3, Duration.ofMillis(1), 0.5, Duration.ofMillis(10), 0.5));
        assertThrows(IllegalArgumentException.class, () -> new BreakerPolicy(10, 5, 0f, Duration.ofSeconds(1)));
    }

    /** Settings for fast tests: tiny backoffs, five attempts, a breaker that never opens. */
    static HttpWriteSettings fast(int batchSize) {
        return HttpWriteSettings.defaults()
                .withBatchSize(batchSize)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withRetry(new RetryPolicy(5, Duration.ofMillis(10), 2.0, Duration.ofMillis(50), 0.0))
                .withBreaker(new BreakerPolicy(100, 100, 100f, Duration.ofMillis(200)));
    }

    private HttpLineProtocolClient connect(String pathAndQuery, HttpWriteSettings settings, String token) {
        HttpLineProtocolClient client = HttpLineProtocolClient.connect(server.url(pathAndQuery), settings, token);
        clients.add(client);
        return client;
    }

    private void insert(LlamaDbClient client, long... ticks) {
        for (long tick : ticks) {
            client.insert("brushing", T0 + tick, tags, fields.clear().addLong("tick", tick));
        }
    }

    private static String line(long tick) {
        return "brushing,toothbrush_id=tb-42 tick=" + tick + "i " + (T0 + tick) + "\n";
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
