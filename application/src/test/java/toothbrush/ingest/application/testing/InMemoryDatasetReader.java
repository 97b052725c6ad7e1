package toothbrush.ingest.application.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.DatasetReadException;
import toothbrush.ingest.application.port.DatasetReader;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.port.ParsedLine;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.SettingsUpdate;

/**
 * A {@link DatasetReader} over two lists of parsed lines. It records which streams were opened and
 * closed, logs every line handed out across both streams in order ({@link #pulls()}), and can fail
 * opening or reading either stream.
 */
public final class InMemoryDatasetReader implements DatasetReader {

    /** Which stream of a dataset. */
    public enum StreamKind {
        BRUSHING,
        SETTINGS
    }

    /** One line handed out by a stream, in the order of all pulls; {@code line} is {@code null} at its end. */
    public record Pull(StreamKind stream, ParsedLine<?> line) {
        public Pull {
            Objects.requireNonNull(stream, "stream");
        }
    }

    private final List<ParsedLine<BrushingEvent>> brushingLines;
    private final List<ParsedLine<SettingsUpdate>> settingsLines;
    private final List<Pull> pulls = new ArrayList<>();
    private final List<ListLineStream<BrushingEvent>> brushingStreams = new ArrayList<>();
    private final List<ListLineStream<SettingsUpdate>> settingsStreams = new ArrayList<>();
    private int failBrushingAtLine;
    private boolean brushingFailureRetryable;
    private int failSettingsAtLine;
    private boolean settingsFailureRetryable;
    private Boolean failOpeningBrushingRetryable;

    /** A reader whose datasets all have these two streams. */
    public InMemoryDatasetReader(
            List<ParsedLine<BrushingEvent>> brushingLines, List<ParsedLine<SettingsUpdate>> settingsLines) {
        this.brushingLines = List.copyOf(brushingLines);
        this.settingsLines = List.copyOf(settingsLines);
    }

    /** Reading the brushing stream throws when it reaches its {@code n}th line (1-based). */
    public InMemoryDatasetReader failBrushingAtLine(int n, boolean retryable) {
        this.failBrushingAtLine = n;
        this.brushingFailureRetryable = retryable;
        return this;
    }

    /** Reading the settings stream throws when it reaches its {@code n}th line (1-based). */
    public InMemoryDatasetReader failSettingsAtLine(int n, boolean retryable) {
        this.failSettingsAtLine = n;
        this.settingsFailureRetryable = retryable;
        return this;
    }

    /** Opening the brushing stream throws (e.g. a 404: not retryable). */
    public InMemoryDatasetReader failOpeningBrushing(boolean retryable) {
        this.failOpeningBrushingRetryable = retryable;
        return this;
    }

    @Override
    public LineStream<BrushingEvent> openBrushing(Dataset dataset) {
        if (failOpeningBrushingRetryable != null) {
            throw new DatasetReadException(
                    failOpeningBrushingRetryable ? FailureReason.SOURCE_UNAVAILABLE : FailureReason.SOURCE_NOT_FOUND,
                    "dataset " + dataset.datasetId() + ", stream brushing: cannot open " + dataset.brushingUri(),
                    new IOException("not found"));
        }
        ListLineStream<BrushingEvent> stream = new ListLineStream<>(
                "dataset " + dataset.datasetId() + ", stream brushing",
                brushingLines,
                failBrushingAtLine,
                brushingFailureRetryable,
                line -> pulls.add(new Pull(StreamKind.BRUSHING, line)));
        brushingStreams.add(stream);
        return stream;
    }

    @Override
    public LineStream<SettingsUpdate> openSettings(Dataset dataset) {
        ListLineStream<SettingsUpdate> stream = new ListLineStream<>(
                "dataset " + dataset.datasetId() + ", stream settings",
                settingsLines,
                failSettingsAtLine,
                settingsFailureRetryable,
                line -> pulls.add(new Pull(StreamKind.SETTINGS, line)));
        settingsStreams.add(stream);
        return stream;
    }

    /** True once the brushing stream was opened. */
    public boolean brushingOpened() {
        return !brushingStreams.isEmpty();
    }

    /** True once the settings stream was opened. */
    public boolean settingsOpened() {
        return !settingsStreams.isEmpty();
    }

    /** True when every brushing stream opened so far was closed. */
    public boolean brushingClosed() {
        return brushingStreams.stream().allMatch(ListLineStream::closed);
    }

    /** True when every settings stream opened so far was closed. */
    public boolean settingsClosed() {
        return settingsStreams.stream().allMatch(ListLineStream::closed);
    }

    /** The brushing streams opened so far, in order. */
    public List<ListLineStream<BrushingEvent>> brushingStreams() {
        return Collections.unmodifiableList(brushingStreams);
    }

    /** The settings streams opened so far, in order. */
    public List<ListLineStream<SettingsUpdate>> settingsStreams() {
        return Collections.unmodifiableList(settingsStreams);
    }

    /** Every line handed out by either stream, in the order they were pulled. */
    public List<Pull> pulls() {
        return Collections.unmodifiableList(pulls);
    }
}
