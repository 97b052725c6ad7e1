package toothbrush.ingest.application.port;

import java.util.Objects;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.application.report.Retryability;

/** The database refused points or could not be reached (after retries); the message says which. */
public class PointSinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Retryability retryability;

    /**
     * @param retryability {@link Retryability#RETRYABLE} for an outage (connection errors, 5xx),
     *     {@link Retryability#PERMANENT} when the database refused the data (4xx)
     */
    public PointSinkException(String message, Retryability retryability, Throwable cause) {
        super(message, cause);
        this.retryability = Objects.requireNonNull(retryability, "retryability");
    }

    /** F1: {@code database_unavailable} for an outage, {@code database_rejected} when the database refused. */
    public FailureReason reason() {
        return retryability.retryable() ? FailureReason.DATABASE_UNAVAILABLE : FailureReason.DATABASE_REJECTED;
    }

    /** Whether writing the dataset again later may succeed: an outage may pass, a refusal stays. */
    public Retryability retryability() {
        return retryability;
    }

    /** True for outages (connection errors, 5xx), false when the database refused the data (4xx). */
    public boolean retryable() {
        return retryability.retryable();
    }
}
