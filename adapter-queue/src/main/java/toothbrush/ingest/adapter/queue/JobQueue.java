package toothbrush.ingest.adapter.queue;

import java.time.Duration;
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

    /** How long a claim stays valid without a {@link QueuedJob#heartbeat()}. */
    Duration leaseTimeout();

    /** The queue URI as given to {@link JobQueues#open}, passwords removed. */
    String describe();

    /** Releases the queue's connections; claimed jobs are not given back (their leases expire). */
    @Override
    void close();
}
