package toothbrush.ingest.adapter.queue;

import toothbrush.ingest.application.port.JobSourceException;
import toothbrush.ingest.application.report.Redaction;
import toothbrush.ingest.application.report.Retryability;

/**
 * A job queue could not be read or updated. The message names the queue (passwords removed) and the job;
 * {@link #kind()} tells a lost lease and a refused enqueue apart from an unreachable queue, and so decides
 * {@link #retryability()}.
 */
public final class QueueException extends JobSourceException {
    private static final long serialVersionUID = 1L;

    /** Why the queue operation did not happen. */
    public enum Kind {
        /** The queue's directory or database could not be read or written; the operation may be tried again. */
        UNAVAILABLE(Retryability.RETRYABLE),
        /**
         * This worker's claim expired and another worker took the job back: the finishing call was refused so
         * that it cannot overwrite the new owner's result.
         */
        LEASE_LOST(Retryability.PERMANENT),
        /** {@code enqueue} was refused: the dataset id is already pending or running. */
        ALREADY_QUEUED(Retryability.PERMANENT);

        private final Retryability retryability;

        Kind(Retryability retryability) {
            this.retryability = retryability;
        }

        /** Whether the same call may succeed later: only an unreachable queue may come back. */
        public Retryability retryability() {
            return retryability;
        }
    }

    private final Kind kind;
    private final String queue;
    private final String jobId;

    public QueueException(Kind kind, String queue, String jobId, String message, Throwable cause) {
        super(describe(kind, queue, jobId, message, cause), cause);
        this.kind = kind;
        this.queue = queue;
        this.jobId = jobId;
    }

    /** Why the operation did not happen. */
    public Kind kind() {
        return kind;
    }

    /** Whether the same call may succeed later, as {@link #kind()} says. */
    @Override
    public Retryability retryability() {
        return kind.retryability();
    }

    /** The queue URI, passwords removed. */
    public String queue() {
        return queue;
    }

    /** The job concerned, or {@code null} when the failure concerns the queue as a whole. */
    public String jobId() {
        return jobId;
    }

    /** What went wrong, without the "queue ..., job ...: " prefix the message starts with (for log lines that name the queue already). */
    public String detail() {
        String message = getMessage();
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }

    /** "queue Q, job J: message (cause)", every URI in it redacted (F4). */
    private static String describe(Kind kind, String queue, String jobId, String message, Throwable cause) {
        StringBuilder text = new StringBuilder(128).append("queue ").append(Redaction.uri(queue));
        if (jobId != null) {
            text.append(", job ").append(jobId);
        }
        text.append(": ").append(message);
        if (kind == Kind.UNAVAILABLE && cause != null && cause.getMessage() != null) {
            // a wrapped QueueException contributes its detail, not its "queue ..., job ...: " prefix again
            text.append(" (")
                    .append(cause instanceof QueueException inner ? inner.detail() : cause.getMessage())
                    .append(')');
        }
        return Redaction.text(text.toString());
    }
}
