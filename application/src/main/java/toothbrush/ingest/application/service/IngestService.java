package toothbrush.ingest.application.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.DatasetReadException;
import toothbrush.ingest.application.port.DatasetReader;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.port.ParsedLine;
import toothbrush.ingest.application.port.PointSink;
import toothbrush.ingest.application.port.PointSinkException;
import toothbrush.ingest.application.port.PointWriter;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.JobResult;
import toothbrush.ingest.application.report.StreamReport;
import toothbrush.ingest.domain.alignment.AnchorClock;
import toothbrush.ingest.domain.alignment.BrushingSequence;
import toothbrush.ingest.domain.alignment.DatasetStatistics;
import toothbrush.ingest.domain.alignment.LossTracker;
import toothbrush.ingest.domain.alignment.SettingsEvent;
import toothbrush.ingest.domain.alignment.SettingsSequence;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.SettingsUpdate;
import toothbrush.ingest.domain.point.Point;
import toothbrush.ingest.domain.rules.RejectReason;

/**
 * Ingests one dataset: reads its settings and brushing streams once, in one merge pass in tick order,
 * writes their points in batches and returns the report (A1-A7, B7-B10, R1-R5, P1-P5). Holds no state between
 * calls, so one instance may serve several threads.
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
     * {@link JobResult.Failed} for an unsalvageable dataset (A7: reason {@code no_initial_state}, not
     * retryable, nothing written, brushing stream not opened) or when a port throws
     * {@link DatasetReadException} or {@link PointSinkException} (reason: the exception's message;
     * retryable as the exception says; the writer is closed without commit). The report of a failure
     * carries the counts reached so far and, as {@code pointsWritten}, the points handed to the writer
     * before it. Streams and writer are closed on every path; any other exception from a port is a
     * programming error and propagates.
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
        Run run = new Run(dataset, progress);
        try {
            return run.execute();
        } catch (DatasetReadException e) {
            return run.failed(messageOf(e), e.retryable());
        } catch (PointSinkException e) {
            return run.failed(messageOf(e), e.retryable());
        }
    }

    private static String messageOf(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** The state of one {@link #ingest} call. */
    private final class Run {
        private final Dataset dataset;
        private final IngestProgress progress;
        private LineStream<BrushingEvent> brushingStream;
        private final StreamCounter settingsCounter = new StreamCounter(settings.maxRejectionSamples());
        private final StreamCounter brushingCounter = new StreamCounter(settings.maxRejectionSamples());
        private final SettingsSequence settingsSequence = new SettingsSequence();
        private final LossTracker statistics = new LossTracker();
        private BrushingSequence brushingSequence;
        /** The line number of the brushing event read ahead, counted when it is emitted (B10). */
        private long pendingBrushingLine;
        private AnchorClock clock;
        private PointWriter writer;
        private List<Point> batch;
        private long pointsWritten;

        Run(Dataset dataset, IngestProgress progress) {
            this.dataset = dataset;
            this.progress = progress;
        }

        JobResult execute() {
            boolean salvageable;
            try (Lines<SettingsUpdate> settingsLines = new Lines<>(reader.openSettings(dataset), settingsCounter)) {
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
                brushingStream = reader.openBrushing(dataset);
                try (Lines<BrushingEvent> brushingLines = new Lines<>(brushingStream, brushingCounter)) {
                    clock = new AnchorClock(firstAnchor);
                    brushingSequence = new BrushingSequence(firstAnchor.tick());
                    SettingsEvent pendingSettings = firstAnchor;
                    BrushingEvent pendingBrushing = nextBrushing(brushingLines);
                    while (pendingSettings != null || pendingBrushing != null) {
                        // A5: at equal ticks the settings event comes first.
                        if (pendingSettings != null
                                && (pendingBrushing == null || pendingSettings.tick() <= pendingBrushing.tick())) {
                            emit(pendingSettings);
                            pendingSettings = nextSettings(settingsLines);
                        } else {
                            emit(pendingBrushing);
                            pendingBrushing = nextBrushing(brushingLines);
                        }
                    }
                }
                flush();
                pointWriter.commit();
            }
        }

        private void emit(SettingsEvent event) {
            statistics.onSettings(event);
            clock.apply(event);
            add(new Point.Settings(event.timestamp().roundedNanos(), event.tick(), event.battery(),
                    event.tickInterval().doubleValue(), event.extras()));
        }

        /** B10 once every settings event at or below the event's tick is applied (A5), then R1-R4 and P1. */
        private void emit(BrushingEvent event) {
            long tick = event.tick();
            long time = clock.timeNanos(tick);
            BrushingSequence.Verdict verdict = brushingSequence.emit(event, time);
            if (verdict instanceof BrushingSequence.Accepted accepted) {
                brushingCounter.accepted(accepted.droppedFields());
                statistics.onBrushing(tick, time, clock.endNanos(tick), clock.intervalAt(tick));
                add(new Point.Brushing(time, accepted.event()));
            } else {
                brushingCounter.rejected(pendingBrushingLine, ((BrushingSequence.Rejected) verdict).reason(), 0);
            }
        }

        private void add(Point point) {
            if (batch == null) {
                batch = new ArrayList<>(Math.min(settings.batchSize(), 8_192));
            }
            batch.add(point);
            if (batch.size() >= settings.batchSize()) {
                flush();
            }
        }

        /** Hands the batch to the writer, which may keep it: the next point starts a new list. */
        private void flush() {
            if (batch != null && !batch.isEmpty()) {
                List<Point> full = batch;
                batch = null;
                writer.write(full);
                pointsWritten += full.size();
                if (brushingStream != null) {
                    progress.update(dataset, brushingStream.bytesRead(), brushingStream.totalBytes(), pointsWritten);
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
         * The next brushing event that passes B7 and B8 (its line number in {@link #pendingBrushingLine}),
         * counting every line before it; {@code null} at the end. Its verdict on B10 comes when it is emitted.
         */
        private BrushingEvent nextBrushing(Lines<BrushingEvent> lines) {
            for (ParsedLine<BrushingEvent> line = lines.next(); line != null; line = lines.next()) {
                if (line instanceof ParsedLine.Parsed<BrushingEvent> parsed) {
                    BrushingSequence.Verdict verdict = brushingSequence.read(parsed.record());
                    if (verdict instanceof BrushingSequence.InOrder) {
                        pendingBrushingLine = line.lineNumber();
                        return parsed.record();
                    }
                    // B9: type-pinning drops of a rejected brushing line are not counted.
                    brushingCounter.rejected(line.lineNumber(), ((BrushingSequence.Rejected) verdict).reason(), 0);
                } else {
                    countUnparsed(line, brushingCounter);
                }
            }
            return null;
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
            IngestReport report = new IngestReport(dataset.datasetId(), dataset.toothbrushId(),
                    IngestReport.Outcome.COMPLETED, null, stats.start().toBigDecimal(), stats.end().toBigDecimal(),
                    stats.lostSeconds().toBigDecimal(),
                    points, brushingCounter.report(), settingsCounter.report());
            return new JobResult.Completed(report);
        }

        /** A7: no first anchor in the whole settings stream. */
        private JobResult unsalvageable() {
            String reason = RejectReason.NO_INITIAL_STATE.code();
            IngestReport report = new IngestReport(dataset.datasetId(), dataset.toothbrushId(),
                    IngestReport.Outcome.FAILED, reason, null, null, null, 0,
                    StreamReport.unread(), settingsCounter.report());
            return new JobResult.Failed(report, reason, false);
        }

        JobResult failed(String reason, boolean retryable) {
            IngestReport report = new IngestReport(dataset.datasetId(), dataset.toothbrushId(),
                    IngestReport.Outcome.FAILED, reason, null, null, null, pointsWritten,
                    brushingCounter.report(), settingsCounter.report());
            return new JobResult.Failed(report, reason, retryable);
        }
    }

    /** A line stream that counts its lines and records its bytes read when it ends or is closed. */
    private static final class Lines<R> implements AutoCloseable {
        private final LineStream<R> stream;
        private final StreamCounter counter;

        Lines(LineStream<R> stream, StreamCounter counter) {
            this.stream = Objects.requireNonNull(stream, "stream");
            this.counter = counter;
        }

        ParsedLine<R> next() {
            ParsedLine<R> line = stream.next();
            if (line != null) {
                counter.line();
            } else {
                counter.bytesRead(stream.bytesRead());
            }
            return line;
        }

        @Override
        public void close() {
            try {
                counter.bytesRead(stream.bytesRead());
            } finally {
                stream.close();
            }
        }
    }
}
