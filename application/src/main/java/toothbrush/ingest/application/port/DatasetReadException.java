package toothbrush.ingest.application.port;

/**
 * A stream of a dataset could not be opened or read (after retries). The message names the
 * dataset, the stream and the byte offset or line where it failed.
 */
public class DatasetReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public DatasetReadException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** True when trying the job again later may succeed (network errors), false when it cannot (404). */
    public boolean retryable() {
        return retryable;
    }
}
