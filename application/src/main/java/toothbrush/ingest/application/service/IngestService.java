package toothbrush.ingest.application.service;

import java.util.List;
import java.util.Objects;
import toothbrush.ingest.application.port.BrushingLines;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.DatasetReadException;
import toothbrush.ingest.application.port.DatasetReader;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.port.ParsedLine;
import toothbrush.ingest.application.port.PointSink;
import toothbrush.ingest.application.port.PointSinkException;
import toothbrush.ingest.application.port.PointWriter;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.JobResult;
import toothbrush.ingest.application.report.Redaction;
import toothbrush.ingest.application.report.StreamReport;
import toothbrush.ingest.domain.alignment.AnchorClock;
import toothbrush.ingest.domain.alignment.BrushingSequence;
import toothbrush.ingest.domain.alignment.DatasetStatistics;
import toothbrush.ingest.domain.alignment.LossTracker;
import toothbrush.ingest.domain.alignment.SettingsEvent;
import toothbrush.ingest.domain.alignment.SettingsSequence;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.event.SettingsUpdate;
import toothbrush.ingest.domain.point.PointBatch;
import toothbrush.ingest.domain.profile.MergingProfile;

/**
 * Ingests one dataset: reads its settings and brushing streams once, in one merge pass in tick order,
 * writes their points in batches and returns the report with its profile (A1-A7, B7-B10, R1-R5, P1-P5, V1-V6).
 * Holds no state between calls, so one instance may serve several threads.
 */
public final class IngestService {

    private final DatasetReader reader;
    private final PointSink sink;
    private final IngestSettings settings;

    /** A use case reading with {@code reader}, writing to {@code sink}, within {@code settings}. */
    public IngestService(DatasetReader reader, PointSink sink, IngestSettings settings) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Ingests {@code dataset}. Returns {@link JobResult.Completed} once every point is committed;
     * {@link JobResult.Failed} with an F1 reason for an unsalvageable dataset (A7: {@code no_initial_state},
     * nothing written, brushing stream not opened), when a port throws {@link DatasetReadException} or
     * {@link PointSinkException} (the exception's reason and message; the writer is closed without commit),
     * or when the job timeout passes ({@code deadline_exceeded}, U1: a blocked read is interrupted). The
     * report of a failure carries the counts reached so far and, as {@code pointsWritten}, the points
     * committed before it (none: a failed dataset commits nothing). Streams and writer are closed on every
     * path; any other exception from a port is a programming error and propagates.
     */
    public JobResult ingest(Dataset dataset) {
        return ingest(dataset, IngestProgress.NONE);
    }

    /**
     * As {@link #ingest(Dataset)}, telling {@code progress} how far the brushing stream has been read after
     * each batch of points handed to the sink.
     */
    public JobResult ingest(Dataset dataset, IngestProgress progress) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(progress, "progress");
        try (JobDeadline deadline = JobDeadline.start(settings.jobTimeout())) {
            Run run = new Run(dataset, progress, deadline);
            try {
                return run.execute();
            } catch (DatasetReadException e) {
                return deadline.expired() ? run.deadlineExceeded() : run.failed(e.reason(), messageOf(dataset, e));
            } catch (PointSinkException e) {
                return deadline.expired() ? run.deadlineExceeded() : run.failed(e.reason(), messageOf(dataset, e));
            } catch (DeadlineExceeded e) {
                return run.deadlineExceeded();
            } catch (RuntimeException e) {
                if (deadline.expired()) {
                    return run.deadlineExceeded();
                }
                throw e;
            }
        }
    }

    /**
     * F1: the exception's sentence, naming the dataset once (adapters' messages usually name it already);
     * F4: every URI in it redacted, whatever the adapter did, since it reaches the report and the job record.
     */
    private static String messageOf(Dataset dataset, RuntimeException e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        String named = "dataset " + dataset.datasetId();
        return Redaction.text(message.contains(named) ? message : named + ": " + message);
    }

    /** Thrown inside a run when its deadline has passed between two reads (U1). */
    private static final class DeadlineExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeadlineExceeded() {
            super(null, null, false, false);
        }
    }

    /** The state of one {@link #ingest} call. */
    private final class Run {
        private final Dataset dataset;
        private final IngestProgress progress;
        private final JobDeadline deadline;
        private BrushingLines brushingStream;
        private final StreamCounter settingsCounter = new StreamCounter(settings.maxRejectionSamples());
        private final StreamCounter brushingCounter = new StreamCounter(settings.maxRejectionSamples());
        private final SettingsSequence settingsSequence = new SettingsSequence();
        private final LossTracker statistics = new LossTracker();
        /** V1-V6: fed the same accepted events as {@link #statistics}, in the same order. */
        private MergingProfile profile;

        private BrushingSequence brushingSequence;
        /** The line number of the brushing event read ahead, counted when it is emitted (B10). */
        private long pendingBrushingLine;

        private AnchorClock clock;
        private PointWriter writer;
        /** The points not yet handed to the writer; one batch for the whole run, cleared after each write. */
        private PointBatch batch;
        /** U4: estimated bytes of the extra fields the current batch holds. */
        private long batchBytes;

        private long pointsHandedOn;

        Run(Dataset dataset, IngestProgress progress, JobDeadline deadline) {
            this.dataset = dataset;
            this.progress = progress;
            this.deadline = deadline;
        }

        JobResult execute() {
            boolean salvageable;
            try (Lines<SettingsUpdate> settingsLines =
                    new Lines<>(reader.openSettings(dataset), settingsCounter, deadline)) {
                SettingsEvent firstAnchor = nextSettings(settingsLines);
                salvageable = firstAnchor != null;
                if (salvageable) {
                    writeAll(firstAnchor, settingsLines);
                }
            }
            return salvageable ? completed() : unsalvageable();
        }

        /** A6: one merge pass, with at most one accepted settings event read ahead. */
        private void writeAll(SettingsEvent firstAnchor, Lines<SettingsUpdate> settingsLines) {
            try (PointWriter pointWriter = sink.open(dataset)) {
                writer = pointWriter;
                brushingStream = BrushingLines.over(reader.openBrushing(dataset));
                try (BrushingCursor brushingLines = new BrushingCursor(brushingStream, brushingCounter, deadline)) {
                    clock = new AnchorClock(firstAnchor);
                    profile = new MergingProfile(firstAnchor);
                    brushingSequence = new BrushingSequence(firstAnchor.tick());
                    SettingsEvent pendingSettings = firstAnchor;
                    // The brushing event read ahead is the cursor's current line while this is true.
                    boolean brushingPending = nextBrushing(brushingLines);
                    while (pendingSettings != null || brushingPending) {
                        // A5: at equal ticks the settings event comes first.
                        if (pendingSettings != null
                                && (!brushingPending || pendingSettings.tick() <= brushingStream.tick())) {
                            emit(pendingSettings);
                            pendingSettings = nextSettings(settingsLines);
                        } else {
                            emitBrushing();
                            brushingPending = nextBrushing(brushingLines);
                        }
                    }
                }
                flush();
                pointWriter.commit();
            }
        }

        private void emit(SettingsEvent event) {
            statistics.onSettings(event);
            profile.onSettings(event);
            clock.apply(event);
            batch().addSettings(
                            event.timestamp().roundedNanos(),
                            event.tick(),
                            event.battery(),
                            event.tickInterval().doubleValue(),
                            event.extras());
            added(event.extras());
        }

        /**
         * The brushing event at the cursor: B10 once every settings event at or below its tick is applied
         * (A5), then R1-R4 and P1.
         */
        private void emitBrushing() {
            BrushingLines event = brushingStream;
            long tick = event.tick();
            long time = clock.timeNanos(tick);
            BrushingSequence.Verdict verdict = brushingSequence.emit(tick, event.extras(), time);
            if (verdict instanceof BrushingSequence.Accepted accepted) {
                brushingCounter.accepted(accepted.droppedFields());
                statistics.onBrushing(tick, time, clock.endNanos(tick), clock.intervalAt(tick));
                profile.onBrushing(tick, event.tooth(), event.percentClean());
                batch().addBrushing(time, tick, event.tooth(), event.percentClean(), accepted.extras());
                added(accepted.extras());
            } else {
                brushingCounter.rejected(pendingBrushingLine, ((BrushingSequence.Rejected) verdict).reason(), 0);
            }
        }

        private PointBatch batch() {
            if (batch == null) {
                batch = new PointBatch(Math.min(settings.batchSize(), 8_192));
            }
            return batch;
        }

        /** After a point was added to the batch: writes the batch when it is full. */
        private void added(List<ExtraField> extras) {
            if (!extras.isEmpty()) {
                batchBytes += estimatedBytes(extras);
            }
            if (batch.size() >= settings.batchSize() || batchBytes >= settings.maxBatchBytes()) {
                flush();
            }
        }

        /** U4: about what the extra fields of one point hold on the heap (names and values, with headers). */
        private static long estimatedBytes(List<ExtraField> extras) {
            long bytes = 0;
            for (int i = 0, n = extras.size(); i < n; i++) {
                ExtraField field = extras.get(i);
                bytes += 96 + 2L * field.name().length();
                if (field.value() instanceof FieldValue.StringValue text) {
                    bytes += 2L * text.value().length();
                }
            }
            return bytes;
        }

        /** Hands the batch to the writer, then clears it for the next points. */
        private void flush() {
            if (deadline.expired()) {
                deadline.acknowledge();
                throw new DeadlineExceeded();
            }
            if (batch != null && !batch.isEmpty()) {
                int size = batch.size();
                try {
                    writer.write(batch);
                } catch (RuntimeException e) {
                    if (deadline.expired()) {
                        deadline.acknowledge();
                        throw new DeadlineExceeded();
                    }
                    throw e;
                }
                batch.clear();
                batchBytes = 0;
                pointsHandedOn += size;
                if (brushingStream != null) {
                    progress.update(dataset, brushingStream.bytesRead(), brushingStream.totalBytes(), pointsHandedOn);
                }
            }
        }

        /** The next accepted settings event, counting every line up to it; {@code null} at the end. */
        private SettingsEvent nextSettings(Lines<SettingsUpdate> lines) {
            for (ParsedLine<SettingsUpdate> line = lines.next(); line != null; line = lines.next()) {
                if (line instanceof ParsedLine.Parsed<SettingsUpdate> parsed) {
                    SettingsSequence.Verdict verdict = settingsSequence.check(parsed.record());
                    if (verdict instanceof SettingsSequence.Accepted accepted) {
                        settingsCounter.accepted(accepted.droppedFields());
                        return accepted.event();
                    }
                    SettingsSequence.Rejected rejected = (SettingsSequence.Rejected) verdict;
                    settingsCounter.rejected(line.lineNumber(), rejected.reason(), rejected.droppedFields());
                } else {
                    countUnparsed(line, settingsCounter);
                }
            }
            return null;
        }

        /**
         * Moves the cursor to the next brushing event that passes B7 and B8 (its line number in
         * {@link #pendingBrushingLine}), counting every line before it; false at the end. Its verdict on B10
         * comes when it is emitted.
         */
        private boolean nextBrushing(BrushingCursor lines) {
            BrushingLines line = brushingStream;
            while (lines.advance()) {
                switch (line.kind()) {
                    case PARSED -> {
                        BrushingSequence.Verdict verdict = brushingSequence.read(line.tick());
                        if (verdict instanceof BrushingSequence.InOrder) {
                            pendingBrushingLine = line.lineNumber();
                            return true;
                        }
                        // B9: type-pinning drops of a rejected brushing line are not counted.
                        brushingCounter.rejected(line.lineNumber(), ((BrushingSequence.Rejected) verdict).reason(), 0);
                    }
                    case BLANK -> brushingCounter.blank();
                    case HEADER -> brushingCounter.header();
                    case REJECTED -> brushingCounter.rejected(line.lineNumber(), line.reason(), 0);
                }
            }
            return false;
        }

        private void countUnparsed(ParsedLine<?> line, StreamCounter counter) {
            if (line instanceof ParsedLine.Blank<?>) {
                counter.blank();
            } else if (line instanceof ParsedLine.Header<?>) {
                counter.header();
            } else if (line instanceof ParsedLine.Rejected<?> rejected) {
                counter.rejected(rejected.lineNumber(), rejected.reason(), 0);
            } else {
                throw new IllegalStateException("unknown line type: " + line);
            }
        }

        private JobResult completed() {
            DatasetStatistics stats = statistics.finish();
            long points = settingsCounter.accepted() + brushingCounter.accepted();
            IngestReport report = new IngestReport(
                    dataset.datasetId(),
                    dataset.toothbrushId(),
                    IngestReport.Outcome.COMPLETED,
                    null,
                    null,
                    stats.start().toBigDecimal(),
                    stats.end().toBigDecimal(),
                    stats.lostSeconds().toBigDecimal(),
                    points,
                    brushingCounter.report(),
                    settingsCounter.report(),
                    profile.finish());
            return new JobResult.Completed(report);
        }

        /** A7: no first anchor in the whole settings stream. */
        private JobResult unsalvageable() {
            String message = "dataset " + dataset.datasetId()
                    + ": unsalvageable: no settings line carries the initial state (a tick interval), so nothing can be timed";
            return new JobResult.Failed(IngestReport.failed(
                    dataset.datasetId(),
                    dataset.toothbrushId(),
                    FailureReason.NO_INITIAL_STATE,
                    message,
                    0,
                    StreamReport.unread(),
                    settingsCounter.report()));
        }

        /** U1: the job timeout passed. */
        JobResult deadlineExceeded() {
            return failed(
                    FailureReason.DEADLINE_EXCEEDED,
                    "dataset " + dataset.datasetId()
                            + ": deadline exceeded: not done within the job timeout of "
                            + deadline.timeout().toSeconds()
                            + " s (brushing line " + brushingCounter.lines() + ", settings line "
                            + settingsCounter.lines() + ")");
        }

        /** F1, F3: a failed dataset commits nothing, so no point counts as written. */
        JobResult failed(FailureReason reason, String message) {
            return new JobResult.Failed(IngestReport.failed(
                    dataset.datasetId(),
                    dataset.toothbrushId(),
                    reason,
                    message,
                    0,
                    brushingCounter.report(),
                    settingsCounter.report()));
        }
    }

    /**
     * A line stream that counts its lines, records its bytes read when it ends or is closed, and stops at
     * the deadline (U1) even when its lines come without blocking (an endless stream of bad lines).
     */
    private static class Lines<R> implements AutoCloseable {
        private final LineStream<R> stream;
        private final StreamCounter counter;
        private final JobDeadline deadline;

        Lines(LineStream<R> stream, StreamCounter counter, JobDeadline deadline) {
            this.stream = Objects.requireNonNull(stream, "stream");
            this.counter = counter;
            this.deadline = deadline;
        }

        /** The next line as a value, {@code null} at the end. */
        final ParsedLine<R> next() {
            checkDeadline();
            ParsedLine<R> line;
            try {
                line = stream.next();
            } catch (RuntimeException e) {
                throw afterFailedRead(e);
            }
            counted(line != null);
            return line;
        }

        final void checkDeadline() {
            if (deadline.expired()) {
                deadline.acknowledge();
                throw new DeadlineExceeded();
            }
        }

        /** What a failed read throws: the deadline's interrupt ends a read with {@link DeadlineExceeded}. */
        final RuntimeException afterFailedRead(RuntimeException e) {
            if (deadline.expired()) {
                // The deadline's interrupt ended this read; the writer must be discarded uninterrupted.
                deadline.acknowledge();
                return new DeadlineExceeded();
            }
            return e;
        }

        /** Counts the line read, or the bytes read once the stream ended. */
        final void counted(boolean line) {
            if (line) {
                counter.line();
            } else {
                counter.bytesRead(stream.bytesRead());
            }
        }

        @Override
        public final void close() {
            try {
                counter.bytesRead(stream.bytesRead());
            } finally {
                stream.close();
            }
        }
    }

    /** {@link Lines} of the brushing stream, read as a cursor: the line's values stay in {@code cursor}. */
    private static final class BrushingCursor extends Lines<BrushingEvent> {
        private final BrushingLines cursor;

        BrushingCursor(BrushingLines cursor, StreamCounter counter, JobDeadline deadline) {
            super(cursor, counter, deadline);
            this.cursor = cursor;
        }

        /** Moves {@code cursor} to the next line; false at the end. */
        boolean advance() {
            checkDeadline();
            boolean line;
            try {
                line = cursor.advance();
            } catch (RuntimeException e) {
                throw afterFailedRead(e);
            }
            counted(line);
            return line;
        }
    }
}
