package toothbrush.ingest.adapter.queue;

import java.time.Instant;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.report.Retryability;

/**
 * A job claimed from a {@link JobQueue} under a lease. Exactly one of {@link #commit}, {@link #fail} and
 * {@link #release} ends the claim; each first checks that the lease is still this worker's and otherwise
 * throws a {@link QueueException} of kind {@link QueueException.Kind#LEASE_LOST} without touching the job.
 * Safe to call from two threads (a heartbeat thread and the worker).
 */
public interface QueuedJob {

    /** The queue's id of this job (the encoded dataset id for {@code dir:}, the row id for PostgreSQL). */
    String id();

    /** The claim's holder: this worker's id and claim number, as {@code jobs show} names the lease holder. */
    String owner();

    /** The dataset to ingest. */
    Dataset dataset();

    /** Failed attempts before this claim (an expired lease counts as a failed attempt). */
    int attempts();

    /** When the current lease ends unless renewed. */
    Instant leaseUntil();

    /**
     * Renews the lease for another lease timeout from now.
     *
     * @throws QueueException of kind LEASE_LOST when another worker has taken the job back
     */
    void heartbeat();

    /**
     * The job succeeded: it moves to done with its report.
     *
     * @param reportJson the job report, one JSON object
     */
    void commit(String reportJson);

    /**
     * The job failed. A retryable failure puts it back to pending with one more attempt counted and a
     * not-before time after an exponential backoff, or moves it to failed once the attempts reach the
     * maximum; a non-retryable failure moves it to failed at once.
     *
     * @param reason       why it failed, kept as the job's last error
     * @param retryability whether another attempt may succeed
     * @param reportJson   the report of the failed attempt, or {@code null}
     */
    void fail(String reason, Retryability retryability, String reportJson);

    /** Gives the job back to pending, ready at once, without counting an attempt (shutdown, outage). */
    void release();
}
