package toothbrush.ingest.adapter.streams;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import toothbrush.ingest.adapter.streams.line.BoundedLineReader;
import toothbrush.ingest.adapter.streams.source.DecodedInputStream;

/**
 * One opened stream as the parsers read it: its raw bytes decoded (gzip detected), split into bounded
 * lines, counted, and named in the {@link StreamException} a read failure becomes.
 */
public final class StreamInput implements AutoCloseable {
    private final String datasetId;
    private final StreamName stream;
    private final String uri;
    private final long totalBytes;
    private final DecodedInputStream decoded;
    private final BoundedLineReader lines;
    private StreamException failure;
    private boolean closed;

    /**
     * Wraps {@code raw}, the stream's bytes from offset 0, with the default stream size cap
     * ({@link StreamSettings#DEFAULT_MAX_STREAM_BYTES}); nothing is read yet.
     *
     * @param uri the stream as named in messages
     * @param totalBytes the raw size, or -1 when unknown
     */
    public StreamInput(String datasetId, StreamName stream, String uri, InputStream raw, long totalBytes) {
        this(datasetId, stream, uri, raw, totalBytes, StreamSettings.DEFAULT_MAX_STREAM_BYTES);
    }

    /**
     * Wraps {@code raw} as above; reading fails with {@code stream_too_large} (U3) once the stream would
     * have more than {@code maxStreamBytes} decoded bytes.
     */
    public StreamInput(
            String datasetId, StreamName stream, String uri, InputStream raw, long totalBytes, long maxStreamBytes) {
        this.datasetId = Objects.requireNonNull(datasetId, "datasetId");
        this.stream = Objects.requireNonNull(stream, "stream");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.totalBytes = totalBytes;
        this.decoded = new DecodedInputStream(raw, maxStreamBytes);
        this.lines = new BoundedLineReader(decoded);
    }

    /**
     * Advances to the next physical line.
     *
     * @return false at the end of the stream
     * @throws StreamException when reading fails (then again on every later call)
     */
    boolean nextLine() {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new IllegalStateException(stream.label() + " stream " + uri + " is closed");
        }
        try {
            return lines.next();
        } catch (IOException e) {
            failure = StreamException.readFailed(
                    datasetId, stream, uri, decoded.rawBytesRead(), lines.lineNumber() + 1, e);
            throw failure;
        }
    }

    /** The current line (valid after {@link #nextLine()} returned true, until its next call). */
    BoundedLineReader lines() {
        return lines;
    }

    /** Raw bytes consumed so far. */
    public long bytesRead() {
        return decoded.rawBytesRead();
    }

    /** Raw size in bytes, or -1 when unknown. */
    public long totalBytes() {
        return totalBytes;
    }

    /** The dataset this stream belongs to. */
    public String datasetId() {
        return datasetId;
    }

    /** Which stream this is. */
    public StreamName stream() {
        return stream;
    }

    /** The stream as named in messages. */
    public String uri() {
        return uri;
    }

    /** Closes the source. A failure to close is ignored: every byte wanted was already read. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            decoded.close();
        } catch (IOException e) {
            // Reading is over (or has failed and been reported); a read-only source that fails to
            // close loses no data, and the port's close() may not throw.
        }
    }
}
