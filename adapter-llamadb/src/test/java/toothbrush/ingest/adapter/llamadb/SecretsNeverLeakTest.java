package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.adapter.llamadb.HttpWriteSettings.BreakerPolicy;
import toothbrush.ingest.adapter.llamadb.HttpWriteSettings.RetryPolicy;
import toothbrush.ingest.adapter.llamadb.ScriptedHttpServer.Response;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.PointWriter;
import toothbrush.ingest.application.report.Retryability;
import toothbrush.ingest.application.testing.CapturedLog;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.point.Point;

/**
 * F4 end to end for adapter-llamadb: a password, a token and an {@code X-Amz-Signature} value are planted in
 * every place a user can put them (URLs, the token variables, a server's error body), every failure path is
 * driven, and every message (with its causes), every log line and every file this module wrote is searched for
 * them. Also the rule that no message repeats its own prefix.
 */
class SecretsNeverLeakTest {
    private static final String PASSWORD = "pw-PLANTED-1";
    private static final String TOKEN = "tok-PLANTED-2";
    private static final String SIGNATURE = "sig-PLANTED-3";
    private static final List<String> SECRETS = List.of(PASSWORD, TOKEN, SIGNATURE);
    private static final long T0 = 1_595_896_877_637_498_000L;

    @TempDir
    Path dir;

    private final List<String> messages = new ArrayList<>();

    @Test
    @DisplayName("F4: no planted password, token or X-Amz-Signature reaches a message, a log line or a file")
    void F4_plantedSecrets_reachNoMessageLogOrFile() throws Exception {
        String query = "&u=me&p=" + PASSWORD + "&token=" + TOKEN + "&X-Amz-Signature=" + SIGNATURE;
        Map<String, String> environment = new HashMap<>();
        environment.put("LLAMADB_TOKEN", TOKEN + "\n");
        String log;
        try (CapturedLog captured = new CapturedLog();
                ScriptedHttpServer server = new ScriptedHttpServer()) {
            // malformed and refused URLs
            fails(() -> LlamaDb.connect("http://me:" + PASSWORD + "@h/write?db=x" + query));
            fails(() -> LlamaDb.connect("http://h/wr ite?db=x" + query));
            fails(() -> LlamaDb.connect("http://h/write?db=x&precision=s" + query));
            fails(() -> LlamaDb.connect("ftp://me:" + PASSWORD + "@h/write?X-Amz-Signature=" + SIGNATURE));
            // bad tokens, from the variable and from a file
            fails(() -> LlamaDb.connect(
                    "http://h/write",
                    new ByteArrayOutputStream(),
                    HttpWriteSettings.defaults(),
                    Map.of("LLAMADB_TOKEN", TOKEN + " " + PASSWORD)::get));
            Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\u0001\n");
            fails(() -> LlamaDb.connect(
                    "http://h/write",
                    new ByteArrayOutputStream(),
                    HttpWriteSettings.defaults(),
                    Map.of("LLAMADB_TOKEN_FILE", tokenFile.toString())::get));
            fails(() -> LlamaDb.connect(
                    "http://h/write",
                    new ByteArrayOutputStream(),
                    HttpWriteSettings.defaults(),
                    Map.of("LLAMADB_TOKEN_FILE", tokenFile.toString(), "LLAMADB_TOKEN", TOKEN)::get));

            // nothing listens: the dataset fails at open; inserts without a dataset exhaust their retries
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            }
            try (LlamaDbClient refused = LlamaDb.connect(
                    "http://127.0.0.1:" + closedPort + "/write?db=x" + query,
                    new ByteArrayOutputStream(),
                    fast(),
                    environment::get)) {
                messages.add(refused.uri());
                fails(() -> new LlamaDbPointSink(refused).open(dataset()));
                refused.insert(
                        "brushing", T0, new Tags().add("toothbrush_id", "tb-42"), new Fields().addLong("tick", 1));
                fails(refused::flush);
                refused.discard();
            }

            // a server that answers 500 (three attempts: retries exhausted), then 401, echoing the credentials
            server.script(index -> index < 3
                    ? new Response(
                            500, "internal error for token " + TOKEN + " at " + server.url("/write?db=x" + query))
                    : new Response(401, "{\"error\":\"authorization failed for Token " + TOKEN + "\"}"));
            try (LlamaDbClient echoing = LlamaDb.connect(
                    server.url("/write?db=x" + query),
                    new ByteArrayOutputStream(),
                    fast().withBreaker(new BreakerPolicy(100, 100, 100f, Duration.ofMillis(100))),
                    environment::get)) {
                messages.add(echoing.uri());
                for (int dataset = 0; dataset < 2; dataset++) {
                    fails(() -> {
                        try (PointWriter writer = new LlamaDbPointSink(echoing).open(dataset())) {
                            writer.write(List.of(point()));
                            writer.commit();
                        }
                    });
                }
            }
            assertTrue(
                    messages.stream().anyMatch(m -> m.contains("HTTP 500: internal error for token ***")),
                    messages.toString());
            assertTrue(messages.stream().anyMatch(m -> m.contains("HTTP 401: ")), messages.toString());
            assertEquals(
                    "Token " + TOKEN, server.requests().get(0).header("Authorization"), "the trimmed token is sent");

            // the file backends: what they write holds none of it
            try (LlamaDbClient lp = LlamaDb.connect("lp:" + dir.resolve("points.lp"));
                    LlamaDbClient duck = LlamaDb.connect("duckdb:" + dir.resolve("points.duckdb"))) {
                for (LlamaDbClient client : List.of(lp, duck)) {
                    try (PointWriter writer = new LlamaDbPointSink(client).open(dataset())) {
                        writer.write(List.of(point()));
                        writer.commit();
                    }
                }
            }
            log = captured.text();
        }

        assertTrue(messages.size() >= 12, messages.toString());
        for (String message : messages) {
            assertNoSecret(message, "message");
            assertNoRepeatedPrefix(message);
        }
        assertTrue(log.contains("circuit breaker opened"), "the failure paths ran: " + log);
        assertNoSecret(log, "log");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().equals("token")) {
                    assertNoSecret(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), file.toString());
                }
            }
        }
    }

    @Test
    @DisplayName("A wrapped LlamaDbException does not repeat the 'LlamaDB URI dataset ID:' prefix")
    void nestedFailure_doesNotRepeatThePrefix() {
        LlamaDbException inner = new LlamaDbException(
                "lp:x", "ds-1", "cannot write", Retryability.RETRYABLE, new IOException("No space left on device"));
        LlamaDbException outer = new LlamaDbException("lp:x", "ds-1", "cannot flush", Retryability.RETRYABLE, inner);
        assertEquals("LlamaDB lp:x dataset ds-1: cannot flush: cannot write", outer.getMessage());
        assertEquals(
                "LlamaDB lp:x dataset ds-1: connection refused",
                new LlamaDbException(
                                "lp:x",
                                "ds-1",
                                "connection refused",
                                Retryability.RETRYABLE,
                                new java.net.ConnectException("Connection refused"))
                        .getMessage());
    }

    private void fails(Executable action) {
        Throwable thrown = assertThrows(Throwable.class, action);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            for (Throwable suppressed : t.getSuppressed()) {
                messages.add(String.valueOf(suppressed.getMessage()));
            }
        }
    }

    private static void assertNoSecret(String text, String where) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), where + " holds " + secret + ": " + text);
        }
    }

    /** "dataset ds-1: dataset ds-1:" or "LlamaDB X ...: LlamaDB X": a prefix said twice. */
    private static void assertNoRepeatedPrefix(String message) {
        Matcher prefix = Pattern.compile("(LlamaDB \\S+|dataset \\S+:)").matcher(message);
        List<String> seen = new ArrayList<>();
        while (prefix.find()) {
            assertFalse(seen.contains(prefix.group()), "repeated '" + prefix.group() + "' in: " + message);
            seen.add(prefix.group());
        }
    }

    private static HttpWriteSettings fast() {
        return HttpWriteSettings.defaults()
                .withBatchSize(10)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withRetry(new RetryPolicy(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(50), 0.0))
                .withBreaker(new BreakerPolicy(4, 2, 50f, Duration.ofMillis(100)));
    }

    private static Dataset dataset() {
        return new Dataset(
                "ds-1",
                "tb-42",
                "https://s3.example/b.csv?X-Amz-Signature=" + SIGNATURE,
                "https://me:" + PASSWORD + "@s.example/s.jsonl");
    }

    private static Point point() {
        return new Point.Brushing(T0, new BrushingEvent(16, 3, 0.5, List.of()));
    }
}
