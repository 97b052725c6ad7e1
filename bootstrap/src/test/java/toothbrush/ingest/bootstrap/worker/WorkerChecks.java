package toothbrush.ingest.bootstrap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import toothbrush.ingest.bootstrap.worker.QueueView.JobRecord;
import toothbrush.ingest.bootstrap.worker.WorkerDatasets.Fingerprint;
import toothbrush.ingest.bootstrap.worker.WorkerDatasets.Kind;
import toothbrush.ingest.bootstrap.worker.WorkerDatasets.Reference;
import toothbrush.ingest.bootstrap.worker.WorkerDatasets.TestDataset;

/** The steps and checks both worker ITs share: enqueue with the jar, wait for the queue to empty, count points. */
final class WorkerChecks {
    private WorkerChecks() {}

    /** Runs the jar's {@code enqueue} for every dataset on {@code enqueuers}; {@link #assertEnqueued} waits. */
    static List<Future<WorkerProcess.Run>> enqueue(
            ExecutorService enqueuers, Path work, String queueUri, List<TestDataset> datasets) {
        List<Future<WorkerProcess.Run>> runs = new ArrayList<>();
        for (TestDataset dataset : datasets) {
            runs.add(enqueuers.submit(() -> WorkerProcess.run(work, dataset.enqueueArgs(queueUri))));
        }
        return runs;
    }

    /** Every {@code enqueue} exited 0 and printed a job id. */
    static void assertEnqueued(List<Future<WorkerProcess.Run>> runs, List<TestDataset> datasets) throws Exception {
        for (int i = 0; i < datasets.size(); i++) {
            WorkerProcess.Run run = runs.get(i).get();
            assertEquals(0, run.exitCode(), "enqueue " + datasets.get(i).datasetId() + ": " + run.stderr());
            assertTrue(run.stdout().strip().matches("[A-Za-z0-9_-]+"), "a job id: " + run.stdout());
        }
    }

    /** Waits until the queue holds {@code jobs} jobs, all done or failed; fails early when every worker exited. */
    static void awaitEveryJobEnded(QueueView queue, List<WorkerProcess> workers, int jobs, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> states = Map.of();
        while (System.nanoTime() < deadline) {
            List<JobRecord> all = queue.jobs();
            states = all.stream().collect(Collectors.groupingBy(JobRecord::state, TreeMap::new, Collectors.counting()));
            long ended = states.getOrDefault("done", 0L) + states.getOrDefault("failed", 0L);
            if (ended == jobs && all.size() == jobs) {
                return;
            }
            if (workers.stream().noneMatch(WorkerProcess::isAlive)) {
                throw new AssertionError("every worker has exited; jobs by state: " + states);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not every job ended within " + timeout.toSeconds() + " s; jobs by state: " + states);
    }

    /**
     * P4: InfluxDB holds, for each completed dataset, exactly the points its single-process ingest streamed (count,
     * tick sum, first and last timestamp per measurement, each carrying its dataset_id), and nothing for the
     * datasets that failed; the total is the sum of {@code points_written}.
     */
    static void assertInfluxHoldsEveryPointOnce(
            ThrowawayServers.InfluxDb influx,
            String database,
            List<TestDataset> datasets,
            Map<String, Reference> references)
            throws Exception {
        Map<String, Map<String, Fingerprint>> expected = new TreeMap<>();
        long expectedPoints = 0;
        for (TestDataset dataset : datasets) {
            if (dataset.kind() != Kind.GENERATED) {
                continue;
            }
            Reference reference = references.get(dataset.datasetId());
            long written = reference.report().get("points_written").asLong();
            long streamed = reference.points().values().stream()
                    .mapToLong(Fingerprint::count)
                    .sum();
            assertEquals(written, streamed, dataset.datasetId() + ": points_written counts every point streamed");
            // P5: points of one series at one timestamp would collapse into one in InfluxDB; none here.
            reference
                    .points()
                    .forEach((measurement, f) -> assertEquals(
                            f.count(),
                            f.distinctTimestamps(),
                            dataset.datasetId() + " " + measurement + ": no two points share a timestamp"));
            expected.put(dataset.toothbrushId(), reference.points());
            expectedPoints += written;
        }
        Map<String, Map<String, Fingerprint>> stored = InfluxPoints.byToothbrush(influx, database);
        assertEquals(expected.keySet(), stored.keySet(), "series per toothbrush: the completed datasets' only");
        long storedPoints = 0;
        for (Map.Entry<String, Map<String, Fingerprint>> entry : expected.entrySet()) {
            assertEquals(
                    entry.getValue(),
                    stored.get(entry.getKey()),
                    "points of " + entry.getKey() + " (count, tick sum, first and last timestamp per measurement)");
            storedPoints += stored.get(entry.getKey()).values().stream()
                    .mapToLong(Fingerprint::count)
                    .sum();
        }
        assertEquals(expectedPoints, storedPoints, "InfluxDB holds the sum of points_written of the done jobs");
        for (TestDataset dataset : datasets) {
            if (dataset.kind() == Kind.GENERATED) {
                Map<String, Long> counts = new TreeMap<>();
                references.get(dataset.datasetId()).points().forEach((m, f) -> counts.put(m, f.count()));
                assertEquals(
                        counts,
                        InfluxPoints.countWithDatasetId(influx, database, dataset.toothbrushId(), dataset.datasetId()),
                        dataset.datasetId() + ": every point carries its dataset_id");
            }
        }
    }

    /** The last lines of every worker's log, for a failure message. */
    static String logTails(List<WorkerProcess> workers) {
        return workers.stream().map(w -> w.stderrTail(40)).collect(Collectors.joining("\n"));
    }
}
