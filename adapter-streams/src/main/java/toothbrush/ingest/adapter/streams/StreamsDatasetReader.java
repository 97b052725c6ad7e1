package toothbrush.ingest.adapter.streams;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Function;
import toothbrush.ingest.adapter.streams.source.ByteSource;
import toothbrush.ingest.adapter.streams.source.ByteSources;
import toothbrush.ingest.adapter.streams.source.SourceUnavailableException;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.DatasetReader;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.SettingsUpdate;

/** Reads a dataset's streams from their URIs with the CSV and JSON-lines parsers of this module. */
public final class StreamsDatasetReader implements DatasetReader {
    private final Function<String, ByteSource> sources;

    /** Reads file paths and {@code file:} URIs ({@link ByteSources#forUri}). */
    public StreamsDatasetReader() {
        this(ByteSources::forUri);
    }

    /**
     * Reads the sources {@code sources} picks for a URI.
     *
     * @param sources throws {@link IllegalArgumentException} for a URI it cannot serve
     */
    public StreamsDatasetReader(Function<String, ByteSource> sources) {
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    /** {@inheritDoc} The stream is opened now; its first bytes are read by the first {@code next()}. */
    @Override
    public LineStream<BrushingEvent> openBrushing(Dataset dataset) {
        return new BrushingCsvParser(open(dataset, StreamName.BRUSHING, dataset.brushingUri()));
    }

    /** {@inheritDoc} The stream is opened now; its first bytes are read by the first {@code next()}. */
    @Override
    public LineStream<SettingsUpdate> openSettings(Dataset dataset) {
        return new SettingsJsonParser(open(dataset, StreamName.SETTINGS, dataset.settingsUri()));
    }

    private StreamInput open(Dataset dataset, StreamName stream, String uri) {
        String datasetId = dataset.datasetId();
        ByteSource source;
        try {
            source = sources.apply(uri);
        } catch (IllegalArgumentException e) {
            throw StreamException.openFailed(datasetId, stream, uri, e.getMessage(), false, e);
        }
        InputStream raw;
        try {
            raw = source.open(0);
        } catch (SourceUnavailableException e) {
            throw StreamException.openFailed(datasetId, stream, uri, StreamException.describe(e), false, e);
        } catch (IOException e) {
            throw StreamException.openFailed(datasetId, stream, uri, StreamException.describe(e), true, e);
        }
        return new StreamInput(datasetId, stream, source.describe(), raw, source.size());
    }
}
