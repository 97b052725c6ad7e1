package toothbrush.ingest.adapter.streams;

import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;
import toothbrush.ingest.adapter.streams.source.ByteSource;
import toothbrush.ingest.adapter.streams.source.ByteSources;
import toothbrush.ingest.adapter.streams.source.SourcePolicy;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.DatasetReader;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.application.report.Redaction;
import toothbrush.ingest.application.support.Throwables;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.SettingsUpdate;

/**
 * Reads a dataset's streams from their URIs (file paths, {@code file:} URIs, {@code http(s)://} URLs)
 * with the CSV and JSON-lines parsers of this module; a stream that breaks is resumed at the exact byte
 * ({@link StreamSettings} says how patiently), invisibly to the parsers.
 */
public final class StreamsDatasetReader implements DatasetReader {
    private final Function<String, ByteSource> sources;
    private final RetryConfig retry;
    private final long maxStreamBytes;
    /** Told once per retried open or resume of any stream; for a retry counter. */
    private volatile Runnable retryListener = () -> {};

    /** Reads files and http(s) URLs with {@link StreamSettings#defaults()}. */
    public StreamsDatasetReader() {
        this(StreamSettings.defaults());
    }

    /** Reads any file or http(s) URL ({@link SourcePolicy#unrestricted()}) with {@code settings}. */
    public StreamsDatasetReader(StreamSettings settings) {
        this(settings, SourcePolicy.unrestricted());
    }

    /**
     * Reads the files and http(s) URLs ({@link ByteSources#forUri}) that {@code policy} allows (U2), with
     * {@code settings}; a refused stream fails its open with {@code source_not_allowed} before a byte is
     * read, and so does a refused redirect hop.
     */
    public StreamsDatasetReader(StreamSettings settings, SourcePolicy policy) {
        this(settings, new ByteSources(settings.connectTimeout(), settings.readTimeout(), policy)::forUri);
    }

    /**
     * Reads the sources {@code sources} picks for a URI, retrying as {@code settings} says (its timeouts
     * are the sources' business).
     *
     * @param sources a new source per call; throws {@link IllegalArgumentException} for a URI it cannot serve
     */
    public StreamsDatasetReader(StreamSettings settings, Function<String, ByteSource> sources) {
        this.retry = ResumingInputStream.retryConfig(Objects.requireNonNull(settings, "settings"));
        this.maxStreamBytes = settings.maxStreamBytes();
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    /**
     * Registers {@code listener}, run once each time an open or a resume of a stream is retried (on the reading
     * thread; keep it cheap), e.g. to count retries. Replaces an earlier listener.
     */
    public void onRetry(Runnable listener) {
        this.retryListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * {@inheritDoc} The stream is opened now (retried as the settings say); its first bytes are read by
     * the first {@code next()}.
     *
     * @throws StreamException when it cannot be opened: not retryable for an unsupported URI, a source the
     *     policy refuses ({@code source_not_allowed}) or a missing or forbidden source (404, 410, other
     *     4xx), retryable when every attempt failed; and from {@code next()} with {@code stream_too_large}
     *     once the stream passes {@link StreamSettings#maxStreamBytes()} decoded bytes
     */
    @Override
    public LineStream<BrushingEvent> openBrushing(Dataset dataset) {
        return new BrushingCsvParser(open(dataset, StreamName.BRUSHING, dataset.brushingUri()));
    }

    /** {@inheritDoc} Opened as {@link #openBrushing} opens the brushing stream. */
    @Override
    public LineStream<SettingsUpdate> openSettings(Dataset dataset) {
        return new SettingsJsonParser(open(dataset, StreamName.SETTINGS, dataset.settingsUri()));
    }

    private StreamInput open(Dataset dataset, StreamName stream, String uri) {
        String datasetId = dataset.datasetId();
        // F4: the stream is named everywhere (messages, retry lines, reports) by its redacted URI.
        String shown = Redaction.uri(uri);
        ByteSource source;
        try {
            source = sources.apply(uri);
        } catch (IllegalArgumentException e) {
            throw StreamException.openFailed(
                    datasetId, stream, shown, FailureReason.SOURCE_NOT_ALLOWED, Redaction.text(e.getMessage()), e);
        }
        String context = "dataset " + datasetId + ": " + stream.label() + " stream " + shown;
        ResumingInputStream raw;
        try {
            raw = ResumingInputStream.open(source, retry, context, retryListener);
        } catch (IOException e) {
            throw StreamException.openFailed(
                    datasetId, stream, shown, StreamException.reasonOf(e), Throwables.describe(e), e);
        }
        return new StreamInput(datasetId, stream, shown, raw, source.size(), maxStreamBytes);
    }
}
