package toothbrush.ingest.adapter.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.report.Retryability;

/**
 * The behaviour every {@link JobQueue} shares, run against each adapter (a directory, a real PostgreSQL
 * server). Times are driven by a {@link MutableClock}; "workers" are separate queue instances on one store.
 */
abstract class JobQueueContractTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(5);
    static final ObjectMapper JSON = new ObjectMapper();

    protected final MutableClock clock = new MutableClock(T0);
    private final List<JobQueue> opened = new ArrayList<>();

    /** A new queue instance (one worker) on this test's store. */
    protected abstract JobQueue newQueue(QueueSettings settings, String workerId);

    /** The latest job of the dataset as stored; fails the test if the dataset's job is in two states. */
    protected abstract JobSnapshot snapshot(String datasetId);

    /** How many jobs the contention test runs through four workers. */
    protected abstract int contentionJobs();

    /** Lease 5 min, 3 attempts, backoff 10 s doubling up to 30 s. */
    protected QueueSettings settings() {
        return new QueueSettings(LEASE, 3, Duration.ofSeconds(10), Duration.ofSeconds(30), clock);
    }

    protected JobQueue worker(String workerId) {
        return worker(workerId, settings());
    }

    protected JobQueue worker(String workerId, QueueSettings settings) {
        JobQueue queue = newQueue(settings, workerId);
        opened.add(queue);
        return queue;
    }

    @AfterEach
    void closeQueues() {
        opened.forEach(JobQueue::close);
    }

    static Dataset dataset(String datasetId) {
        return new Dataset(
                datasetId,
                "tb-42",
                "file:/data/" + datasetId + "/brushing.csv",
                "file:/data/" + datasetId + "/settings.jsonl");
    }

    static String report(String datasetId, String outcome) {
        return "{\"dataset_id\":\"" + datasetId + "\",\"outcome\":\"" + outcome + "\",\"points_written\":7}";
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static QueuedJob claim(JobQueue queue) {
        Optional<QueuedJob> job = queue.poll();
        assertTrue(job.isPresent(), "a job should be ready");
        return job.get();
    }

    @Test
    @DisplayName("an empty queue has no job")
    void emptyQueue_poll_returnsEmpty() {
        assertEquals(Optional.empty(), worker("w1").poll());
    }

    @Test
    @DisplayName("a claimed job carries its dataset, no attempts yet, and is not handed out twice")
    void enqueuedDataset_poll_claimsItOnce() {
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds-1"));

        QueuedJob job = claim(queue);

        assertEquals(dataset("ds-1"), job.dataset());
        assertEquals(0, job.attempts());
        assertEquals(T0.plus(LEASE), job.leaseUntil());
        assertEquals("running", snapshot("ds-1").state());
        assertEquals(Optional.empty(), queue.poll());
        assertEquals(Optional.empty(), worker("w2").poll());
    }

    @Test
    @DisplayName("jobs are claimed oldest first, not in name order")
    void threeJobs_poll_claimsOldestFirst() {
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds-c"));
        clock.advance(Duration.ofSeconds(1));
        queue.enqueue(dataset("ds-a"));
        clock.advance(Duration.ofSeconds(1));
        queue.enqueue(dataset("ds-b"));

        assertEquals("ds-c", claim(queue).dataset().datasetId());
        assertEquals("ds-a", claim(queue).dataset().datasetId());
        assertEquals("ds-b", claim(queue).dataset().datasetId());
    }

    @Test
    @DisplayName("a dataset id with slashes, dots, spaces, @, % and non-ASCII letters round-trips")
    void unusualDatasetId_enqueueAndPoll_keepItExactly() {
        JobQueue queue = worker("w1");
        Dataset unusual =
                new Dataset("site/2024 ds.1 @ü%2F", "tb 7/ü", "https://example.org/a b.csv?x=1", "/data/s.jsonl.gz");
        queue.enqueue(unusual);

        QueuedJob job = claim(queue);
        job.commit(report("x", "completed"));

        assertEquals(unusual, job.dataset());
        assertEquals("done", snapshot(unusual.datasetId()).state());
    }

    @Test
    @DisplayName("commit moves the job to done with its report; it is never handed out again")
    void commit_movesJobToDoneWithReport() {
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds-1"));

        claim(queue).commit(report("ds-1", "completed"));

        JobSnapshot stored = snapshot("ds-1");
        assertEquals("done", stored.state());
        assertEquals(0, stored.attempts());
        assertEquals(json(report("ds-1", "completed")), stored.report());
        clock.advance(Duration.ofDays(1));
        assertEquals(Optional.empty(), queue.poll());
    }

    @Test
    @DisplayName("a retryable failure puts the job back with one attempt counted, ready after 5-10 s of backoff")
    void retryableFailure_putsJobBackAfterBackoff() {
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds-1"));

        claim(queue).fail("llamadb unreachable", Retryability.RETRYABLE, report("ds-1", "failed"));

        JobSnapshot stored = snapshot("ds-1");
        assertEquals("pending", stored.state());
        assertEquals(1, stored.attempts());
        assertEquals("llamadb unreachable", stored.lastError());
        assertEquals(json(report("ds-1", "failed")), stored.report());
        assertBetween(T0.plusSeconds(5), T0.plusSeconds(10), stored.notBefore());

        clock.set(stored.notBefore().minusMillis(1));
        assertEquals(Optional.empty(), queue.poll());
        clock.set(stored.notBefore());
        QueuedJob retried = claim(queue);
        assertEquals(dataset("ds-1"), retried.dataset());
        assertEquals(1, retried.attempts());
    }

    @Test
    @DisplayName("F4: a failure reason and a report holding signed or password URLs are stored redacted")
    void F4_reasonsAndReports_areStoredRedacted() {
        String signed = "https://s3.example/b.csv?X-Amz-Signature=sig-PLANTED-3&x=1";
        String withPassword = "https://me:pw-PLANTED-1@host.example/s.jsonl?token=tok-PLANTED-2";
        String secretReport = "{\"dataset_id\":\"ds-1\",\"outcome\":\"failed\",\"message\":\"cannot read " + signed
                + " nor " + withPassword + "\"}";
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds-1"));

        claim(queue).fail("source_unavailable: " + signed, Retryability.RETRYABLE, secretReport);
        JobSnapshot retried = snapshot("ds-1");
        clock.set(retried.notBefore());
        claim(queue).commit(secretReport);
        JobSnapshot done = snapshot("ds-1");

        assertEquals("source_unavailable: https://s3.example/b.csv?X-Amz-Signature=***&x=1", retried.lastError());
        for (JobSnapshot stored : List.of(retried, done)) {
            String report = stored.report().toString();
            assertFalse(report.contains("PLANTED"), report);
            assertTrue(report.contains("https://***@host.example/s.jsonl?token=***"), report);
        }
    }

    @Test
    @DisplayName("the backoff doubles with each failure (base 10 s) and stops growing at the cap (30 s)")
    void repeatedFailures_backOffExponentiallyUpToTheCap() {
        JobQueue queue = worker("w1", settings().withMaxAttempts(10));
        queue.enqueue(dataset("ds-1"));
        long[][] expectedSeconds = {{5, 10}, {10, 20}, {15, 30}, {15, 30}};
        for (int failure = 1; failure <= expectedSeconds.length; failure++) {
            Instant failedAt = clock.instant();
            claim(queue).fail("timeout " + failure, Retryability.RETRYABLE, null);

            JobSnapshot stored = snapshot("ds-1");
            assertEquals(failure, stored.attempts());
            assertBetween(
                    failedAt.plusSeconds(expectedSeconds[failure - 1][0]),
                    failedAt.plusSeconds(expectedSeconds[failure - 1][1]),
                    stored.notBefore());
            clock.set(stored.notBefore());
        }
    }

    @Test
    @DisplayName("after the last allowed attempt (3) a retryable failure moves the job to failed for good")
    void retryableFailure_atMaxAttempts_deadLetters() {
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds-1"));
        for (int failure = 1; failure <= 3; failure++) {
            claim(queue).fail("timeout " + failure, Retryability.RETRYABLE, report("ds-1", "failed"));
            clock.advance(Duration.ofSeconds(30));
        }

        JobSnapshot stored = snapshot("ds-1");
        assertEquals("failed", stored.state());
        assertEquals(3, stored.attempts());
        assertEquals("timeout 3", stored.lastError());
        assertEquals(json(report("ds-1", "failed")), stored.report());
        clock.advance(Duration.ofDays(1));
        assertEquals(Optional.empty(), queue.poll());
    }

    @Test
    @DisplayName("A7: an unsalvageable dataset (not retryable) moves to failed at once with reason and report")
    void nonRetryableFailure_deadLettersAtOnce() {
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds-1"));

        claim(queue).fail("no_initial_state", Retryability.PERMANENT, report("ds-1", "failed"));

        JobSnapshot stored = snapshot("ds-1");
        assertEquals("failed", stored.state());
        assertEquals(1, stored.attempts());
        assertEquals("no_initial_state", stored.lastError());
        assertEquals(json(report("ds-1", "failed")), stored.report());
        assertEquals(Optional.empty(), queue.poll());
    }

    @Test
    @DisplayName("release gives the job back, ready at once, without counting an attempt")
    void release_givesJobBackWithoutAnAttempt() {
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds-1"));

        claim(queue).release();

        JobSnapshot stored = snapshot("ds-1");
        assertEquals("pending", stored.state());
        assertEquals(0, stored.attempts());
        assertEquals(0, claim(worker("w2")).attempts());
    }

    @Test
    @DisplayName("a claim is kept while its lease runs (up to and including its end)")
    void liveLease_anotherWorker_doesNotTakeTheJob() {
        worker("w1").enqueue(dataset("ds-1"));
        QueuedJob job = claim(worker("w1"));

        clock.advance(LEASE);

        assertEquals(Optional.empty(), worker("w2").poll());
        job.commit(report("ds-1", "completed"));
        assertEquals("done", snapshot("ds-1").state());
    }

    @Test
    @DisplayName("a dead worker's job is taken by the next worker once the lease expires, one attempt counted")
    void expiredLease_nextWorker_takesTheJobBack() {
        JobQueue first = worker("w1");
        first.enqueue(dataset("ds-1"));
        claim(first);

        clock.advance(LEASE.plusMillis(1));
        QueuedJob taken = claim(worker("w2"));

        assertEquals(dataset("ds-1"), taken.dataset());
        assertEquals(1, taken.attempts());
        JobSnapshot stored = snapshot("ds-1");
        assertEquals("running", stored.state());
        assertTrue(stored.lastError().startsWith("lease of worker w1-"), stored.lastError());
    }

    @Test
    @DisplayName("--drain: the poll that takes a job back from an expired lease claims it in the same call,"
            + " even while the clock moves between its readings")
    void expiredLease_andAMovingClock_onePoll_takesBackAndClaimsTheJob() {
        JobQueue first = worker("w1");
        first.enqueue(dataset("ds-1"));
        claim(first);
        clock.advance(LEASE.plusMillis(1));
        clock.tickOnEveryRead(Duration.ofMillis(1));

        Optional<QueuedJob> taken = worker("w2").poll();

        assertTrue(taken.isPresent(), "the job taken back from w1 was ready but not claimed");
        assertEquals(dataset("ds-1"), taken.get().dataset());
        assertEquals(1, taken.get().attempts());
        assertEquals("running", snapshot("ds-1").state());
    }

    @Test
    @DisplayName("a worker that lost its lease cannot commit over the new owner's result")
    void lostLease_staleCommit_isRefused() {
        JobQueue first = worker("w1");
        first.enqueue(dataset("ds-1"));
        QueuedJob stale = claim(first);
        clock.advance(LEASE.plusMillis(1));
        QueuedJob owner = claim(worker("w2"));

        QueueException refused = assertThrows(QueueException.class, () -> stale.commit(report("ds-1", "stale")));

        assertEquals(QueueException.Kind.LEASE_LOST, refused.kind());
        assertEquals(stale.id(), refused.jobId());
        assertTrue(refused.getMessage().contains(first.describe()), refused.getMessage());
        assertTrue(refused.getMessage().contains("job " + stale.id()), refused.getMessage());
        assertEquals("running", snapshot("ds-1").state());
        owner.commit(report("ds-1", "completed"));
        JobSnapshot stored = snapshot("ds-1");
        assertEquals("done", stored.state());
        assertEquals(json(report("ds-1", "completed")), stored.report());
    }

    @Test
    @DisplayName("a worker that lost its lease cannot fail, release or renew the job either, nor commit after that")
    void lostLease_staleFailReleaseAndHeartbeat_areRefused() {
        JobQueue first = worker("w1");
        for (String id : List.of("ds-1", "ds-2", "ds-3")) {
            first.enqueue(dataset(id));
        }
        QueuedJob stale1 = claim(first);
        QueuedJob stale2 = claim(first);
        QueuedJob stale3 = claim(first);
        clock.advance(LEASE.plusMillis(1));
        JobQueue second = worker("w2");
        claim(second);
        claim(second);
        claim(second);

        assertEquals(
                QueueException.Kind.LEASE_LOST,
                assertThrows(QueueException.class, () -> stale1.fail("timeout", Retryability.RETRYABLE, null))
                        .kind());
        assertEquals(
                QueueException.Kind.LEASE_LOST,
                assertThrows(QueueException.class, stale2::release).kind());
        assertEquals(
                QueueException.Kind.LEASE_LOST,
                assertThrows(QueueException.class, stale3::heartbeat).kind());
        assertEquals(
                QueueException.Kind.LEASE_LOST,
                assertThrows(QueueException.class, () -> stale3.commit(report("ds-3", "stale")))
                        .kind());
        for (String id : List.of("ds-1", "ds-2", "ds-3")) {
            JobSnapshot stored = snapshot(id);
            assertEquals("running", stored.state(), id);
            assertEquals(1, stored.attempts(), id);
        }
    }

    @Test
    @DisplayName("a heartbeat extends the lease by the lease timeout from now")
    void heartbeat_extendsTheLease() {
        JobQueue first = worker("w1");
        first.enqueue(dataset("ds-1"));
        QueuedJob job = claim(first);

        clock.advance(Duration.ofMinutes(4));
        job.heartbeat();
        assertEquals(T0.plus(Duration.ofMinutes(9)), job.leaseUntil());
        clock.advance(Duration.ofMinutes(4));

        assertEquals(Optional.empty(), worker("w2").poll());
        job.commit(report("ds-1", "completed"));
        assertEquals("done", snapshot("ds-1").state());
    }

    @Test
    @DisplayName("a lease that expires on the last allowed attempt moves the job to failed")
    void expiredLeaseOnLastAttempt_nextPoll_deadLettersTheJob() {
        JobQueue first = worker("w1");
        first.enqueue(dataset("ds-1"));
        claim(first).fail("timeout 1", Retryability.RETRYABLE, null);
        clock.advance(Duration.ofSeconds(30));
        claim(first).fail("timeout 2", Retryability.RETRYABLE, null);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(2, claim(first).attempts());

        clock.advance(LEASE.plusMillis(1));

        assertEquals(Optional.empty(), worker("w2").poll());
        JobSnapshot stored = snapshot("ds-1");
        assertEquals("failed", stored.state());
        assertEquals(3, stored.attempts());
        assertTrue(stored.lastError().startsWith("lease of worker w1-"), stored.lastError());
    }

    @Test
    @DisplayName("enqueue refuses a dataset id that is already pending")
    void pendingDataset_enqueue_isRefused() {
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds-1"));

        QueueException refused = assertThrows(QueueException.class, () -> queue.enqueue(dataset("ds-1")));

        assertEquals(QueueException.Kind.ALREADY_QUEUED, refused.kind());
        assertTrue(refused.getMessage().contains("dataset ds-1 is already"), refused.getMessage());
        assertEquals(dataset("ds-1"), claim(queue).dataset());
        assertEquals(Optional.empty(), queue.poll());
    }

    @Test
    @DisplayName("enqueue refuses a dataset id that is running, and accepts it again once it is done")
    void runningDataset_enqueue_isRefusedUntilDone() {
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds-1"));
        QueuedJob job = claim(queue);

        assertEquals(
                QueueException.Kind.ALREADY_QUEUED,
                assertThrows(QueueException.class, () -> queue.enqueue(dataset("ds-1")))
                        .kind());
        job.commit(report("ds-1", "completed"));
        queue.enqueue(dataset("ds-1"));

        assertEquals("pending", snapshot("ds-1").state());
        assertEquals(dataset("ds-1"), claim(queue).dataset());
    }

    @Test
    @DisplayName("finishing a job twice is a programming error")
    void finishedJob_secondFinish_throwsIllegalState() {
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds-1"));
        QueuedJob job = claim(queue);
        job.commit(report("ds-1", "completed"));

        assertThrows(IllegalStateException.class, () -> job.commit(report("ds-1", "completed")));
        assertThrows(IllegalStateException.class, job::release);
        assertThrows(IllegalStateException.class, job::heartbeat);
    }

    @Test
    @DisplayName("a report that is not one JSON object is refused and the claim stays usable")
    void nonJsonReport_commit_throwsAndKeepsTheClaim() {
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds-1"));
        QueuedJob job = claim(queue);

        assertThrows(IllegalArgumentException.class, () -> job.commit("not json"));
        assertThrows(IllegalArgumentException.class, () -> job.fail("x", Retryability.PERMANENT, "[1, 2]"));

        job.commit(report("ds-1", "completed"));
        assertEquals("done", snapshot("ds-1").state());
    }

    @Test
    @DisplayName("four workers, each with its own queue instance, share the jobs: each claimed and done once")
    void fourWorkers_sharingOneQueue_eachJobIsClaimedAndDoneExactlyOnce() throws Exception {
        int jobs = contentionJobs();
        JobQueue producer = worker("producer");
        for (int i = 0; i < jobs; i++) {
            producer.enqueue(dataset(String.format("ds-%03d", i)));
        }
        Map<String, AtomicInteger> claims = new ConcurrentHashMap<>();
        List<JobQueue> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(worker("w" + w));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (JobQueue queue : workers) {
                done.add(threads.submit(() -> {
                    start.await();
                    int committed = 0;
                    for (Optional<QueuedJob> job = queue.poll(); job.isPresent(); job = queue.poll()) {
                        String id = job.get().dataset().datasetId();
                        claims.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                        job.get().commit(report(id, "completed"));
                        committed++;
                    }
                    return committed;
                }));
            }
            start.countDown();
            int committed = 0;
            for (Future<Integer> result : done) {
                committed += result.get(60, TimeUnit.SECONDS);
            }
            assertEquals(jobs, committed);
        } finally {
            threads.shutdownNow();
        }
        assertEquals(jobs, claims.size());
        for (int i = 0; i < jobs; i++) {
            String id = String.format("ds-%03d", i);
            assertEquals(1, claims.get(id).get(), id);
            JobSnapshot stored = snapshot(id);
            assertEquals("done", stored.state(), id);
            assertEquals(id, stored.report().get("dataset_id").textValue());
        }
        assertFalse(producer.poll().isPresent());
    }

    // ---- operating the queue: list, find, retry, purge, counts (the jobs command) ----

    /** One job of each state: ds-done, ds-failed (no_initial_state), ds-running (held by w1) and ds-pending. */
    private Map<String, String> oneJobInEachState(JobQueue queue) {
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        ids.put("ds-done", queue.enqueue(dataset("ds-done")));
        clock.advance(Duration.ofSeconds(1));
        ids.put("ds-failed", queue.enqueue(dataset("ds-failed")));
        clock.advance(Duration.ofSeconds(1));
        ids.put("ds-running", queue.enqueue(dataset("ds-running")));
        clock.advance(Duration.ofSeconds(1));
        claim(queue).commit(report("ds-done", "completed"));
        claim(queue).fail("no_initial_state", Retryability.PERMANENT, report("ds-failed", "failed"));
        claim(queue);
        clock.advance(Duration.ofSeconds(1));
        ids.put("ds-pending", queue.enqueue(dataset("ds-pending")));
        return ids;
    }

    @Test
    @DisplayName("list shows every job oldest first with its state, attempts, reason and times; a state filters it")
    void list_showsJobsOldestFirst_andFiltersByState() {
        JobQueue queue = worker("w1");
        Map<String, String> ids = oneJobInEachState(queue);

        List<JobRecord> all = queue.list(Optional.empty(), 100);
        assertEquals(
                List.of("ds-done", "ds-failed", "ds-running", "ds-pending"),
                all.stream().map(JobRecord::datasetId).toList());
        assertEquals(
                List.of(JobState.DONE, JobState.FAILED, JobState.RUNNING, JobState.PENDING),
                all.stream().map(JobRecord::state).toList());
        assertEquals(List.copyOf(ids.values()), all.stream().map(JobRecord::id).toList());

        List<JobRecord> failed = queue.list(Optional.of(JobState.FAILED), 100);
        assertEquals(1, failed.size());
        JobRecord job = failed.get(0);
        assertEquals(ids.get("ds-failed"), job.id());
        assertEquals("no_initial_state", job.lastError());
        assertEquals(1, job.attempts());
        assertEquals("tb-42", job.toothbrushId());
        assertEquals(T0.plusSeconds(1), job.enqueuedAt());
        assertEquals(T0.plusSeconds(3), job.finishedAt());
        assertEquals(json(report("ds-failed", "failed")), json(job.reportJson()));

        assertEquals(2, queue.list(Optional.empty(), 2).size());
        assertEquals(
                List.of(),
                queue.list(Optional.of(JobState.DONE), 100).stream()
                        .filter(r -> !r.datasetId().equals("ds-done"))
                        .toList());
    }

    @Test
    @DisplayName(
            "find returns a job by the id enqueue printed: a done job with its report, a running one with its holder")
    void find_returnsTheJobWithReportAndLeaseHolder() {
        JobQueue queue = worker("w1");
        Map<String, String> ids = oneJobInEachState(queue);

        JobRecord done = queue.find(ids.get("ds-done")).orElseThrow();
        assertEquals(JobState.DONE, done.state());
        assertEquals(json(report("ds-done", "completed")), json(done.reportJson()));
        assertEquals(dataset("ds-done").brushingUri(), done.brushingUri());
        assertEquals(dataset("ds-done").settingsUri(), done.settingsUri());
        assertEquals(null, done.lastError());

        JobRecord running = queue.find(ids.get("ds-running")).orElseThrow();
        assertEquals(JobState.RUNNING, running.state());
        assertTrue(running.leaseHolder() != null && running.leaseHolder().startsWith("w1"), running.leaseHolder());
        assertEquals(T0.plusSeconds(3).plus(LEASE), running.leaseUntil());

        JobRecord pending = queue.find(ids.get("ds-pending")).orElseThrow();
        assertEquals(null, pending.reportJson());
        assertEquals(null, pending.leaseHolder());
        assertEquals(Optional.empty(), queue.find("no-such-job"));
        assertEquals(Optional.empty(), queue.find("999999"));
    }

    @Test
    @DisplayName("retry puts a failed job back to pending with no attempts, ready at once; other ids are skipped")
    void retry_putsFailedJobBackToPending() {
        JobQueue queue = worker("w1");
        Map<String, String> ids = oneJobInEachState(queue);

        assertEquals(
                1,
                queue.retry(List.of(
                        ids.get("ds-failed"), ids.get("ds-done"), ids.get("ds-pending"), "no-such-job", "../done/x")));

        JobSnapshot stored = snapshot("ds-failed");
        assertEquals("pending", stored.state());
        assertEquals(0, stored.attempts());
        assertEquals(
                JobState.PENDING, queue.find(ids.get("ds-failed")).orElseThrow().state());
        assertEquals(List.of(), queue.list(Optional.of(JobState.FAILED), 100));
        QueuedJob again = claim(queue);
        assertEquals("ds-failed", again.dataset().datasetId());
        assertEquals(0, again.attempts());
        assertEquals(0, queue.retry(List.of(ids.get("ds-failed"))));
    }

    @Test
    @DisplayName("retry of all failed jobs counts them, and skips a dataset that is pending again")
    void retryAllFailed_putsEveryFailedJobBack() {
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds-a"));
        queue.enqueue(dataset("ds-b"));
        claim(queue).fail("source_not_found", Retryability.PERMANENT, null);
        claim(queue).fail("source_not_found", Retryability.PERMANENT, null);
        queue.enqueue(dataset("ds-b")); // enqueued again by hand: its failed job stays failed

        assertEquals(1, queue.retryAllFailed());
        assertEquals("pending", snapshot("ds-a").state());
        assertEquals(0, queue.retryAllFailed());
    }

    @Test
    @DisplayName("purge deletes the done or failed jobs finished before a time, with their reports, and counts them")
    void purge_deletesFinishedJobsOlderThanTheCutoff() {
        JobQueue queue = worker("w1");
        Map<String, String> ids = oneJobInEachState(queue);

        assertEquals(0, queue.purge(JobState.DONE, T0.plusSeconds(3)));
        assertEquals(1, queue.purge(JobState.DONE, T0.plusSeconds(4)));

        assertEquals(Optional.empty(), queue.find(ids.get("ds-done")));
        assertEquals(List.of(), queue.list(Optional.of(JobState.DONE), 100));
        assertEquals(3, queue.list(Optional.empty(), 100).size());
        assertEquals(1, queue.purge(JobState.FAILED, T0.plusSeconds(4)));
        assertThrows(IllegalArgumentException.class, () -> queue.purge(JobState.PENDING, T0.plusSeconds(4)));
        assertThrows(IllegalArgumentException.class, () -> queue.purge(JobState.RUNNING, T0.plusSeconds(4)));
        queue.enqueue(dataset("ds-done")); // its old record is gone, so it can be queued afresh
    }

    @Test
    @DisplayName("counts gives the number of jobs in every state")
    void counts_givesJobsPerState() {
        JobQueue queue = worker("w1");
        assertEquals(
                Map.of(JobState.PENDING, 0L, JobState.RUNNING, 0L, JobState.DONE, 0L, JobState.FAILED, 0L),
                queue.counts());
        oneJobInEachState(queue);
        assertEquals(
                Map.of(JobState.PENDING, 1L, JobState.RUNNING, 1L, JobState.DONE, 1L, JobState.FAILED, 1L),
                queue.counts());
    }

    static void assertBetween(Instant fromInclusive, Instant toExclusive, Instant actual) {
        assertTrue(
                !actual.isBefore(fromInclusive) && actual.isBefore(toExclusive),
                actual + " should be in [" + fromInclusive + ", " + toExclusive + ")");
    }
}
