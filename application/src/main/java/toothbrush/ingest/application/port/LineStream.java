package toothbrush.ingest.application.port;

/**
 * A stream of a dataset, read once front to back, as parsed lines.
 *
 * @param <R> the record a valid line parses to
 */
public interface LineStream<R> extends AutoCloseable {

    /**
     * The next physical line, or {@code null} at the end of the stream.
     *
     * @throws DatasetReadException when the bytes cannot be read (after the adapter's retries)
     */
    ParsedLine<R> next();

    /** Bytes of the stream consumed so far (compressed bytes for a compressed stream). */
    long bytesRead();

    /** Total size in bytes when known, else -1. */
    long totalBytes();

    @Override
    void close();
}
