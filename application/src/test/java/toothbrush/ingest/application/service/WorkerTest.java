package toothbrush.ingest.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toothbrush.ingest.application.testing.TestLines.brushing;
import static toothbrush.ingest.application.testing.TestLines.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.DatasetReader;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.port.PointWriter;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.application.report.JobResult;
import toothbrush.ingest.application.testing.InMemoryDatasetReader;
import toothbrush.ingest.application.testing.InMemoryJobSource;
import toothbrush.ingest.application.testing.InMemoryPointSink;
import toothbrush.ingest.application.testing.TestLines;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.SettingsUpdate;
import toothbrush.ingest.domain.rules.RejectReason;

class WorkerTest {
    private static final double T = 1_600_000_000d;

    private final List<Duration> pauses = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    private static Dataset dataset(String id) {
        return new Dataset(id, "tb-1", id + ".csv", id + ".jsonl");
    }

    /** A good dataset: an anchor at tick 0 and two brushing events. */
    private static InMemoryDatasetReader good() {
        return new InMemoryDatasetReader(
                TestLines.<BrushingEvent>lines()
                        .parsed(brushing(0), brushing(1))
                        .build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(settings(T, 0, 0.5, 0.25))
                        .build());
    }

    /** A7: no settings line carries a tick interval. */
    private static InMemoryDatasetReader unsalvageable() {
        return new InMemoryDatasetReader(
                TestLines.<BrushingEvent>lines().parsed(brushing(0)).build(),
                TestLines.<SettingsUpdate>lines()
                        .rejected(RejectReason.MALFORMED)
                        .build());
    }

    /** Routes each dataset id to its own reader. */
    private record Readers(Map<String, DatasetReader> byId) implements DatasetReader {
        @Override
        public LineStream<BrushingEvent> openBrushing(Dataset dataset) {
            return byId.get(dataset.datasetId()).openBrushing(dataset);
        }

        @Override
        public LineStream<SettingsUpdate> openSettings(Dataset dataset) {
            return byId.get(dataset.datasetId()).openSettings(dataset);
        }
    }

    /** A sink whose availability the test switches. */
    private static final class SwitchableSink extends InMemoryPointSinkDelegate {
        boolean up = true;

        @Override
        public boolean available() {
            return up;
        }
    }

    /** Delegates to an {@link InMemoryPointSink} so availability can be overridden. */
    private static class InMemoryPointSinkDelegate implements toothbrush.ingest.application.port.PointSink {
        final InMemoryPointSink memory = new InMemoryPointSink();

        @Override
        public PointWriter open(Dataset dataset) {
            return memory.open(dataset);
        }
    }

    private Worker worker(
            InMemoryJobSource jobs, DatasetReader reader, toothbrush.ingest.application.port.PointSink sink) {
        return new Worker(
                jobs,
                new IngestService(reader, sink, IngestSettings.defaults()),
                sink,
                new WorkerSettings(
                        Duration.ofMillis(100),
                        Duration.ofMillis(400),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(4),
                        Duration.ofMillis(50)),
                pauses::add,
                new Worker.Listener() {
                    @Override
                    public void jobEnded(Dataset dataset, Worker.Outcome outcome, JobResult result, Duration took) {
                        log.add(dataset.datasetId() + " " + outcome.code());
                    }

                    @Override
                    public void warn(String message, Throwable cause) {
                        log.add("warn " + message);
                    }
                });
    }

    @Test
    @DisplayName(
            "drain: completed jobs are committed, an unsalvageable one (A7) is failed for good, then the loop exits")
    void drain_finishesEveryJobOnce() {
        InMemoryJobSource jobs = new InMemoryJobSource(List.of(dataset("a"), dataset("bad"), dataset("b")));
        Readers readers = new Readers(Map.of("a", good(), "bad", unsalvageable(), "b", good()));
        Worker.Summary summary = worker(jobs, readers, new InMemoryPointSink()).run(0, true, () -> false);

        assertEquals(new Worker.Summary(2, 1, 0, 0), summary);
        assertEquals(List.of("a completed", "bad failed", "b completed"), log);
        assertInstanceOf(JobResult.Completed.class, jobs.endings().get(0).result());
        JobResult.Failed failed =
                assertInstanceOf(JobResult.Failed.class, jobs.endings().get(1).result());
        assertEquals(FailureReason.NO_INITIAL_STATE, failed.reason());
        assertFalse(failed.retryable());
        assertEquals(4, jobs.polls(), "three jobs, then one empty poll ends the drain");
        assertTrue(pauses.isEmpty(), "drain never waits on an empty queue");
    }

    @Test
    @DisplayName("an empty queue is polled again after waits that double up to the maximum")
    void idleBackoff_doubles() {
        InMemoryJobSource jobs = new InMemoryJobSource(List.of());
        int[] checks = {0};
        worker(jobs, new Readers(Map.of()), new InMemoryPointSink()).run(0, false, () -> checks[0]++ >= 4);
        assertEquals(
                List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(400)),
                pauses);
    }

    @Test
    @DisplayName("a queue that cannot be reached is retried after growing waits; the worker does not stop")
    void queueErrors_backOff() {
        InMemoryJobSource jobs = new InMemoryJobSource(List.of(dataset("a"))).failNextPolls(3);
        Worker.Summary summary = worker(jobs, new Readers(Map.of("a", good())), new InMemoryPointSink())
                .run(0, true, () -> false);
        assertEquals(1, summary.completed());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), pauses);
    }

    @Test
    @DisplayName("a retryable failure (stream cut) is handed back as retryable while the database is up")
    void streamFailure_isRetried() {
        InMemoryJobSource jobs = new InMemoryJobSource(List.of(dataset("a")));
        InMemoryDatasetReader cut = good().failBrushingAtLine(1, true);
        Worker.Summary summary = worker(jobs, new Readers(Map.of("a", cut)), new InMemoryPointSink())
                .run(0, true, () -> false);
        assertEquals(new Worker.Summary(0, 0, 1, 0), summary);
        JobResult.Failed failed =
                assertInstanceOf(JobResult.Failed.class, jobs.endings().get(0).result());
        assertTrue(failed.retryable());
    }

    @Test
    @DisplayName("while the database is down no job is taken; a job that failed because it went down is released")
    void databaseDown_stopsTakingJobs() {
        InMemoryJobSource jobs = new InMemoryJobSource(List.of(dataset("a"), dataset("b")));
        SwitchableSink sink = new SwitchableSink();
        sink.memory.failOnWrite(1, true);
        Readers readers = new Readers(Map.of("a", good(), "b", good()));
        Worker worker = new Worker(
                jobs,
                new IngestService(
                        readers,
                        new toothbrush.ingest.application.port.PointSink() {
                            @Override
                            public PointWriter open(Dataset dataset) {
                                sink.up = false; // the database goes down while this job runs
                                return sink.open(dataset);
                            }
                        },
                        IngestSettings.defaults()),
                sink,
                WorkerSettings.defaults(),
                pauses::add,
                new Worker.Listener() {
                    @Override
                    public void jobEnded(Dataset dataset, Worker.Outcome outcome, JobResult result, Duration took) {
                        log.add(dataset.datasetId() + " " + outcome.code());
                    }

                    @Override
                    public void warn(String message, Throwable cause) {
                        log.add("warn");
                    }
                });
        int[] checks = {0};
        Worker.Summary summary = worker.run(0, false, () -> checks[0]++ >= 4);

        assertEquals(new Worker.Summary(0, 0, 0, 1), summary);
        assertTrue(jobs.endings().get(0).released(), "released without counting an attempt");
        assertEquals(1, jobs.pendingCount(), "job b was not taken while the database was down");
        assertEquals(List.of("a released", "warn"), log, "one warning, not one per check");
        assertTrue(pauses.stream().allMatch(WorkerSettings.DEFAULT_DATABASE_DOWN_WAIT::equals));
    }

    @Test
    @DisplayName("a bug while ingesting fails that job as retryable and the worker goes on with the next")
    void unexpectedError_costsOneAttemptOnly() {
        InMemoryJobSource jobs = new InMemoryJobSource(List.of(dataset("boom"), dataset("a")));
        DatasetReader broken = new DatasetReader() {
            @Override
            public LineStream<BrushingEvent> openBrushing(Dataset dataset) {
                throw new IllegalStateException("bug");
            }

            @Override
            public LineStream<SettingsUpdate> openSettings(Dataset dataset) {
                throw new IllegalStateException("bug");
            }
        };
        Worker.Summary summary = worker(jobs, new Readers(Map.of("boom", broken, "a", good())), new InMemoryPointSink())
                .run(0, true, () -> false);
        assertEquals(new Worker.Summary(1, 0, 1, 0), summary);
        JobResult.Failed failed =
                assertInstanceOf(JobResult.Failed.class, jobs.endings().get(0).result());
        assertEquals(FailureReason.INTERNAL_ERROR, failed.reason());
        assertTrue(failed.message().contains("bug"), failed.message());
        assertEquals("failed", failed.report().outcome().code());
    }

    @Test
    @DisplayName("--max-jobs stops after that many jobs; releaseInHand gives back nothing when idle")
    void maxJobs_stopsAfterThatManyJobs() {
        InMemoryJobSource jobs = new InMemoryJobSource(List.of(dataset("a"), dataset("b"), dataset("c")));
        Worker worker =
                worker(jobs, new Readers(Map.of("a", good(), "b", good(), "c", good())), new InMemoryPointSink());
        assertEquals(2, worker.run(2, false, () -> false).jobs());
        assertEquals(1, jobs.pendingCount());
        assertFalse(worker.releaseInHand());
    }

    @Test
    @DisplayName("U4: a JVM error (OutOfMemoryError) gives the job back without an attempt and stops the loop")
    void U4_anErrorReleasesTheJob_andPropagates() {
        InMemoryJobSource jobs = new InMemoryJobSource(List.of(dataset("oom"), dataset("a")));
        DatasetReader exhausting = new DatasetReader() {
            @Override
            public LineStream<BrushingEvent> openBrushing(Dataset dataset) {
                throw new IllegalStateException("not reached");
            }

            @Override
            public LineStream<SettingsUpdate> openSettings(Dataset dataset) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        Worker worker = worker(jobs, new Readers(Map.of("oom", exhausting, "a", good())), new InMemoryPointSink());

        OutOfMemoryError error = assertThrows(OutOfMemoryError.class, () -> worker.run(0, true, () -> false));

        assertEquals("Java heap space", error.getMessage());
        assertEquals(1, jobs.endings().size());
        assertTrue(jobs.endings().get(0).released(), "the job goes back to the queue");
        assertEquals(1, jobs.pendingCount(), "the job after it was never taken");
        assertFalse(worker.releaseInHand(), "nothing is left in hand");
    }
}
