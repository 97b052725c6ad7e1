package toothbrush.ingest.adapter.queue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.application.report.Retryability;

/** The {@code dir:} queue: the shared contract, its file format, and garbage files. */
class DirectoryJobQueueTest extends JobQueueContractTest {
    @TempDir
    Path root;

    @Override
    protected JobQueue newQueue(QueueSettings settings, String workerId) {
        return new DirectoryJobQueue(root, settings, workerId);
    }

    @Override
    protected int contentionJobs() {
        return 200;
    }

    @Override
    protected JobSnapshot snapshot(String datasetId) {
        String stem = JobFileNames.stem(datasetId);
        List<String> states = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String state : List.of("pending", "done", "failed")) {
            Path file = root.resolve(state).resolve(stem + ".json");
            if (Files.exists(file)) {
                states.add(state);
                files.add(file);
            }
        }
        for (Path file : list("running")) {
            JobFileNames.Running claim =
                    JobFileNames.parseRunning(file.getFileName().toString());
            if (claim != null && claim.stem().equals(stem)) {
                states.add("running");
                files.add(file);
            }
        }
        int active = (states.contains("pending") ? 1 : 0)
                + (int) states.stream().filter("running"::equals).count();
        assertTrue(active <= 1, "dataset " + datasetId + " is in several active states: " + states);
        int index = states.indexOf("running") >= 0 ? states.indexOf("running") : states.indexOf("pending");
        if (index < 0) {
            assertEquals(1, states.size(), "dataset " + datasetId + " states: " + states);
            index = 0;
        }
        String state = states.get(index);
        JsonNode job = json(read(files.get(index)));
        JsonNode report = null;
        Path reportFile = root.resolve(state).resolve(stem + ".report.json");
        if ((state.equals("done") || state.equals("failed")) && Files.exists(reportFile)) {
            report = json(read(reportFile));
        } else if (state.equals("pending") && job.hasNonNull("last_report")) {
            report = job.get("last_report");
        }
        return new JobSnapshot(
                state,
                job.get("attempts").intValue(),
                Instant.ofEpochMilli(job.get("not_before").longValue()),
                job.get("last_error").isNull() ? null : job.get("last_error").textValue(),
                report);
    }

    @Test
    @DisplayName("an enqueued job is pending/<dataset id>.json with the documented fields")
    void enqueue_writesTheDocumentedJobFile() throws IOException {
        worker("w1").enqueue(dataset("ds-1"));

        assertEquals(
                json("{\"dataset_id\":\"ds-1\",\"toothbrush_id\":\"tb-42\","
                        + "\"brushing\":\"file:/data/ds-1/brushing.csv\",\"settings\":\"file:/data/ds-1/settings.jsonl\","
                        + "\"attempts\":0,\"not_before\":1735689600000,\"last_error\":null,"
                        + "\"enqueued_at\":1735689600000}"),
                json(read(root.resolve("pending/ds-1.json"))));
        assertEquals(List.of(), list("tmp"));
    }

    @Test
    @DisplayName("a claimed job's file name tells its worker and lease end: running/<id>@<ms>@<worker>-<n>.json")
    void claim_namesWorkerAndLeaseEndInTheRunningFile() {
        JobQueue queue = worker("host-1");
        queue.enqueue(dataset("ds-1"));

        claim(queue);

        assertEquals(List.of(root.resolve("running/ds-1@1735689900000@host-1-1.json")), list("running"));
        assertEquals(List.of(), list("pending"));
    }

    @Test
    @DisplayName("commit writes done/<id>.report.json beside done/<id>.json, leaving no temporary file")
    void commit_writesReportBesideTheJob() throws IOException {
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds.1/a"));

        claim(queue).commit(report("ds.1/a", "completed"));

        assertEquals(report("ds.1/a", "completed"), read(root.resolve("done/ds%2E1%2Fa.report.json")));
        JsonNode job = json(read(root.resolve("done/ds%2E1%2Fa.json")));
        assertEquals("ds.1/a", job.get("dataset_id").textValue());
        assertEquals("w1-1", job.get("worker").textValue());
        assertEquals(1735689600000L, job.get("finished_at").longValue());
        assertEquals(List.of(), list("tmp"));
        assertEquals(List.of(), list("running"));
    }

    @Test
    @DisplayName("a file that is not JSON goes to failed/ with a reason file; the job next to it is still claimed")
    void notJsonFile_poll_movesItToFailedAndClaimsTheNextJob() throws IOException {
        JobQueue queue = worker("w1");
        Files.writeString(root.resolve("pending/broken.json"), "{\"dataset_id\": ");
        queue.enqueue(dataset("ds-1"));

        assertEquals("ds-1", claim(queue).dataset().datasetId());

        assertEquals("{\"dataset_id\": ", read(root.resolve("failed/broken.json")));
        assertTrue(read(root.resolve("failed/broken.json.reason.txt"))
                .startsWith("not a JSON object (invalid JSON at line 1, column "));
        assertEquals(Optional.empty(), queue.poll());
    }

    @Test
    @DisplayName("job files with a missing, mistyped or invalid field go to failed/ with the reason")
    void jobFilesWithBadFields_poll_movesThemToFailed() throws IOException {
        JobQueue queue = worker("w1");
        String good = "\"dataset_id\":\"a\",\"brushing\":\"b.csv\",\"settings\":\"s.jsonl\"";
        Files.writeString(root.resolve("pending/missing.json"), "{" + good + "}");
        Files.writeString(root.resolve("pending/mistyped.json"), "{" + good + ",\"toothbrush_id\":42}");
        Files.writeString(root.resolve("pending/blank.json"), "{" + good + ",\"toothbrush_id\":\"t\\\\\"}");
        Files.writeString(
                root.resolve("pending/attempts.json"), "{" + good + ",\"toothbrush_id\":\"t\",\"attempts\":-1}");
        Files.writeString(root.resolve("pending/array.json"), "[1, 2]");
        Files.writeString(root.resolve("pending/trailing.json"), "{" + good + ",\"toothbrush_id\":\"t\"} x");

        assertEquals(Optional.empty(), queue.poll());

        assertEquals("missing field toothbrush_id\n", read(root.resolve("failed/missing.json.reason.txt")));
        assertEquals("field toothbrush_id is not a string\n", read(root.resolve("failed/mistyped.json.reason.txt")));
        assertEquals(
                "invalid dataset: toothbrush id must not end in a backslash\n",
                read(root.resolve("failed/blank.json.reason.txt")));
        assertEquals(
                "field attempts is not a non-negative integer\n",
                read(root.resolve("failed/attempts.json.reason.txt")));
        assertEquals("not a JSON object\n", read(root.resolve("failed/array.json.reason.txt")));
        assertTrue(read(root.resolve("failed/trailing.json.reason.txt"))
                .startsWith("not a JSON object (invalid JSON at line 1, column "));
        assertEquals(List.of(), list("pending"));
    }

    @Test
    @DisplayName("a non-.json file and a directory in pending/ go to failed/ instead of stopping the poller")
    void foreignEntriesInPending_poll_movesThemToFailed() throws IOException {
        JobQueue queue = worker("w1");
        Files.writeString(root.resolve("pending/notes.txt"), "hello");
        Files.createDirectory(root.resolve("pending/sub.json"));

        assertEquals(Optional.empty(), queue.poll());

        assertEquals("not a job file name (<dataset id>.json)\n", read(root.resolve("failed/notes.txt.reason.txt")));
        assertEquals("not a regular file\n", read(root.resolve("failed/sub.json.reason.txt")));
        assertTrue(Files.isDirectory(root.resolve("failed/sub.json")));
    }

    @Test
    @DisplayName("a hand-written job whose name is too long to claim goes to failed/; the next job is claimed")
    void tooLongFileName_poll_movesItToFailed() throws IOException {
        JobQueue queue = worker("w1");
        String longName = "x".repeat(161) + ".json";
        Files.writeString(
                root.resolve("pending/" + longName),
                "{\"dataset_id\":\"x\",\"toothbrush_id\":\"tb\"," + "\"brushing\":\"b.csv\",\"settings\":\"s.jsonl\"}");
        queue.enqueue(dataset("ds-1"));

        assertEquals("ds-1", claim(queue).dataset().datasetId());

        assertEquals(
                "file name longer than 160 bytes before .json: too long to claim\n",
                read(root.resolve("failed/" + longName + ".reason.txt")));
    }

    @Test
    @DisplayName("a file in running/ whose name is not a claim goes to failed/")
    void foreignFileInRunning_poll_movesItToFailed() throws IOException {
        JobQueue queue = worker("w1");
        Files.writeString(root.resolve("running/stray.json"), "{}");

        assertEquals(Optional.empty(), queue.poll());

        assertEquals(
                "not a claimed job file name (<stem>@<lease end ms>@<owner>.json)\n",
                read(root.resolve("failed/stray.json.reason.txt")));
    }

    @Test
    @DisplayName("a hand-written job with only the four dataset fields is claimed with no attempts")
    void minimalHandWrittenJob_poll_claimsIt() throws IOException {
        JobQueue queue = worker("w1");
        Files.writeString(
                root.resolve("pending/hand.json"),
                "{\"dataset_id\":\"hand\",\"toothbrush_id\":\"tb\","
                        + "\"brushing\":\"b.csv\",\"settings\":\"s.jsonl\",\"note\":\"kept\"}");

        QueuedJob job = claim(queue);
        job.fail("timeout", Retryability.RETRYABLE, null);

        assertEquals("hand", job.id());
        assertEquals(0, job.attempts());
        JsonNode rewritten = json(read(root.resolve("pending/hand.json")));
        assertEquals("kept", rewritten.get("note").textValue());
        assertEquals(1, rewritten.get("attempts").intValue());
    }

    @Test
    @DisplayName("a job whose not_before is in the future waits for it")
    void futureNotBefore_poll_waits() throws IOException {
        JobQueue queue = worker("w1");
        Files.writeString(
                root.resolve("pending/later.json"),
                "{\"dataset_id\":\"later\",\"toothbrush_id\":\"tb\","
                        + "\"brushing\":\"b.csv\",\"settings\":\"s.jsonl\",\"not_before\":1735689660000}");

        assertEquals(Optional.empty(), queue.poll());
        clock.advance(Duration.ofMinutes(1));
        assertEquals("later", claim(queue).dataset().datasetId());
    }

    @Test
    @DisplayName("a pending file replaced by an operator (write elsewhere, then rename) is read again")
    void replacedPendingFile_poll_readsTheNewContent() throws IOException {
        JobQueue queue = worker("w1");
        String job = "{\"dataset_id\":\"edit\",\"toothbrush_id\":\"tb\",\"brushing\":\"b.csv\","
                + "\"settings\":\"s.jsonl\",\"not_before\":";
        Files.writeString(root.resolve("pending/edit.json"), job + "1735689660000}");
        assertEquals(Optional.empty(), queue.poll());

        Path edited = Files.writeString(root.resolve("edited.tmp"), job + "1735689600000}");
        Files.move(edited, root.resolve("pending/edit.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        assertEquals("edit", claim(queue).dataset().datasetId());
    }

    @Test
    @DisplayName("U6: a 256-character id (1,024 bytes of UTF-8) gets a valid file name and round-trips exactly")
    void U6_longestId_isEnqueuedAndClaimed() {
        String emoji = "\uD83E\uDEA5"; // a toothbrush: 2 chars, 4 bytes
        String longest = emoji.repeat(128);
        String threeByte = "\u20AC".repeat(256);
        String slashes = "/.." + "a/".repeat(125) + "b\\x";
        JobQueue queue = worker("w1");
        for (String id : List.of(longest, threeByte, slashes, "x".repeat(256))) {
            assertEquals(256, id.length());
            String stem = queue.enqueue(dataset(id));
            assertTrue(stem.getBytes(UTF_8).length <= JobFileNames.MAX_STEM_LENGTH, stem);
            assertEquals(stem, JobFileNames.stem(id), "the same id always maps to the same file");
            QueuedJob job = claim(queue);
            assertEquals(id, job.dataset().datasetId());
            job.commit(report("x", "completed"));
            assertEquals("done", snapshot(id).state());
        }
    }

    @Test
    @DisplayName(
            "U6: ids too long for a file name become prefix + SHA-256: deterministic, distinct, never an encoded stem")
    void U6_hashedStems_areDeterministicAndDistinct() {
        String base = "tb-42/session-" + "z".repeat(200);
        String a = JobFileNames.stem(base + "a");
        String b = JobFileNames.stem(base + "b");
        assertEquals(a, JobFileNames.stem(base + "a"));
        assertFalse(a.equals(b));
        assertTrue(a.startsWith("tb-42%2Fsession-zzz"), a);
        assertTrue(a.matches("[A-Za-z0-9_%-]+~[0-9a-f]{64}"), a);
        assertEquals(JobFileNames.MAX_STEM_LENGTH, a.length());
        // the prefix is never cut inside a %XX escape
        for (int pad = 0; pad < 3; pad++) {
            String stem = JobFileNames.stem("p".repeat(pad) + "\u00fc".repeat(200));
            String prefix = stem.substring(0, stem.indexOf('~'));
            assertTrue(prefix.matches("p*(%[0-9A-F]{2})*"), stem);
        }
        // an id that encodes to exactly the limit keeps its readable encoding; '~' is always encoded
        assertEquals("y".repeat(160), JobFileNames.stem("y".repeat(160)));
        assertEquals("%7E", JobFileNames.stem("~"));
        JobQueue queue = worker("w1");
        queue.enqueue(dataset(base + "a"));
        QueueException again = assertThrows(QueueException.class, () -> queue.enqueue(dataset(base + "a")));
        assertEquals(QueueException.Kind.ALREADY_QUEUED, again.kind());
        queue.enqueue(dataset(base + "b"));
    }

    @Test
    @DisplayName("dataset ids become file names with every byte outside [A-Za-z0-9_-] percent-encoded")
    void stem_percentEncodesUnsafeBytes() {
        assertEquals("ds-1_A", JobFileNames.stem("ds-1_A"));
        assertEquals("a%2Fb%2Ec%40d%25e%20f", JobFileNames.stem("a/b.c@d%e f"));
        assertEquals("%C3%BC", JobFileNames.stem("ü"));
        assertEquals(new JobFileNames.Running("a@b", 12L, "w-1"), JobFileNames.parseRunning("a@b@12@w-1.json"));
        assertEquals(null, JobFileNames.parseRunning("a@x12@w-1.json"));
        assertEquals(null, JobFileNames.parseRunning("a.json"));
    }

    @Test
    @DisplayName("the queue directory is created with its five subdirectories when missing")
    void newQueue_createsTheLayout() {
        Path fresh = root.resolve("nested/jobs");

        new DirectoryJobQueue(fresh, settings(), "w1").close();

        for (String dir : List.of("pending", "running", "done", "failed", "tmp")) {
            assertTrue(Files.isDirectory(fresh.resolve(dir)), dir);
        }
    }

    @Test
    @DisplayName("a queue path that is a file fails with a QueueException naming the queue")
    void pathIsAFile_newQueue_throwsQueueException() throws IOException {
        Path file = Files.writeString(root.resolve("plain"), "x");

        QueueException thrown = assertThrows(QueueException.class, () -> new DirectoryJobQueue(file, settings(), "w1"));

        assertEquals(QueueException.Kind.UNAVAILABLE, thrown.kind());
        assertTrue(thrown.getMessage().startsWith("queue dir:" + file + ": cannot create"), thrown.getMessage());
    }

    private List<Path> list(String dir) {
        try (Stream<Path> entries = Files.list(root.resolve(dir))) {
            return entries.sorted().toList();
        } catch (IOException e) {
            return fail(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, UTF_8);
        } catch (IOException e) {
            return fail(e);
        }
    }
}
