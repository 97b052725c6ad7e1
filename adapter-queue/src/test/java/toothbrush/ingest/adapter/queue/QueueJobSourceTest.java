package toothbrush.ingest.adapter.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.application.port.Job;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.JobResult;
import toothbrush.ingest.application.report.StreamReport;

/** The JobSource port over a real {@code dir:} queue: how each job result reaches the queue, and heartbeats. */
class QueueJobSourceTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A stand-in for bootstrap's report format: enough to see which report reached the queue. */
    private static final Function<IngestReport, String> ENCODER = report -> "{\"dataset_id\":\""
            + report.datasetId() + "\",\"outcome\":\"" + report.outcome().code() + "\",\"reason\":"
            + (report.reason() == null ? "null" : '"' + report.reason().code() + '"') + ",\"points_written\":"
            + report.pointsWritten() + "}";

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(T0);
    private QueueSettings settings;
    private DirectoryJobQueue queue;
    private QueueJobSource source;

    @BeforeEach
    void openSource() {
        settings = new QueueSettings(Duration.ofMinutes(5), 3, Duration.ofSeconds(10), Duration.ofSeconds(30), clock);
        queue = new DirectoryJobQueue(root, settings, "w1");
        source = new QueueJobSource(queue, ENCODER);
    }

    @AfterEach
    void closeSource() {
        source.close();
    }

    private static IngestReport completed(String datasetId) {
        return new IngestReport(
                datasetId,
                "tb-42",
                IngestReport.Outcome.COMPLETED,
                null,
                null,
                new BigDecimal("1595896877.637"),
                new BigDecimal("1595896997.887"),
                new BigDecimal("1.25"),
                123,
                StreamReport.unread(),
                StreamReport.unread(),
                null);
    }

    private static JobResult.Failed failed(String datasetId, FailureReason reason) {
        return new JobResult.Failed(IngestReport.failed(
                datasetId,
                "tb-42",
                reason,
                "dataset " + datasetId + ": " + reason.code(),
                0,
                StreamReport.unread(),
                StreamReport.unread()));
    }

    private Job next() {
        Optional<Job> job = source.poll();
        assertTrue(job.isPresent(), "a job should be ready");
        return job.get();
    }

    @Test
    @DisplayName("an empty queue gives no job")
    void emptyQueue_poll_returnsEmpty() {
        assertEquals(Optional.empty(), source.poll());
    }

    @Test
    @DisplayName("a completed job is committed to done with the encoded report")
    void completed_isCommittedWithTheEncodedReport() throws IOException {
        queue.enqueue(JobQueueContractTest.dataset("ds-1"));
        Job job = next();

        job.finish(new JobResult.Completed(completed("ds-1")));

        assertEquals(JobQueueContractTest.dataset("ds-1"), job.dataset());
        assertEquals(
                json("{\"dataset_id\":\"ds-1\",\"outcome\":\"completed\",\"reason\":null," + "\"points_written\":123}"),
                json(Files.readString(root.resolve("done/ds-1.report.json"))));
        assertEquals(List.of(), list("running"));
    }

    @Test
    @DisplayName("a retryable failure goes back to pending with the reason, one attempt, and the report")
    void retryableFailure_isPutBackForLater() throws IOException {
        queue.enqueue(JobQueueContractTest.dataset("ds-1"));

        next().finish(failed("ds-1", FailureReason.DATABASE_UNAVAILABLE));

        JsonNode job = json(Files.readString(root.resolve("pending/ds-1.json")));
        assertEquals(1, job.get("attempts").intValue());
        assertEquals("database_unavailable", job.get("last_error").textValue());
        assertEquals("failed", job.get("last_report").get("outcome").textValue());
        assertEquals(Optional.empty(), source.poll());
    }

    @Test
    @DisplayName("A7: an unsalvageable dataset (not retryable) goes to failed at once with reason and report")
    void nonRetryableFailure_goesToFailedAtOnce() throws IOException {
        queue.enqueue(JobQueueContractTest.dataset("ds-1"));

        next().finish(failed("ds-1", FailureReason.NO_INITIAL_STATE));

        JsonNode job = json(Files.readString(root.resolve("failed/ds-1.json")));
        assertEquals(1, job.get("attempts").intValue());
        assertEquals("no_initial_state", job.get("last_error").textValue());
        assertEquals(
                json("{\"dataset_id\":\"ds-1\",\"outcome\":\"failed\",\"reason\":\"no_initial_state\","
                        + "\"points_written\":0}"),
                json(Files.readString(root.resolve("failed/ds-1.report.json"))));
    }

    @Test
    @DisplayName("release gives the job back without counting an attempt")
    void release_givesTheJobBack() {
        queue.enqueue(JobQueueContractTest.dataset("ds-1"));

        next().release();

        Job again = next();
        assertEquals("ds-1", again.dataset().datasetId());
        again.release();
    }

    @Test
    @DisplayName("while a job is out its lease is renewed, so a slow dataset is not taken back from a live worker")
    void longJob_heartbeats_keepTheLease() throws Exception {
        source.close();
        source = new QueueJobSource(queue, ENCODER, Duration.ofMillis(10));
        queue.enqueue(JobQueueContractTest.dataset("ds-1"));
        Job job = next();

        clock.advance(Duration.ofMinutes(4));
        awaitLeaseEnd(T0.plus(Duration.ofMinutes(9)));
        clock.advance(Duration.ofMinutes(4));
        awaitLeaseEnd(T0.plus(Duration.ofMinutes(13)));

        assertEquals(Optional.empty(), new DirectoryJobQueue(root, settings, "w2").poll());
        job.finish(new JobResult.Completed(completed("ds-1")));
        assertTrue(Files.exists(root.resolve("done/ds-1.json")));
    }

    @Test
    @DisplayName("a job taken back from this worker cannot be finished: the lease loss is reported")
    void leaseLost_finish_throwsLeaseLost() {
        queue.enqueue(JobQueueContractTest.dataset("ds-1"));
        Job job = next();
        clock.advance(Duration.ofMinutes(6));
        assertEquals(
                "ds-1",
                new DirectoryJobQueue(root, settings, "w2").poll().orElseThrow().id());

        QueueException lost =
                assertThrows(QueueException.class, () -> job.finish(new JobResult.Completed(completed("ds-1"))));

        assertEquals(QueueException.Kind.LEASE_LOST, lost.kind());
        assertEquals("ds-1", lost.jobId());
        assertTrue(
                lost.getMessage().startsWith("queue dir:" + root + ", job ds-1: the lease of worker w1-1"),
                lost.getMessage());
    }

    @Test
    @DisplayName("the heartbeat interval must be positive")
    void zeroHeartbeat_constructor_throws() {
        assertThrows(IllegalArgumentException.class, () -> new QueueJobSource(queue, ENCODER, Duration.ZERO));
    }

    private void awaitLeaseEnd(Instant expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Path> running = list("running");
            if (running.size() == 1) {
                JobFileNames.Running claim =
                        JobFileNames.parseRunning(running.get(0).getFileName().toString());
                if (claim != null && claim.leaseUntilMillis() == expected.toEpochMilli()) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the lease was not renewed to " + expected + "; running/ holds " + list("running"));
    }

    private List<Path> list(String dir) {
        try (Stream<Path> entries = Files.list(root.resolve(dir))) {
            return entries.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }
}
