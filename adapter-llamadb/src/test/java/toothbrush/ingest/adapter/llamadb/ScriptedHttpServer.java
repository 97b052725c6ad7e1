package toothbrush.ingest.adapter.llamadb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A local HTTP server (the JDK's {@code com.sun.net.httpserver}) on a free loopback port that records
 * every request (decompressing gzip bodies) and answers as a test scripts it: the unit tests' stand-in
 * for an InfluxDB write endpoint.
 */
final class ScriptedHttpServer implements AutoCloseable {

    /** One received request. */
    record Request(
            String method, String pathAndQuery, Map<String, List<String>> headers, String body, long receivedNanos) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(",", values);
        }
    }

    /** One response: status, body and headers ({@code name, value, name, value, ...}). */
    record Response(int status, String body, String... headers) {
        static Response noContent() {
            return new Response(204, "");
        }
    }

    /** Decides the response to request number {@code index} (0-based); may block. */
    @FunctionalInterface
    interface Script {
        Response respond(int index) throws InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "scripted-http");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private volatile Script script = index -> Response.noContent();

    ScriptedHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers the following requests by {@code newScript}. */
    ScriptedHttpServer script(Script newScript) {
        this.script = newScript;
        return this;
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code pathAndQuery}. */
    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    /** Every request received so far, in arrival order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The most requests that were being answered at the same time. */
    int maxConcurrent() {
        return maxConcurrent.get();
    }

    /** The number of requests being answered now. */
    int concurrent() {
        return concurrent.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        try {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            long received = System.nanoTime();
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            String body;
            if ("gzip".equals(encoding)) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else {
                body = new String(raw, StandardCharsets.UTF_8);
            }
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            requests.add(new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    Map.copyOf(headers),
                    body,
                    received));
            Response response = script.respond(counter.getAndIncrement());
            for (int i = 0; i + 1 < response.headers().length; i += 2) {
                exchange.getResponseHeaders().add(response.headers()[i], response.headers()[i + 1]);
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            concurrent.decrementAndGet();
            exchange.close();
        }
    }
}
