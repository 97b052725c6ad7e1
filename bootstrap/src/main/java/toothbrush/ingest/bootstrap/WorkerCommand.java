package toothbrush.ingest.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import toothbrush.ingest.adapter.llamadb.HttpWriteSettings;
import toothbrush.ingest.adapter.queue.JobQueue;
import toothbrush.ingest.adapter.queue.JobQueues;
import toothbrush.ingest.adapter.queue.QueueJobSource;
import toothbrush.ingest.adapter.queue.QueueSettings;
import toothbrush.ingest.adapter.streams.StreamSettings;
import toothbrush.ingest.adapter.streams.source.SourcePolicy;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.Job;
import toothbrush.ingest.application.port.JobSource;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.JobResult;
import toothbrush.ingest.application.report.Redaction;
import toothbrush.ingest.application.service.IngestSettings;
import toothbrush.ingest.application.service.Worker;
import toothbrush.ingest.application.service.WorkerSettings;
import toothbrush.ingest.bootstrap.picture.Pictures;

/**
 * {@code worker}: polls the queue, ingests, commits or fails each job, forever (or per the flags). On
 * SIGTERM it finishes the job in hand, or gives it back after a grace period, and exits 0.
 */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = "Takes dataset jobs from a queue one at a time and ingests them, until stopped.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:stopped (SIGTERM, --max-jobs reached or --drain found the queue empty)",
            "2:usage error",
            "1:the worker could not start (database or queue cannot be opened),"
                    + " or a JVM error such as OutOfMemoryError stopped it (the job in hand is given back)"
        })
final class WorkerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerCommand.class);

    private final Main.Console console;

    @Option(
            names = "--queue",
            paramLabel = "URI",
            defaultValue = JobQueues.DEFAULT_URI,
            description = "The queue: dir:PATH or postgresql://user:pass@host:port/db (default: ${DEFAULT-VALUE}).")
    String queue;

    @picocli.CommandLine.Mixin
    StreamOptions streamOptions = new StreamOptions();

    @Option(names = "--db", paramLabel = "URI", defaultValue = Wiring.DEFAULT_DB, description = Wiring.DB_HELP)
    String db;

    @picocli.CommandLine.Mixin
    DbWriteOptions dbWriteOptions = new DbWriteOptions();

    @Option(
            names = "--metrics-address",
            paramLabel = "HOST:PORT",
            description = "Serve /metrics (Prometheus), /healthz and /readyz here, e.g. 0.0.0.0:9400 (default: off).")
    String metricsAddress;

    @Option(
            names = "--max-jobs",
            paramLabel = "N",
            defaultValue = "0",
            description = "Stop after N jobs (default: no limit).")
    long maxJobs;

    @Option(names = "--drain", description = "Stop when the queue has no ready job.")
    boolean drain;

    @Option(
            names = "--shutdown-grace",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description =
                    "On SIGTERM, how long to let the job in hand finish before giving it back (default: ${DEFAULT-VALUE}).")
    long shutdownGraceSeconds;

    @Option(
            names = "--lease-seconds",
            paramLabel = "SECONDS",
            description = "How long a claim on a job stays valid without a heartbeat; a worker that dies holding a job"
                    + " loses it to another worker after this long (default: 300). Heartbeats renew it every third.")
    Double leaseSeconds;

    @Option(
            names = "--pictures",
            paramLabel = "DIR",
            description =
                    "Write the page of every finished job (completed, or failed for good) to DIR/<dataset id>.html,"
                            + " atomically (created if missing; default: no pages).")
    Path pictures;

    WorkerCommand(Main.Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (maxJobs < 0 || shutdownGraceSeconds < 0) {
            console.err().println("toothbrush-ingest worker: --max-jobs and --shutdown-grace must not be negative");
            return Main.EXIT_USAGE;
        }
        // Usage errors (UsageException) end here with exit status 2: Main prints them. Nothing is opened before.
        InetSocketAddress metricsAt =
                metricsAddress != null && !metricsAddress.isBlank() ? HealthServer.address(metricsAddress) : null;
        HttpWriteSettings http = dbWriteOptions.settings();
        StreamSettings streams = streamOptions.settings();
        IngestSettings ingestSettings = streamOptions.ingestSettings();
        SourcePolicy sources = streamOptions.sourcePolicy(
                () -> SourcePolicy.workerDefault(Path.of("").toAbsolutePath()));
        QueueSettings queueSettings = queueSettings();
        UsageException.verify(() -> JobQueues.check(queue, console.environment()::get));
        Wiring.checkDb(db, console.environment());
        if (pictures != null) {
            picturesDirectory(pictures);
        }
        JobQueue jobQueue = JobQueues.open(queue, queueSettings, console.environment()::get);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        HealthServer health = null;
        try (QueueJobSource jobs = new QueueJobSource(jobQueue, ReportJson::toJson);
                Wiring wiring =
                        Wiring.open(db, console.out(), streams, sources, ingestSettings, http, console.environment())) {
            TrackingJobSource tracked = new TrackingJobSource(jobs);
            Worker.Listener listener = new LoggingListener(tracked);
            if (pictures != null) {
                listener = new BothListeners(new PictureListener(pictures), listener);
            }
            if (metricsAt != null) {
                WorkerMetrics metrics = new WorkerMetrics(wiring.sink()::available);
                wiring.reader().onRetry(metrics::streamRetried);
                wiring.client().onRetry(metrics::dbRetried);
                try {
                    health = HealthServer.start(
                            metricsAt, jobQueue, new DatabaseProbe(db), wiring.sink()::available, metrics);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot serve metrics on " + metricsAddress, e);
                }
                listener = new BothListeners(metrics, listener);
            }
            Worker worker = new Worker(
                    tracked,
                    wiring.ingestService(),
                    wiring.sink(),
                    WorkerSettings.defaults(),
                    WorkerCommand::sleep,
                    listener,
                    ProgressReporter.logging());
            Thread hook = new Thread(() -> shutDown(stop, stopped, worker), "worker-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            LOG.info(
                    "worker started: queue {}, database {}{}{}",
                    Redaction.text(jobQueue.describe()),
                    Redaction.uri(db),
                    maxJobs > 0 ? ", at most " + maxJobs + " jobs" : "",
                    drain ? ", until the queue is empty" : "");
            Worker.Summary summary;
            if (health != null) {
                health.running(true);
            }
            try {
                summary = worker.run(maxJobs, drain, stop::get);
            } catch (Error e) {
                // U4: a JVM error (OutOfMemoryError above all) stops the worker with a failure status; the job
                // in hand was given back. The shutdown hook must not turn this exit into a clean one.
                if (!stop.get()) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
                LOG.error("worker stopped by a JVM error, the job in hand was given back: {}", e.toString());
                return Main.EXIT_FAILURE;
            }
            LOG.info(
                    "worker stopped: {} jobs ({} completed, {} failed, {} to retry, {} released)",
                    summary.jobs(),
                    summary.completed(),
                    summary.failed(),
                    summary.retried(),
                    summary.released());
            if (!stop.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            return Main.EXIT_COMPLETED;
        } finally {
            if (health != null) {
                health.running(false);
                health.close();
            }
            stopped.countDown();
        }
    }

    /**
     * V10: the pictures directory, created if missing.
     *
     * @throws UsageException when it cannot be a writable directory
     */
    private static void picturesDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UsageException("--pictures " + directory + ": cannot create the directory: " + e);
        }
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            throw new UsageException("--pictures " + directory + " is not a writable directory");
        }
    }

    /**
     * The queue defaults with the {@code --lease-seconds} given applied.
     *
     * @throws UsageException when it is below 1 s
     */
    private QueueSettings queueSettings() {
        QueueSettings settings = QueueSettings.defaults();
        if (leaseSeconds == null) {
            return settings;
        }
        if (!(leaseSeconds >= 1) || Double.isInfinite(leaseSeconds)) {
            throw new UsageException("--lease-seconds must be a number of seconds, at least 1: " + leaseSeconds);
        }
        return settings.withLeaseTimeout(Duration.ofNanos(Math.round(leaseSeconds * 1e9)));
    }

    /** SIGTERM: stop taking jobs, let the job in hand finish for the grace period, else give it back. */
    private void shutDown(AtomicBoolean stop, CountDownLatch stopped, Worker worker) {
        stop.set(true);
        LOG.info("stop requested: finishing the job in hand (up to {} s)", shutdownGraceSeconds);
        try {
            if (!stopped.await(shutdownGraceSeconds, TimeUnit.SECONDS)) {
                boolean released = worker.releaseInHand();
                LOG.warn(
                        "the job in hand did not finish within {} s: {}",
                        shutdownGraceSeconds,
                        released ? "given back to the queue without counting an attempt" : "nothing to give back");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A stop on request is a clean exit, whatever signal asked for it.
        Runtime.getRuntime().halt(Main.EXIT_COMPLETED);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Remembers the job in hand, so its log line can name the job id, the attempt and the worker. */
    private static final class TrackingJobSource implements JobSource {
        private final JobSource jobs;
        private volatile Job current;

        TrackingJobSource(JobSource jobs) {
            this.jobs = jobs;
        }

        @Override
        public Optional<Job> poll() {
            Optional<Job> job = jobs.poll();
            job.ifPresent(claimed -> current = claimed);
            return job;
        }

        /** "job 12, attempt 1, worker host-1-ab-3": what the last claimed job's log line names. */
        String describe(Dataset dataset) {
            Job job = current;
            if (job instanceof QueueJobSource.Claim claim && job.dataset().equals(dataset)) {
                return "job " + claim.jobId() + ", attempt " + claim.attempt() + ", worker " + claim.worker();
            }
            return "job ?";
        }
    }

    /** Tells two listeners, in order. */
    private record BothListeners(Worker.Listener first, Worker.Listener second) implements Worker.Listener {
        @Override
        public void jobEnded(Dataset dataset, Worker.Outcome outcome, JobResult result, Duration took) {
            first.jobEnded(dataset, outcome, result, took);
            second.jobEnded(dataset, outcome, result, took);
        }

        @Override
        public void warn(String message, Throwable cause) {
            first.warn(message, cause);
            second.warn(message, cause);
        }
    }

    /**
     * V10, V11: writes the page of each finished job (completed, or failed for good) into a directory, atomically;
     * a job that will run again gets its page when it finishes. A page that cannot be written is logged and
     * changes nothing else.
     */
    private static final class PictureListener implements Worker.Listener {
        private final Path directory;

        PictureListener(Path directory) {
            this.directory = directory;
        }

        @Override
        public void jobEnded(Dataset dataset, Worker.Outcome outcome, JobResult result, Duration took) {
            if (outcome != Worker.Outcome.COMPLETED && outcome != Worker.Outcome.FAILED) {
                return;
            }
            try {
                Path file = Pictures.writeInto(directory, result.report());
                LOG.debug("dataset {}: page written to {}", dataset.datasetId(), file);
            } catch (IOException | RuntimeException e) {
                LOG.warn("dataset {}: cannot write its page into {}: {}", dataset.datasetId(), directory, e.toString());
            }
        }

        @Override
        public void warn(String message, Throwable cause) {}
    }

    /** One summary log line per job, with the dataset id, the job id, the attempt number and the worker id. */
    private static final class LoggingListener implements Worker.Listener {
        private final TrackingJobSource jobs;

        LoggingListener(TrackingJobSource jobs) {
            this.jobs = jobs;
        }

        @Override
        public void jobEnded(Dataset dataset, Worker.Outcome outcome, JobResult result, Duration took) {
            IngestReport report = result.report();
            if (result instanceof JobResult.Failed failed) {
                LOG.warn(
                        "dataset {} ({}): {} in {} ms: {}: {}",
                        dataset.datasetId(),
                        jobs.describe(dataset),
                        outcome.code(),
                        took.toMillis(),
                        failed.reason().code(),
                        failed.message());
            } else {
                LOG.info(
                        "dataset {} ({}): {} in {} ms: {} points, lost {} s, rejected lines: brushing {}, settings {}",
                        dataset.datasetId(),
                        jobs.describe(dataset),
                        outcome.code(),
                        took.toMillis(),
                        report.pointsWritten(),
                        String.format(java.util.Locale.ROOT, "%.3f", report.lostSeconds()),
                        report.brushing().rejected(),
                        report.settings().rejected());
            }
        }

        @Override
        public void warn(String message, Throwable cause) {
            if (cause == null) {
                LOG.warn(Redaction.text(message));
            } else {
                LOG.warn("{}: {}", Redaction.text(message), Redaction.text(cause.toString()));
            }
        }
    }
}
