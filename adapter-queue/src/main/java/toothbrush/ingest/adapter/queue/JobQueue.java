package toothbrush.ingest.adapter.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import toothbrush.ingest.application.port.Dataset;

/**
 * The job queue client: many workers, in one process or on many machines, share one queue and each job is
 * claimed by one worker at a time under a lease. Implementations: {@link DirectoryJobQueue} ({@code dir:}) and
 * {@link PostgresJobQueue} ({@code postgresql://}); open one with {@link JobQueues#open}.
 */
public interface JobQueue extends AutoCloseable {

    /**
     * Claims the next ready job (pending and past its not-before time, oldest first, or running under an
     * expired lease) for this worker, or returns empty when none is ready.
     *
     * @throws QueueException when the queue cannot be reached
     */
    Optional<QueuedJob> poll();

    /**
     * Adds a pending job for the dataset, ready at once.
     *
     * @return the id of the new job
     * @throws QueueException of kind {@link QueueException.Kind#ALREADY_QUEUED} when a job for the same dataset id
     *                        is pending or running; of kind {@link QueueException.Kind#UNAVAILABLE} when the queue
     *                        cannot be reached
     */
    String enqueue(Dataset dataset);

    /**
     * The jobs in {@code state} (every state when empty), oldest enqueued first, at most {@code limit}.
     *
     * @throws QueueException when the queue cannot be reached
     */
    List<JobRecord> list(Optional<JobState> state, int limit);

    /**
     * The job with this id, in whatever state.
     *
     * @throws QueueException when the queue cannot be reached
     */
    Optional<JobRecord> find(String id);

    /**
     * Puts failed jobs back to pending, ready at once, with no attempts counted; ids that are not failed jobs
     * (unknown, or pending, running or done, or whose dataset is pending or running again) are skipped.
     *
     * @return how many jobs went back to pending
     * @throws QueueException when the queue cannot be reached
     */
    int retry(Collection<String> ids);

    /**
     * Puts every failed job back to pending, as {@link #retry}.
     *
     * @return how many jobs went back to pending
     */
    int retryAllFailed();

    /**
     * Deletes the jobs in {@code state} (done or failed) that finished before {@code finishedBefore}, with their
     * reports.
     *
     * @return how many jobs were deleted
     * @throws IllegalArgumentException when {@code state} is pending or running
     * @throws QueueException           when the queue cannot be reached
     */
    int purge(JobState state, Instant finishedBefore);

    /**
     * How many jobs are in each state (every state is a key).
     *
     * @throws QueueException when the queue cannot be reached
     */
    Map<JobState, Long> counts();

    /**
     * Checks that the queue can be written and read now, leaving no job behind ({@code validate}): a
     * {@code dir:} spool writes, reads and deletes a probe file in its own {@code tmp/} folder and lists its
     * {@code pending/} folder; PostgreSQL inserts a probe job and selects it in a transaction it rolls back.
     *
     * @throws QueueException when the queue cannot be reached, written or read
     */
    void probe();

    /** How long a claim stays valid without a {@link QueuedJob#heartbeat()}. */
    Duration leaseTimeout();

    /** The queue URI as given to {@link JobQueues#open}, passwords removed. */
    String describe();

    /** Releases the queue's connections; claimed jobs are not given back (their leases expire). */
    @Override
    void close();
}
