package toothbrush.ingest.application.port;

/** The database refused points or could not be reached (after retries); the message says which. */
public class PointSinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public PointSinkException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** True for outages (connection errors, 5xx), false when the database refused the data (4xx). */
    public boolean retryable() {
        return retryable;
    }
}
