package toothbrush.ingest.application.report;

import static toothbrush.ingest.application.report.Retryability.PERMANENT;
import static toothbrush.ingest.application.report.Retryability.RETRYABLE;

/**
 * F1: why a dataset failed, as the stable code a report, a job record and a metric carry. Each code is
 * permanent (the worker dead-letters the job at once) or retryable (tried again with backoff until the
 * attempt limit, then dead-lettered).
 */
public enum FailureReason {
    /** A7: no settings line ever carried the initial state; nothing can be timed. */
    NO_INITIAL_STATE("no_initial_state", PERMANENT),
    /** U2: a stream's URI is outside what the operator allows. */
    SOURCE_NOT_ALLOWED("source_not_allowed", PERMANENT),
    /** No such file, or the server answered 403, 404 or 410 (or another 4xx that no retry can change). */
    SOURCE_NOT_FOUND("source_not_found", PERMANENT),
    /** A stream could not be opened or read after its retries. */
    SOURCE_UNAVAILABLE("source_unavailable", RETRYABLE),
    /** The object changed during the download; a new read from its start may succeed. */
    SOURCE_CHANGED("source_changed", RETRYABLE),
    /** U3: a stream's decoded bytes passed the stream size cap. */
    STREAM_TOO_LARGE("stream_too_large", PERMANENT),
    /** U1: the dataset ran longer than the job timeout. */
    DEADLINE_EXCEEDED("deadline_exceeded", RETRYABLE),
    /** The database refused a write (a 4xx: a field type changed, an unknown database). */
    DATABASE_REJECTED("database_rejected", PERMANENT),
    /** The database could not be reached after retries. */
    DATABASE_UNAVAILABLE("database_unavailable", RETRYABLE),
    /** A bug of ours; retried, since the next attempt may take another path. */
    INTERNAL_ERROR("internal_error", RETRYABLE);

    private final String code;
    private final Retryability retryability;

    FailureReason(String code, Retryability retryability) {
        this.code = code;
        this.retryability = retryability;
    }

    /** The F1 code, e.g. {@code source_not_found}. */
    public String code() {
        return code;
    }

    /** Whether another attempt later may succeed. */
    public Retryability retryability() {
        return retryability;
    }

    /** True when no retry can help: the worker moves the job to failed at once. */
    public boolean permanent() {
        return retryability == Retryability.PERMANENT;
    }

    /** True when another attempt later may succeed. */
    public boolean retryable() {
        return retryability.retryable();
    }

    /** The reason with this F1 code. */
    public static FailureReason ofCode(String code) {
        for (FailureReason reason : values()) {
            if (reason.code.equals(code)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown failure reason code: " + code);
    }
}
