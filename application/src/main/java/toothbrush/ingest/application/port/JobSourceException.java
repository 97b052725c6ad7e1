package toothbrush.ingest.application.port;

import toothbrush.ingest.application.report.Retryability;

/** The job queue could not be reached or updated; the message names the queue and the job. */
public class JobSourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobSourceException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the same call may succeed later: {@link Retryability#RETRYABLE} (a queue that cannot be reached
     * now) unless an implementation knows better (a lost lease stays lost).
     */
    public Retryability retryability() {
        return Retryability.RETRYABLE;
    }
}
