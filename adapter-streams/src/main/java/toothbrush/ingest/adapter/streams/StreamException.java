package toothbrush.ingest.adapter.streams;

import java.util.Objects;
import toothbrush.ingest.adapter.streams.source.SourceChangedException;
import toothbrush.ingest.adapter.streams.source.SourceNotAllowedException;
import toothbrush.ingest.adapter.streams.source.SourceUnavailableException;
import toothbrush.ingest.adapter.streams.source.StreamTooLargeException;
import toothbrush.ingest.application.port.DatasetReadException;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.application.support.Throwables;

/**
 * A stream of a dataset could not be opened or read. Its message names the dataset, the stream, the
 * URI and, for a read failure, the raw byte offset and the line being read, e.g.
 * {@code dataset ds-1: brushing stream file:/x.csv failed at byte 1048576 (line 20311): Connection reset}.
 *
 * <p>Thrown by {@link StreamsDatasetReader#openBrushing}/{@code openSettings} when a stream cannot be
 * opened (not retryable when the source is missing or unreadable, or the URI is unsupported; retryable
 * when every attempt failed), and by {@code next()} of the line streams when reading fails for good:
 * retryable when resuming ran out of attempts, the data was corrupt or the object changed during the
 * download (a new read from the start may succeed), not retryable for a source that disappeared.
 * Refused by the source policy (U2): {@code source_not_allowed} at open, before a byte is read; past the
 * stream size cap (U3): {@code stream_too_large} from {@code next()}; both permanent.
 */
public final class StreamException extends DatasetReadException {
    private static final long serialVersionUID = 1L;

    private final String datasetId;
    private final StreamName stream;
    private final String uri;
    private final long byteOffset;
    private final long lineNumber;

    private StreamException(
            FailureReason reason,
            String message,
            Throwable cause,
            String datasetId,
            StreamName stream,
            String uri,
            long byteOffset,
            long lineNumber) {
        super(reason, message, cause);
        this.datasetId = datasetId;
        this.stream = stream;
        this.uri = uri;
        this.byteOffset = byteOffset;
        this.lineNumber = lineNumber;
    }

    /** The stream could not be opened for the F1 {@code reason}; {@code why} says why in words. */
    public static StreamException openFailed(
            String datasetId, StreamName stream, String uri, FailureReason reason, String why, Throwable cause) {
        Objects.requireNonNull(stream, "stream");
        String message =
                "dataset " + datasetId + ": " + stream.label() + " stream " + uri + " cannot be opened: " + why;
        return new StreamException(reason, message, cause, datasetId, stream, uri, -1, -1);
    }

    /**
     * Reading failed after {@code byteOffset} raw bytes, while reading line {@code lineNumber}. Retryable
     * unless the cause is corrupt gzip data or a source that is no longer there (which no retry can repair).
     */
    public static StreamException readFailed(
            String datasetId, StreamName stream, String uri, long byteOffset, long lineNumber, Throwable cause) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(cause, "cause");
        String message = "dataset " + datasetId + ": " + stream.label() + " stream " + uri + " failed at byte "
                + byteOffset + " (line " + lineNumber + "): " + Throwables.describe(cause);
        return new StreamException(reasonOf(cause), message, cause, datasetId, stream, uri, byteOffset, lineNumber);
    }

    /**
     * F1 for an open or read that failed for good: a source the policy refuses (or a redirect hop of it)
     * is {@code source_not_allowed}, a stream past the size cap {@code stream_too_large}, a source that is
     * not (or no longer) there {@code source_not_found}, a replaced object {@code source_changed}, anything
     * else (retries exhausted, corrupt gzip, which an upload still in progress can cause)
     * {@code source_unavailable}.
     */
    static FailureReason reasonOf(Throwable cause) {
        if (cause instanceof SourceNotAllowedException) {
            return FailureReason.SOURCE_NOT_ALLOWED;
        }
        if (cause instanceof StreamTooLargeException) {
            return FailureReason.STREAM_TOO_LARGE;
        }
        if (cause instanceof SourceUnavailableException) {
            return FailureReason.SOURCE_NOT_FOUND;
        }
        if (cause instanceof SourceChangedException) {
            return FailureReason.SOURCE_CHANGED;
        }
        return FailureReason.SOURCE_UNAVAILABLE;
    }

    /** The dataset whose stream failed. */
    public String datasetId() {
        return datasetId;
    }

    /** Which stream failed. */
    public StreamName stream() {
        return stream;
    }

    /** The stream's URI as given. */
    public String uri() {
        return uri;
    }

    /** Raw bytes read before the failure, or -1 when the stream could not be opened. */
    public long byteOffset() {
        return byteOffset;
    }

    /** The 1-based line being read when it failed, or -1 when the stream could not be opened. */
    public long lineNumber() {
        return lineNumber;
    }
}
