package toothbrush.ingest.application.service;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.Job;
import toothbrush.ingest.application.port.JobSource;
import toothbrush.ingest.application.port.JobSourceException;
import toothbrush.ingest.application.port.PointSink;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.JobResult;
import toothbrush.ingest.application.report.Redaction;
import toothbrush.ingest.application.report.StreamReport;
import toothbrush.ingest.application.support.Backoff;

/**
 * The worker loop: poll a job, ingest it, finish it; forever, or until told to stop. It never throws
 * for a job's or a queue's failure: it waits and goes on. While the database is down it takes no job,
 * and a job that failed because of it is given back without counting an attempt.
 */
public final class Worker {

    /** Sleeps; replaced in tests. */
    @FunctionalInterface
    public interface Pause {
        /** Waits about {@code duration}; returns early if interrupted (the loop checks its stop flag). */
        void pause(Duration duration);
    }

    /** How the worker ended a job. */
    public enum Outcome {
        /** Ingested; the report is committed. */
        COMPLETED("completed"),
        /** Failed for good (a permanent reason, or the attempts ran out): dead-lettered. */
        FAILED("failed"),
        /** Failed for now: back to the queue with one more attempt counted, after a backoff. */
        RETRY("retry"),
        /** Given back without counting an attempt (shutdown, the database went down, a JVM error). */
        RELEASED("released");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        /** The name logs and metrics use. */
        public String code() {
            return code;
        }
    }

    /** Receives one line per job and the loop's notable events; the adapter logs them. */
    public interface Listener {
        /** A job ended. */
        void jobEnded(Dataset dataset, Outcome outcome, JobResult result, Duration took);

        /** Something the operator should know (queue unreachable, database down, an unexpected error). */
        void warn(String message, Throwable cause);
    }

    /** What a run of the loop did. */
    public record Summary(long completed, long failed, long retried, long released) {
        /** Jobs taken from the queue. */
        public long jobs() {
            return completed + failed + retried + released;
        }
    }

    private final JobSource jobs;
    private final IngestService ingest;
    private final PointSink sink;
    private final WorkerSettings settings;
    private final Pause pause;
    private final Listener listener;
    private final IngestProgress progress;
    private volatile Job inHand;

    public Worker(
            JobSource jobs,
            IngestService ingest,
            PointSink sink,
            WorkerSettings settings,
            Pause pause,
            Listener listener) {
        this(jobs, ingest, sink, settings, pause, listener, IngestProgress.NONE);
    }

    /** As above, telling {@code progress} how far each long job has come. */
    public Worker(
            JobSource jobs,
            IngestService ingest,
            PointSink sink,
            WorkerSettings settings,
            Pause pause,
            Listener listener,
            IngestProgress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Runs until {@code stop} answers true (checked between jobs and during waits), until
     * {@code maxJobs} jobs were taken (0: no limit), or, with {@code drain}, until the queue is empty.
     */
    public Summary run(long maxJobs, boolean drain, BooleanSupplier stop) {
        long completed = 0;
        long failed = 0;
        long retried = 0;
        long released = 0;
        Backoff idleBackoff = settings.idleBackoff();
        Backoff errorBackoff = settings.errorBackoff();
        int emptyPolls = 0;
        int failedPolls = 0;
        boolean warnedDatabaseDown = false;
        while (!stop.getAsBoolean() && (maxJobs <= 0 || completed + failed + retried + released < maxJobs)) {
            if (!sink.available()) {
                if (!warnedDatabaseDown) {
                    listener.warn(
                            "database unavailable (circuit breaker open): taking no jobs until it recovers", null);
                    warnedDatabaseDown = true;
                }
                pause.pause(settings.databaseDownWait());
                continue;
            }
            warnedDatabaseDown = false;
            Optional<Job> polled;
            try {
                polled = jobs.poll();
                failedPolls = 0;
            } catch (JobSourceException e) {
                failedPolls = next(failedPolls);
                Duration wait = errorBackoff.delay(failedPolls);
                listener.warn("cannot poll the queue; waiting " + wait.toMillis() + " ms", e);
                pause.pause(wait);
                continue;
            }
            if (polled.isEmpty()) {
                if (drain) {
                    break;
                }
                emptyPolls = next(emptyPolls);
                pause.pause(idleBackoff.delay(emptyPolls));
                continue;
            }
            emptyPolls = 0;
            switch (runOne(polled.get())) {
                case COMPLETED -> completed++;
                case FAILED -> failed++;
                case RETRY -> retried++;
                case RELEASED -> released++;
            }
        }
        return new Summary(completed, failed, retried, released);
    }

    /**
     * Gives back the job in hand, if any, without counting an attempt: for a shutdown that cannot wait
     * for the job to end. Safe to call from another thread; the job's own thread must not finish it after.
     */
    public boolean releaseInHand() {
        Job job = inHand;
        inHand = null;
        if (job == null) {
            return false;
        }
        try {
            job.release();
            return true;
        } catch (JobSourceException e) {
            listener.warn(
                    "cannot release job of dataset " + job.dataset().datasetId()
                            + "; its lease will expire and another worker will take it",
                    e);
            return false;
        }
    }

    /**
     * Runs one job and records its end. A {@link RuntimeException} from ingesting is a bug of ours: it costs
     * the job one attempt ({@code internal_error}), never the worker. An {@link Error} (U4: an
     * {@code OutOfMemoryError} above all) gives the job back and propagates: the process must stop.
     */
    private Outcome runOne(Job job) {
        inHand = job;
        Dataset dataset = job.dataset();
        long started = System.nanoTime();
        JobResult result;
        try {
            result = ingest.ingest(dataset, progress);
        } catch (RuntimeException e) {
            listener.warn("dataset " + dataset.datasetId() + ": unexpected error while ingesting", e);
            result = new JobResult.Failed(IngestReport.failed(
                    dataset.datasetId(),
                    dataset.toothbrushId(),
                    FailureReason.INTERNAL_ERROR,
                    Redaction.text("dataset " + dataset.datasetId() + ": internal error: " + e),
                    0,
                    StreamReport.unread(),
                    StreamReport.unread()));
        } catch (Error e) {
            releaseAfterError(job, e);
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Outcome outcome = outcomeOf(result);
        try {
            if (inHand != job) {
                return Outcome.RELEASED;
            }
            if (outcome == Outcome.RELEASED) {
                job.release();
            } else {
                job.finish(result);
            }
        } catch (JobSourceException e) {
            listener.warn(
                    "dataset " + dataset.datasetId() + ": cannot record the job's end; "
                            + "its lease will expire and it will run again (idempotent)",
                    e);
        } finally {
            inHand = null;
        }
        listener.jobEnded(dataset, outcome, result, took);
        return outcome;
    }

    /** U4: after a JVM error the job goes back to the queue, as far as the JVM still lets us. */
    private void releaseAfterError(Job job, Error error) {
        try {
            if (inHand == job) {
                inHand = null;
                job.release();
            }
        } catch (RuntimeException | Error e) {
            error.addSuppressed(e);
        }
    }

    private Outcome outcomeOf(JobResult result) {
        if (result instanceof JobResult.Failed failed) {
            if (!failed.retryable()) {
                return Outcome.FAILED;
            }
            // The database went down under this job: not the job's fault, so no attempt is counted.
            return sink.available() ? Outcome.RETRY : Outcome.RELEASED;
        }
        return Outcome.COMPLETED;
    }

    /** One more in a row, saturating instead of overflowing in a loop that may run for years. */
    private static int next(int count) {
        return count == Integer.MAX_VALUE ? count : count + 1;
    }
}
