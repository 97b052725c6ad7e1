package toothbrush.ingest.application.port;

import toothbrush.ingest.application.report.FailureReason;

/** The database refused points or could not be reached (after retries); the message says which. */
public class PointSinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public PointSinkException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** F1: {@code database_unavailable} for an outage, {@code database_rejected} when the database refused. */
    public FailureReason reason() {
        return retryable ? FailureReason.DATABASE_UNAVAILABLE : FailureReason.DATABASE_REJECTED;
    }

    /** True for outages (connection errors, 5xx), false when the database refused the data (4xx). */
    public boolean retryable() {
        return retryable;
    }
}
