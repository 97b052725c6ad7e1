package toothbrush.ingest.adapter.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.Job;
import toothbrush.ingest.application.port.JobSource;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.JobResult;

/**
 * The {@link JobSource} port over a {@link JobQueue}: a completed job is committed with its report, a retryable
 * failure is put back for a later attempt, a permanent one moved to failed. While a job is out, a daemon thread
 * renews its lease every third of the lease timeout, so a long dataset is not taken back from a live worker.
 * Closing the source closes the queue.
 */
public final class QueueJobSource implements JobSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueJobSource.class);

    private final JobQueue queue;
    private final Function<IngestReport, String> reportEncoder;
    private final long heartbeatMillis;
    private final ScheduledExecutorService heartbeats;

    /**
     * A source over {@code queue} that renews leases every third of the queue's lease timeout.
     *
     * @param reportEncoder writes a report as one JSON object (the report format is the caller's)
     */
    public QueueJobSource(JobQueue queue, Function<IngestReport, String> reportEncoder) {
        this(queue, reportEncoder, queue.leaseTimeout().dividedBy(3));
    }

    /** A source over {@code queue} that renews leases every {@code heartbeatInterval}. */
    public QueueJobSource(JobQueue queue, Function<IngestReport, String> reportEncoder, Duration heartbeatInterval) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.reportEncoder = Objects.requireNonNull(reportEncoder, "reportEncoder");
        this.heartbeatMillis =
                Objects.requireNonNull(heartbeatInterval, "heartbeatInterval").toMillis();
        if (heartbeatMillis < 1) {
            throw new IllegalArgumentException("heartbeatInterval must be at least 1 ms, was " + heartbeatInterval);
        }
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "queue-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Claims the next ready job.
     *
     * @throws QueueException when the queue cannot be reached
     */
    @Override
    public Optional<Job> poll() {
        return queue.poll().map(ClaimedJob::new);
    }

    /** Stops renewing leases and closes the queue; jobs still out are left to their leases. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        queue.close();
    }

    /** What log lines name about a job a {@link QueueJobSource} handed out. */
    public interface Claim {
        /** The queue's job id. */
        String jobId();

        /** This attempt's number, 1 for the first. */
        int attempt();

        /** The worker claim holding the job ({@code <worker id>-<n>}). */
        String worker();
    }

    /** A claimed job whose lease is renewed until it is finished or released. */
    private final class ClaimedJob implements Job, Claim {
        private final QueuedJob queued;
        private final ScheduledFuture<?> renewal;

        ClaimedJob(QueuedJob queued) {
            this.queued = queued;
            this.renewal = heartbeats.scheduleWithFixedDelay(
                    this::renew, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public Dataset dataset() {
            return queued.dataset();
        }

        @Override
        public String jobId() {
            return queued.id();
        }

        @Override
        public int attempt() {
            return queued.attempts() + 1;
        }

        @Override
        public String worker() {
            return queued.owner();
        }

        /**
         * Commits a completed job, or fails it with its reason and retryability; the report goes with it.
         *
         * @throws QueueException when the queue cannot be updated or the lease was lost to another worker
         */
        @Override
        public void finish(JobResult result) {
            Objects.requireNonNull(result, "result");
            renewal.cancel(false);
            String reportJson = reportEncoder.apply(result.report());
            if (result instanceof JobResult.Completed) {
                queued.commit(reportJson);
            } else if (result instanceof JobResult.Failed failed) {
                // F1: the job record keeps the code; the report beside it has the message.
                queued.fail(failed.reason().code(), failed.reason().retryability(), reportJson);
            } else {
                throw new IllegalArgumentException(
                        "unknown job result " + result.getClass().getName());
            }
        }

        /**
         * Gives the job back without counting an attempt.
         *
         * @throws QueueException when the queue cannot be updated or the lease was lost to another worker
         */
        @Override
        public void release() {
            renewal.cancel(false);
            queued.release();
        }

        private void renew() {
            try {
                queued.heartbeat();
            } catch (QueueException e) {
                if (e.kind() == QueueException.Kind.LEASE_LOST) {
                    LOG.warn("{}", e.getMessage());
                    renewal.cancel(false);
                } else {
                    LOG.warn("cannot renew the lease, will try again: {}", e.getMessage());
                }
            } catch (IllegalStateException e) {
                renewal.cancel(false); // finished between the schedule and the call
            } catch (RuntimeException e) {
                LOG.warn("cannot renew the lease of job {}, will try again", queued.id(), e);
            }
        }
    }
}
