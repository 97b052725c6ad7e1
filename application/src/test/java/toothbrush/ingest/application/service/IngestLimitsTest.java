package toothbrush.ingest.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toothbrush.ingest.application.testing.TestLines.brushing;
import static toothbrush.ingest.application.testing.TestLines.settings;
import static toothbrush.ingest.application.testing.TestLines.text;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.DatasetReadException;
import toothbrush.ingest.application.port.DatasetReader;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.port.ParsedLine;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.application.report.JobResult;
import toothbrush.ingest.application.testing.InMemoryDatasetReader;
import toothbrush.ingest.application.testing.InMemoryPointSink;
import toothbrush.ingest.application.testing.TestLines;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.SettingsUpdate;
import toothbrush.ingest.domain.rules.RejectReason;

/** U1 (the job deadline) and U4 (batches bounded by bytes) in the use case, with in-memory ports. */
class IngestLimitsTest {
    private static final double T = 1_600_000_000.0;
    private static final Dataset DATASET = new Dataset("ds-1", "tb-42", "brushing.csv", "settings.jsonlines");

    private final InMemoryPointSink sink = new InMemoryPointSink();

    /** Settings with one anchor; a brushing stream that the given supplier makes. */
    private static DatasetReader reader(java.util.function.Supplier<LineStream<BrushingEvent>> brushing) {
        InMemoryDatasetReader settingsOnly = new InMemoryDatasetReader(
                TestLines.<BrushingEvent>lines().build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(settings(T, 0, null, 0.25))
                        .build());
        return new DatasetReader() {
            @Override
            public LineStream<BrushingEvent> openBrushing(Dataset dataset) {
                return brushing.get();
            }

            @Override
            public LineStream<SettingsUpdate> openSettings(Dataset dataset) {
                return settingsOnly.openSettings(dataset);
            }
        };
    }

    /** A stream whose first read blocks until the thread is interrupted, as a trickling server's would. */
    private static final class BlockedStream implements LineStream<BrushingEvent> {
        final CountDownLatch never = new CountDownLatch(1);
        volatile boolean closed;

        @Override
        public ParsedLine<BrushingEvent> next() {
            try {
                never.await();
                throw new IllegalStateException("unreachable");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatasetReadException(
                        FailureReason.SOURCE_UNAVAILABLE,
                        "dataset ds-1: brushing stream b.csv failed at byte 0 (line 1): interrupted",
                        new IOException("interrupted"));
            }
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        public long totalBytes() {
            return -1;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** An endless stream of malformed lines that never blocks: only the deadline check between lines ends it. */
    private static final class EndlessGarbage implements LineStream<BrushingEvent> {
        long line;

        @Override
        public ParsedLine<BrushingEvent> next() {
            return new ParsedLine.Rejected<>(++line, RejectReason.MALFORMED);
        }

        @Override
        public long bytesRead() {
            return line;
        }

        @Override
        public long totalBytes() {
            return -1;
        }

        @Override
        public void close() {}
    }

    @Test
    void U1_aReadBlockedPastTheJobTimeout_endsTheDataset_withDeadlineExceeded_andRetryable() {
        BlockedStream blocked = new BlockedStream();
        IngestService service = new IngestService(
                reader(() -> blocked), sink, IngestSettings.defaults().withJobTimeout(Duration.ofMillis(300)));

        long started = System.nanoTime();
        JobResult.Failed failed = assertInstanceOf(JobResult.Failed.class, service.ingest(DATASET));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(FailureReason.DEADLINE_EXCEEDED, failed.reason());
        assertTrue(failed.retryable(), "U1: deadline_exceeded is retried, counted as an attempt");
        assertTrue(
                failed.message().startsWith("dataset ds-1: deadline exceeded: not done within the job timeout"),
                failed.message());
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "ended after " + took);
        assertTrue(blocked.closed);
        assertTrue(sink.lastWriter().closed());
        assertFalse(sink.lastWriter().interruptedAtClose(), "the writer is discarded without the deadline's interrupt");
        assertFalse(sink.lastWriter().committed());
        assertEquals(0, failed.report().pointsWritten());
        assertFalse(Thread.currentThread().isInterrupted(), "the deadline's interrupt is cleared for the next job");
    }

    @Test
    void U1_anEndlessStreamOfBadLines_endsAtTheDeadline_evenThoughNoReadBlocks() {
        EndlessGarbage garbage = new EndlessGarbage();
        IngestService service = new IngestService(
                reader(() -> garbage), sink, IngestSettings.defaults().withJobTimeout(Duration.ofMillis(300)));

        JobResult.Failed failed = assertInstanceOf(JobResult.Failed.class, service.ingest(DATASET));

        assertEquals(FailureReason.DEADLINE_EXCEEDED, failed.reason());
        assertTrue(garbage.line > 0);
        assertEquals(garbage.line, failed.report().brushing().rejected(), "the lines read before it still count");
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void U1_aDatasetDoneBeforeTheDeadline_isNotInterruptedLater() throws InterruptedException {
        InMemoryDatasetReader quick = new InMemoryDatasetReader(
                TestLines.<BrushingEvent>lines()
                        .parsed(brushing(0), brushing(1))
                        .build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(settings(T, 0, null, 0.25))
                        .build());
        IngestService service =
                new IngestService(quick, sink, IngestSettings.defaults().withJobTimeout(Duration.ofMillis(100)));

        assertInstanceOf(JobResult.Completed.class, service.ingest(DATASET));
        Thread.sleep(300);

        assertFalse(Thread.currentThread().isInterrupted(), "a cancelled deadline must not fire");
    }

    @Test
    void U4_aBatchIsHandedOnAtTheByteBudget_beforeItHasBatchSizePoints() {
        String wide = "x".repeat(10_000);
        TestLines.Builder<BrushingEvent> lines = TestLines.lines();
        for (int tick = 0; tick < 100; tick++) {
            lines.parsed(brushing(tick, text("note", wide)));
        }
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                lines.build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(settings(T, 0, null, 0.25))
                        .build());
        // Each point holds about 20 KB of extra text: a 100 KB budget takes about five per batch.
        IngestService service = new IngestService(
                reader, sink, IngestSettings.defaults().withBatchSize(5_000).withMaxBatchBytes(100_000));

        JobResult.Completed completed = assertInstanceOf(JobResult.Completed.class, service.ingest(DATASET));

        assertEquals(101, completed.report().pointsWritten());
        List<Integer> sizes = new ArrayList<>();
        for (List<?> batch : sink.lastWriter().batches()) {
            sizes.add(batch.size());
        }
        assertTrue(sizes.size() >= 15, "batches: " + sizes);
        assertTrue(sizes.stream().allMatch(n -> n <= 6), "batches: " + sizes);
        assertEquals(101, sizes.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void U4_pointsWithoutExtraFields_fillWholeBatches() {
        TestLines.Builder<BrushingEvent> lines = TestLines.lines();
        for (int tick = 0; tick < 25; tick++) {
            lines.parsed(brushing(tick, new ExtraField[0]));
        }
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                lines.build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(settings(T, 0, null, 0.25))
                        .build());
        IngestService service = new IngestService(
                reader, sink, IngestSettings.defaults().withBatchSize(10).withMaxBatchBytes(1));

        assertInstanceOf(JobResult.Completed.class, service.ingest(DATASET));

        assertEquals(
                List.of(10, 10, 6),
                sink.lastWriter().batches().stream().map(List::size).toList());
    }
}
