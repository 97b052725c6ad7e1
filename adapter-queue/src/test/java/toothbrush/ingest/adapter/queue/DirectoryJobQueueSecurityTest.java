package toothbrush.ingest.adapter.queue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.report.Retryability;
import toothbrush.ingest.application.testing.CapturedLog;

/**
 * F4 for the {@code dir:} spool: owner-only permissions, symbolic links quarantined and never followed, and no
 * job file's content in a reason or a log line.
 */
class DirectoryJobQueueSecurityTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final String PLANTED = "tok-PLANTED-2";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private DirectoryJobQueue queue(Path root) {
        return new DirectoryJobQueue(
                root,
                new QueueSettings(Duration.ofMinutes(5), 3, Duration.ofSeconds(10), Duration.ofSeconds(30), clock),
                "w1");
    }

    private static Dataset dataset(String id) {
        return new Dataset(id, "tb-42", "/data/b.csv", "/data/s.jsonl");
    }

    @Test
    @DisplayName("F4: queue folders are 0700 and every file the queue writes 0600, set explicitly")
    void F4_spool_isOwnerOnly() throws IOException {
        Path root = dir.resolve("jobs");
        DirectoryJobQueue queue = queue(root);
        queue.enqueue(dataset("ds-1"));
        queue.poll().orElseThrow().commit("{\"outcome\":\"completed\"}");
        queue.enqueue(dataset("ds-2"));
        queue.poll().orElseThrow().fail("source_not_found", Retryability.PERMANENT, "{\"outcome\":\"failed\"}");
        Files.writeString(root.resolve("pending/garbage.json"), "[]");
        queue.poll();

        assertEquals("rwx------", permissions(root));
        for (String folder : List.of("pending", "running", "done", "failed", "tmp")) {
            assertEquals("rwx------", permissions(root.resolve(folder)), folder);
        }
        for (String file : List.of(
                "done/ds-1.json",
                "done/ds-1.report.json",
                "failed/ds-2.json",
                "failed/ds-2.report.json",
                "failed/garbage.json.reason.txt")) {
            assertEquals("rw-------", permissions(root.resolve(file)), file);
        }
    }

    @Test
    @DisplayName("F4: a symbolic link in pending/ is quarantined to failed/ unread; its target is never quoted")
    void F4_symlinkInPending_isQuarantinedNeverFollowed() throws IOException {
        Path root = dir.resolve("jobs");
        DirectoryJobQueue queue = queue(root);
        Path secret = Files.writeString(dir.resolve("passwd"), "root:" + PLANTED + ":0:0:root:/root:/bin/bash\n");
        Files.createSymbolicLink(root.resolve("pending/evil.json"), secret);
        Path valid = Files.writeString(
                dir.resolve("valid.json"),
                "{\"dataset_id\":\"" + PLANTED + "\",\"toothbrush_id\":\"tb\",\"brushing\":\"b\",\"settings\":\"s\"}");
        Files.createSymbolicLink(root.resolve("pending/looks-valid.json"), valid);

        Optional<QueuedJob> job;
        String log;
        try (CapturedLog captured = new CapturedLog()) {
            job = queue.poll();
            log = captured.text();
        }

        assertEquals(Optional.empty(), job, "a job behind a link must not be claimed");
        for (String name : List.of("evil.json", "looks-valid.json")) {
            assertTrue(Files.isSymbolicLink(root.resolve("failed/" + name)), name);
            assertEquals(
                    "a symbolic link (never followed in the queue directory)\n",
                    Files.readString(root.resolve("failed/" + name + ".reason.txt")));
        }
        assertTrue(log.contains("moved evil.json to failed/: a symbolic link"), log);
        assertFalse(log.contains(PLANTED), log);
        assertEquals("root:" + PLANTED + ":0:0:root:/root:/bin/bash\n", Files.readString(secret));
    }

    @Test
    @DisplayName("F4: a symbolic link in running/, even under an expired claim's name, is quarantined unread")
    void F4_symlinkInRunning_isQuarantinedNeverFollowed() throws IOException {
        Path root = dir.resolve("jobs");
        DirectoryJobQueue queue = queue(root);
        Path secret = Files.writeString(dir.resolve("passwd"), "root:" + PLANTED + ":0:0\n");
        String claimName = JobFileNames.running("ds-9", T0.toEpochMilli() - 1, "dead-1");
        Files.createSymbolicLink(root.resolve("running/" + claimName), secret);

        String log;
        try (CapturedLog captured = new CapturedLog()) {
            assertEquals(Optional.empty(), queue.poll());
            log = captured.text();
        }

        assertTrue(Files.isSymbolicLink(root.resolve("failed/" + claimName)));
        assertFalse(Files.exists(root.resolve("pending/ds-9.json"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(log.contains(PLANTED), log);
        assertFalse(Files.readString(root.resolve("failed/" + claimName + ".reason.txt"))
                .contains(PLANTED));
    }

    @Test
    @DisplayName("F4: a queue folder that is a symbolic link (pending/ -> elsewhere) is refused, not followed")
    void F4_symlinkedQueueFolder_isRefused() throws IOException {
        Path root = Files.createDirectory(dir.resolve("jobs"));
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(root.resolve("pending"), elsewhere);

        QueueException refused = org.junit.jupiter.api.Assertions.assertThrows(QueueException.class, () -> queue(root));

        assertEquals(QueueException.Kind.UNAVAILABLE, refused.kind());
        assertTrue(
                refused.getMessage().contains("pending is not a directory (a symbolic link is never followed)"),
                refused.getMessage());
        assertEquals("rwxr-xr-x", permissions(elsewhere), "the link's target is not touched");
    }

    @Test
    @DisplayName("F4: a broken job file is reported by name and what is wrong, never by its content")
    void F4_garbageJobFile_isNeverQuoted() throws IOException {
        Path root = dir.resolve("jobs");
        DirectoryJobQueue queue = queue(root);
        Files.writeString(root.resolve("pending/a.json"), PLANTED + " {");
        Files.writeString(root.resolve("pending/b.json"), "{\"dataset_id\": " + PLANTED + "}");
        Files.writeString(root.resolve("pending/c.json"), "{\"a\":1} " + PLANTED);

        String log;
        try (CapturedLog captured = new CapturedLog()) {
            assertEquals(Optional.empty(), queue.poll());
            log = captured.text();
        }

        for (String name : List.of("a.json", "b.json", "c.json")) {
            String reason = Files.readString(root.resolve("failed/" + name + ".reason.txt"), UTF_8);
            assertTrue(reason.startsWith("not a JSON object (invalid JSON at line 1, column "), reason);
            assertFalse(reason.contains(PLANTED), reason);
        }
        assertTrue(log.contains("moved a.json to failed/"), log);
        assertFalse(log.contains(PLANTED), log);
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
