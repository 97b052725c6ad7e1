package toothbrush.ingest.bootstrap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.bootstrap.worker.QueueView.JobRecord;
import toothbrush.ingest.bootstrap.worker.WorkerDatasets.Reference;
import toothbrush.ingest.bootstrap.worker.WorkerDatasets.TestDataset;

/**
 * One worker process writes to a real InfluxDB through a TCP proxy; while it is in the middle of a job the proxy
 * goes down (connections refused, the established ones reset) for {@link #OUTAGE}. The worker must ride it out:
 * no job failed or dead-lettered because of it (a job given back or retried is fine), the worker never exits, and
 * once the database is back every job ends done with every point in InfluxDB exactly once (P4).
 */
class DatabaseOutageWorkerIT {
    private static final String DATABASE = "outage";
    /** Six generated datasets of 50,000-120,000 ticks: each about 1-3 s of work, the outage in the second. */
    private static final long[] TICKS = {100_000, 120_000, 60_000, 110_000, 50_000, 90_000};
    /** Longer than the HTTP sink's first retries (0.5, 1, 2, 4 s) and the circuit breaker's 10 s open state. */
    private static final Duration OUTAGE = Duration.ofSeconds(12);

    private static final Duration MID_JOB = Duration.ofMillis(300);
    private static final Duration ALL_ENDED_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path work;

    @Test
    @DisplayName("the database down 12 s in the middle of a job: no job failed, the worker keeps running,"
            + " then every job is done with its single-process report and every point lands once (P4)")
    void databaseOutageMidJob_noJobFails_everyPointLandsOnce() throws Exception {
        WorkerProcess.requireJar();
        List<TestDataset> datasets = WorkerDatasets.create(work.resolve("datasets"), "o", TICKS, 0, false);
        Map<String, Reference> references = WorkerDatasets.reference(datasets);
        QueueView queue = new QueueView.Directory(work.resolve("jobs"));
        List<WorkerProcess> workers = new ArrayList<>();
        try (ThrowawayServers.InfluxDb influx = ThrowawayServers.InfluxDb.start();
                ThrowawayServers.TcpProxy proxy = new ThrowawayServers.TcpProxy(influx.port())) {
            influx.recreateDatabase(DATABASE);
            String writeUrl = "http://127.0.0.1:" + proxy.port() + "/write?db=" + DATABASE;
            ExecutorService enqueuers = Executors.newFixedThreadPool(2);
            try {
                List<Future<WorkerProcess.Run>> enqueued = WorkerChecks.enqueue(enqueuers, work, queue.uri(), datasets);
                WorkerChecks.assertEnqueued(enqueued, datasets);
            } finally {
                enqueuers.shutdownNow();
            }
            WorkerProcess worker = WorkerProcess.startWorker(work, "solo", "--queue", queue.uri(), "--db", writeUrl);
            workers.add(worker);

            // The outage starts in the second job: the first went through a healthy connection.
            awaitSecondJobInHand(queue);
            proxy.down();
            long outageStart = System.currentTimeMillis();
            Thread.sleep(2_000);
            // Without the database no job can complete: the job in hand now waits, the done count stands still.
            List<JobRecord> running = queue.jobs().stream()
                    .filter(job -> job.state().equals("running"))
                    .toList();
            assertEquals(1, running.size(), "the worker holds one job while the database is down: " + running);
            String inHand = running.get(0).datasetId();
            long doneEarly = count(queue, "done");
            while (System.currentTimeMillis() - outageStart < OUTAGE.toMillis()) {
                assertTrue(worker.isAlive(), "the worker must not exit while the database is down");
                assertEquals(0, count(queue, "failed"), "no job fails because the database is down");
                Thread.sleep(250);
            }
            assertEquals(doneEarly, count(queue, "done"), "no job completed while the database was down");
            proxy.up();
            long outageEnd = System.currentTimeMillis();

            WorkerChecks.awaitEveryJobEnded(queue, workers, datasets.size(), ALL_ENDED_TIMEOUT);
            assertTrue(worker.isAlive(), "the worker stops only when told");
            assertEquals(0, worker.terminate(40), "SIGTERM exits 0");

            Map<String, JobRecord> jobs = new HashMap<>();
            for (JobRecord job : queue.jobs()) {
                assertEquals(null, jobs.put(job.datasetId(), job), job.datasetId() + " must end exactly once");
            }
            assertEquals(datasets.stream().map(TestDataset::datasetId).collect(Collectors.toSet()), jobs.keySet());
            for (TestDataset dataset : datasets) {
                JobRecord job = jobs.get(dataset.datasetId());
                assertEquals(
                        "done",
                        job.state(),
                        dataset.datasetId() + " must not fail because the database was down: " + job);
                Reports.assertSameReport(
                        references.get(dataset.datasetId()).report(), job.report(), dataset.datasetId());
            }
            // The outage was felt: it cut the connection the job in hand was writing on, and that job ended only
            // once the database was back.
            assertTrue(proxy.dropped() > 0, "the outage reset an established connection");
            assertNotNull(jobs.get(inHand).finishedAtMillis(), inHand);
            assertTrue(
                    jobs.get(inHand).finishedAtMillis() >= outageEnd,
                    inHand + " ended at " + jobs.get(inHand).finishedAtMillis() + ", before the database came back at "
                            + outageEnd);
            WorkerChecks.assertInfluxHoldsEveryPointOnce(influx, DATABASE, datasets, references);
        } catch (Throwable failure) {
            String tails = WorkerChecks.logTails(workers);
            failure.addSuppressed(new AssertionError("the worker's log:\n" + tails));
            throw failure;
        } finally {
            for (WorkerProcess worker : workers) {
                worker.close();
            }
        }
    }

    private static long count(QueueView queue, String state) throws Exception {
        return queue.jobs().stream().filter(job -> job.state().equals(state)).count();
    }

    /**
     * Waits until one job is done and the worker has held another for {@link #MID_JOB}: it is writing points.
     */
    private static void awaitSecondJobInHand(QueueView queue) throws Exception {
        Map<String, Long> firstSeen = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            List<JobRecord> jobs = queue.jobs();
            if (jobs.stream().anyMatch(job -> job.state().equals("done"))) {
                for (JobRecord job : jobs) {
                    if (job.state().equals("running")
                            && now - firstSeen.computeIfAbsent(job.leaseOwner(), owner -> now) >= MID_JOB.toNanos()) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the worker did not finish one job and hold the next within 60 s");
    }
}
