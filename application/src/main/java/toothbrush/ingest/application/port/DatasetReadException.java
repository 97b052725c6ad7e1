package toothbrush.ingest.application.port;

import java.util.Objects;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.application.report.Retryability;

/**
 * A stream of a dataset could not be opened or read (after retries), or may not be (U2, U3). The
 * message names the dataset, the stream and the byte offset or line where it failed; the reason is
 * the F1 code the report carries.
 */
public class DatasetReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FailureReason reason;

    public DatasetReadException(FailureReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** F1: why the stream failed. */
    public FailureReason reason() {
        return reason;
    }

    /** Whether trying the job again later may succeed, as the reason says. */
    public Retryability retryability() {
        return reason.retryability();
    }

    /** True when trying the job again later may succeed (network errors), false when it cannot (404). */
    public boolean retryable() {
        return reason.retryable();
    }
}
