package toothbrush.ingest.adapter.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.report.Retryability;
import toothbrush.ingest.application.testing.CapturedLog;

/**
 * F4 end to end for adapter-queue: a password, a token and an {@code X-Amz-Signature} value are planted in
 * queue URLs, the PostgreSQL password variables and file, stream URIs, failure reasons, reports and hostile spool
 * files; every failure path is driven, and every message (with its causes), every log line and every file the
 * queue wrote is searched for them. The one exception is by design: a job document's {@code brushing} and
 * {@code settings} fields keep the stream URIs exactly (a worker must be able to fetch a signed URL), so those two
 * fields are left out of the search and the files that hold them are 0600. A quarantined hostile file is the
 * input itself, moved unread beside its reason: not searched.
 */
class SecretsNeverLeakTest {
    private static final String PASSWORD = "pw-PLANTED-1";
    private static final String TOKEN = "tok-PLANTED-2";
    private static final String SIGNATURE = "sig-PLANTED-3";
    private static final List<String> SECRETS = List.of(PASSWORD, TOKEN, SIGNATURE);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<String> messages = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    @DisplayName("F4: no planted password, token or X-Amz-Signature reaches a queue message, log line or file")
    void F4_plantedSecrets_reachNoMessageLogOrFile() throws Exception {
        QueueSettings settings = QueueSettings.defaults().withClock(clock);
        String log;
        try (CapturedLog captured = new CapturedLog()) {
            // malformed PostgreSQL URLs
            for (String bad : List.of(
                    "postgresql://u:" + PASSWORD + "@db:5x/q",
                    "postgresql://u:a?" + PASSWORD + "@db/q",
                    "postgresql://u:a/" + PASSWORD + "@db/q",
                    "postgresql://u:a#" + PASSWORD + "@db/q",
                    "postgresql://u:" + PASSWORD + "@/q",
                    "postgresql://u:" + PASSWORD + "@db",
                    "mysql://u:" + PASSWORD + "@db/q?token=" + TOKEN + "&X-Amz-Signature=" + SIGNATURE)) {
                fails(() -> JobQueues.open(bad, settings, Map.<String, String>of()::get));
            }
            // an unreachable server, the password in the URL, in sslpassword=, in PGPASSWORD and in PGPASSFILE
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            }
            Path passFile = Files.writeString(dir.resolve("pgpass"), "*:*:*:*:" + PASSWORD + "\n");
            Path openPassFile = Files.writeString(dir.resolve("pgpass-open"), "*:*:*:*:" + PASSWORD + "\n");
            Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(openPassFile, PosixFilePermissions.fromString("rw-r--r--"));
            String server = "127.0.0.1:" + closedPort + "/jobs";
            List<Map<String, String>> environments = List.of(
                    Map.of(),
                    Map.of("PGPASSWORD", PASSWORD),
                    Map.of("PGPASSFILE", passFile.toString()),
                    Map.of("PGPASSFILE", openPassFile.toString()));
            for (String url : List.of(
                    "postgresql://u:" + PASSWORD + "@" + server + "?sslpassword=" + TOKEN,
                    "postgresql://u@" + server + "?password=" + PASSWORD + "&sslmode=disable",
                    "postgresql://u@" + server + "?sslpassword=" + TOKEN)) {
                for (Map<String, String> environment : environments) {
                    try (JobQueue queue = JobQueues.open(url, settings, environment::get)) {
                        messages.add(queue.describe());
                        fails(queue::poll);
                        fails(() -> queue.enqueue(dataset("ds-pg")));
                    }
                }
            }

            // the dir: spool: signed stream URIs, secret reasons and reports, hostile files
            Path root = dir.resolve("spool");
            DirectoryJobQueue queue = new DirectoryJobQueue(root, settings, "w1");
            messages.add(queue.describe());
            queue.enqueue(dataset("ds-1"));
            String secretReport = "{\"outcome\":\"failed\",\"message\":\"cannot read "
                    + dataset("ds-1").brushingUri() + " or " + dataset("ds-1").settingsUri() + "\"}";
            queue.poll()
                    .orElseThrow()
                    .fail("source_unavailable " + dataset("ds-1").brushingUri(), Retryability.RETRYABLE, secretReport);
            clock.advance(Duration.ofMinutes(1));
            queue.poll().orElseThrow().commit(secretReport);
            queue.enqueue(dataset("ds-2"));
            QueuedJob dead = queue.poll().orElseThrow();
            dead.fail("source_not_found at " + dataset("ds-2").settingsUri(), Retryability.PERMANENT, secretReport);
            fails(() -> dead.commit(secretReport));
            queue.enqueue(dataset("ds-3"));
            fails(() -> queue.enqueue(dataset("ds-3")));
            Files.writeString(root.resolve("pending/garbage.json"), "{\"token\": " + TOKEN + "}");
            Path target = Files.writeString(dir.resolve("passwd"), "root:" + PASSWORD + ":0:0\n");
            Files.createSymbolicLink(root.resolve("pending/link.json"), target);
            Files.createSymbolicLink(root.resolve("running/ds-9@1@dead-1.json"), target);
            queue.poll();
            log = captured.text();
        }

        assertTrue(messages.size() >= 30, messages.toString());
        for (String message : messages) {
            assertNoSecret(message, "message");
            assertNoRepeatedPrefix(message);
        }
        assertTrue(log.contains("has group or world access"), "the PGPASSFILE path ran: " + log);
        assertTrue(log.contains("moved link.json to failed/"), "the symlink path ran: " + log);
        assertNoSecret(log, "log");
        try (Stream<Path> files = Files.walk(dir.resolve("spool"))) {
            for (Path file : files.filter(path -> Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .toList()) {
                assertNoSecret(searchable(file), file.toString());
            }
        }
    }

    @Test
    @DisplayName("A wrapped QueueException does not repeat the 'queue ..., job ...:' prefix")
    void nestedFailure_doesNotRepeatThePrefix() {
        QueueException inner = new QueueException(
                QueueException.Kind.UNAVAILABLE, "dir:/q", "ds-1", "cannot rename", new IOException("disk full"));
        QueueException outer =
                new QueueException(QueueException.Kind.UNAVAILABLE, "dir:/q", "ds-1", "cannot commit", inner);
        assertEquals("queue dir:/q, job ds-1: cannot commit (cannot rename (disk full))", outer.getMessage());
        assertEquals("cannot commit (cannot rename (disk full))", outer.detail());
    }

    /**
     * A spool file's text; a job document without the stream URIs it must keep to be runnable; nothing for a
     * quarantined file (the hostile input itself, moved unread beside its reason).
     */
    private static String searchable(Path file) throws IOException {
        if (Files.exists(file.resolveSibling(file.getFileName() + JobFileNames.REASON_SUFFIX))) {
            return "";
        }
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        String name = file.getFileName().toString();
        if (name.endsWith(".json") && !name.endsWith(".report.json") && text.contains("\"brushing\"")) {
            JsonNode job = JSON.readTree(text);
            assertEquals(
                    dataset(job.get("dataset_id").textValue()).brushingUri(),
                    job.get("brushing").textValue(),
                    "the job keeps its stream URI exactly");
            ((ObjectNode) job).remove(List.of("brushing", "settings"));
            return job.toString();
        }
        return text;
    }

    private void fails(Executable action) {
        Throwable thrown = assertThrows(Throwable.class, action);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
    }

    private static void assertNoSecret(String text, String where) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), where + " holds " + secret + ": " + text);
        }
    }

    /** "queue X: ... queue X" or "dataset D: dataset D:": a prefix said twice. */
    private static void assertNoRepeatedPrefix(String message) {
        Matcher prefix = Pattern.compile("(queue \\S+[,:]|dataset \\S+:)").matcher(message);
        List<String> seen = new ArrayList<>();
        while (prefix.find()) {
            assertFalse(seen.contains(prefix.group()), "repeated '" + prefix.group() + "' in: " + message);
            seen.add(prefix.group());
        }
    }

    private static Dataset dataset(String id) {
        return new Dataset(
                id,
                "tb-42",
                "https://s3.example/" + id + "/b.csv?X-Amz-Signature=" + SIGNATURE,
                "https://me:" + PASSWORD + "@s.example/" + id + "/s.jsonl?token=" + TOKEN);
    }
}
