package toothbrush.ingest.bootstrap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import toothbrush.ingest.bootstrap.worker.QueueView.JobRecord;
import toothbrush.ingest.bootstrap.worker.WorkerDatasets.Reference;
import toothbrush.ingest.bootstrap.worker.WorkerDatasets.TestDataset;

/**
 * Three real worker processes of the shaded jar share one queue ({@code dir:} or PostgreSQL) and one real
 * InfluxDB; thirty jobs are queued with the jar's {@code enqueue}. One worker is killed with SIGKILL in the middle
 * of a job; after its lease expires a survivor runs the job again. At the end every job has ended exactly once,
 * the failing ones failed at once for the right reason, the reports equal single-process {@code ingest} runs, and
 * InfluxDB holds every point of every completed dataset exactly once (P4).
 */
class WorkerProcessesIT {
    private static final int WORKERS = 3;
    /** Short enough to wait for; long enough that heartbeats (every third) keep live claims on 2 loaded cores. */
    private static final int LEASE_SECONDS = 5;
    /** 25 generated datasets of 10,000-58,000 ticks: about 0.3-3 s of work each for a worker writing to InfluxDB. */
    private static final long[] TICKS = generatedTicks(25);
    /** Jobs of at least this many ticks last long enough to be killed in the middle. */
    private static final long KILLABLE_TICKS = 40_000;
    /** A claim seen this long is surely in the middle of its ingest, past poll and before finish. */
    private static final Duration MID_JOB = Duration.ofMillis(300);

    private static final Duration ALL_ENDED_TIMEOUT = Duration.ofSeconds(150);

    @TempDir
    static Path shared;

    private static ThrowawayServers.InfluxDb influx;
    private static List<TestDataset> datasets;
    private static Map<String, Reference> references;

    @BeforeAll
    static void startInfluxAndPrepareDatasets() throws Exception {
        WorkerProcess.requireJar();
        influx = ThrowawayServers.InfluxDb.start();
        datasets = WorkerDatasets.create(shared.resolve("datasets"), "w", TICKS, 3, true);
        assertEquals(30, datasets.size());
        references = WorkerDatasets.reference(datasets);
    }

    @AfterAll
    static void stopInflux() throws Exception {
        if (influx != null) {
            influx.close();
        }
    }

    @ParameterizedTest(name = "{0} queue")
    @ValueSource(strings = {"dir", "postgresql"})
    @DisplayName("3 worker processes, 30 jobs, one worker SIGKILLed mid-job: every job ends exactly once,"
            + " reports equal single-process ingests (R1-R5, A7), every point lands once (P4)")
    void threeWorkers_oneKilledMidJob_everyJobEndsExactlyOnce(String queueKind, @TempDir Path work) throws Exception {
        ThrowawayServers.Postgres postgres = null;
        List<WorkerProcess> workers = new ArrayList<>();
        try {
            QueueView queue;
            if (queueKind.equals("dir")) {
                queue = new QueueView.Directory(work.resolve("jobs"));
            } else {
                postgres = ThrowawayServers.Postgres.start();
                queue = new QueueView.Postgres(postgres);
            }
            String database = "workers_" + queueKind;
            influx.recreateDatabase(database);
            for (int i = 0; i < WORKERS; i++) {
                // U2: the datasets lie outside the workers' working directory, so they are allowed by name.
                workers.add(WorkerProcess.startWorker(
                        work,
                        "w" + i,
                        "--queue",
                        queue.uri(),
                        "--db",
                        influx.writeUrl(database),
                        "--lease-seconds",
                        Integer.toString(LEASE_SECONDS),
                        "--allow-source",
                        "file:" + shared.resolve("datasets") + "/"));
            }

            Kill kill;
            ExecutorService enqueuers = Executors.newFixedThreadPool(3);
            try {
                // The workers take jobs while the rest are being queued; the kill may come at any point.
                List<Future<WorkerProcess.Run>> enqueued = WorkerChecks.enqueue(enqueuers, work, queue.uri(), datasets);
                kill = killOneMidJob(queue, workers);
                WorkerChecks.assertEnqueued(enqueued, datasets);
            } finally {
                enqueuers.shutdownNow();
            }

            WorkerChecks.awaitEveryJobEnded(queue, workers, datasets.size(), ALL_ENDED_TIMEOUT);
            for (WorkerProcess worker : workers) {
                if (worker != kill.worker()) {
                    assertTrue(worker.isAlive(), "worker " + worker.name() + " stops only when told");
                    assertEquals(0, worker.terminate(40), "worker " + worker.name() + ": SIGTERM exits 0");
                }
            }

            assertEveryJobEndedOnce(queue, kill);
            WorkerChecks.assertInfluxHoldsEveryPointOnce(influx, database, datasets, references);
        } catch (Throwable failure) {
            String tails = WorkerChecks.logTails(workers);
            failure.addSuppressed(new AssertionError("the workers' logs:\n" + tails));
            throw failure;
        } finally {
            for (WorkerProcess worker : workers) {
                worker.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** The worker killed, the job it held and its claim's owner token. */
    private record Kill(WorkerProcess worker, String datasetId, String owner) {}

    /**
     * Watches the queue until a worker has held a long job for {@link #MID_JOB}, SIGKILLs that worker, and returns
     * the job it held when it died: claimed, in the middle of its ingest, and now left to its lease.
     */
    private static Kill killOneMidJob(QueueView queue, List<WorkerProcess> workers) throws Exception {
        Set<String> killable = datasets.stream()
                .filter(d -> d.ticks() >= KILLABLE_TICKS)
                .map(TestDataset::datasetId)
                .collect(Collectors.toSet());
        Map<String, Long> firstSeen = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            for (WorkerProcess worker : workers) {
                if (!worker.isAlive()) {
                    throw new AssertionError("worker " + worker.name() + " exited before the kill");
                }
            }
            long now = System.nanoTime();
            for (JobRecord job : queue.jobs()) {
                if (!job.state().equals("running") || job.leaseOwner() == null || !killable.contains(job.datasetId())) {
                    continue;
                }
                long seen = firstSeen.computeIfAbsent(job.leaseOwner(), owner -> now);
                if (now - seen < MID_JOB.toNanos()) {
                    continue;
                }
                WorkerProcess victim = workers.stream()
                        .filter(w -> w.owns(job.leaseOwner()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no worker process owns claim " + job.leaseOwner()));
                victim.kill();
                // Normally still that job; had it just ended, the worker would already hold its next one.
                List<JobRecord> held = queue.jobs().stream()
                        .filter(j -> j.state().equals("running") && victim.owns(j.leaseOwner()))
                        .toList();
                assertEquals(1, held.size(), "the dead worker holds exactly one job, left to its lease: " + held);
                JobRecord dead = held.get(0);
                return new Kill(victim, dead.datasetId(), dead.leaseOwner());
            }
            Thread.sleep(50);
        }
        throw new AssertionError(
                "no worker held a job of " + KILLABLE_TICKS + "+ ticks for " + MID_JOB.toMillis() + " ms within 90 s");
    }

    private static void assertEveryJobEndedOnce(QueueView queue, Kill kill) throws Exception {
        assertEquals(List.of(), queue.strays(), "no file in the queue is anything but a job");
        Map<String, List<JobRecord>> byDataset = queue.jobs().stream()
                .collect(Collectors.groupingBy(JobRecord::datasetId, LinkedHashMap::new, Collectors.toList()));
        assertEquals(
                datasets.stream().map(TestDataset::datasetId).collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(byDataset.keySet()),
                "exactly the queued datasets");
        byDataset.forEach((id, records) -> assertEquals(1, records.size(), id + " must end exactly once: " + records));

        for (TestDataset dataset : datasets) {
            JobRecord job = byDataset.get(dataset.datasetId()).get(0);
            Reference reference = references.get(dataset.datasetId());
            String context = dataset.kind() + " " + dataset.datasetId();
            assertNotNull(job.report(), context + ": the queue keeps the report");
            switch (dataset.kind()) {
                case GENERATED -> {
                    assertEquals("done", job.state(), context);
                    if (dataset.datasetId().equals(kill.datasetId())) {
                        // The expired lease counts as one attempt and is named as the last error.
                        assertEquals(1, job.attempts(), context + ": " + job);
                        assertTrue(
                                job.lastError() != null
                                        && job.lastError()
                                                .startsWith("lease of worker " + kill.owner() + " expired at "),
                                context + ": " + job.lastError());
                    } else {
                        assertEquals(0, job.attempts(), context + ": " + job);
                        assertNull(job.lastError(), context);
                    }
                }
                case UNSALVAGEABLE -> {
                    assertEquals("failed", job.state(), context);
                    assertEquals(1, job.attempts(), context + ": not retried");
                    assertEquals("no_initial_state", job.lastError(), context);
                }
                case MISSING_BRUSHING, MISSING_SETTINGS -> {
                    assertEquals("failed", job.state(), context);
                    assertEquals(1, job.attempts(), context + ": a missing file is not retried");
                    // F1: the job record keeps the code; the report's message names the dataset and the file.
                    assertEquals("source_not_found", job.lastError(), context);
                    String message = job.report().path("message").asText();
                    assertTrue(
                            message.contains(dataset.datasetId())
                                    && message.contains(dataset.missingPath().toString()),
                            context + ": " + message);
                }
            }
            Reports.assertSameReport(reference.report(), job.report(), context);
        }
    }

    /** {@code n} tick counts spread over 10,000-58,000 (a stride of 29,000 modulo 50,000), big and small mixed. */
    private static long[] generatedTicks(int n) {
        long[] ticks = new long[n];
        for (int i = 0; i < n; i++) {
            ticks[i] = 10_000 + (i * 29_000L) % 50_000;
        }
        return ticks;
    }
}
