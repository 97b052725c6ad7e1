package toothbrush.ingest.bootstrap;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import toothbrush.ingest.adapter.queue.JobState;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.JobResult;
import toothbrush.ingest.application.report.StreamReport;
import toothbrush.ingest.application.service.Worker;

/**
 * The worker's Prometheus metrics (README "Operating" lists them), fed by the worker loop as a
 * {@link Worker.Listener}, by the adapters' retry hooks and by the queue sampler, plus the JVM's standard ones.
 */
final class WorkerMetrics implements Worker.Listener {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter jobs = Counter.builder()
            .name("toothbrush_jobs_total")
            .help("Jobs ended, by outcome: completed, failed, retry, released.")
            .labelNames("outcome")
            .register(registry);
    private final Counter points = Counter.builder()
            .name("toothbrush_points_written_total")
            .help("Points written to the database.")
            .register(registry);
    private final Counter rejected = Counter.builder()
            .name("toothbrush_lines_rejected_total")
            .help("Rejected input lines, by stream and SPEC reason.")
            .labelNames("stream", "reason")
            .register(registry);
    private final Counter lines = Counter.builder()
            .name("toothbrush_lines_total")
            .help("Input lines read, by stream and kind: accepted, rejected, blank, header.")
            .labelNames("stream", "kind")
            .register(registry);
    private final Counter lost = Counter.builder()
            .name("toothbrush_lost_seconds_total")
            .help("Seconds of brushing lost to gaps in the data.")
            .register(registry);
    private final Histogram duration = Histogram.builder()
            .name("toothbrush_job_duration_seconds")
            .help("How long each job took, whatever its outcome.")
            .classicOnly()
            .register(registry);
    private final Counter streamRetries = Counter.builder()
            .name("toothbrush_stream_retries_total")
            .help("Retried opens and resumes of input streams.")
            .register(registry);
    private final Counter dbRetries = Counter.builder()
            .name("toothbrush_db_retries_total")
            .help("Retried database writes.")
            .register(registry);
    private final Gauge queueJobs = Gauge.builder()
            .name("toothbrush_queue_jobs")
            .help("Jobs in the queue by state, sampled at most every 10 s.")
            .labelNames("state")
            .register(registry);

    /** {@code available} says whether the database's circuit breaker lets writes through. */
    WorkerMetrics(BooleanSupplier available) {
        GaugeWithCallback.builder()
                .name("toothbrush_db_circuit_open")
                .help("1 while the database's circuit breaker is open (writes wait), else 0.")
                .callback(callback -> callback.call(available.getAsBoolean() ? 0 : 1))
                .register(registry);
        for (Worker.Outcome outcome : Worker.Outcome.values()) {
            jobs.labelValues(outcome.code()).inc(0);
        }
        for (String stream : new String[] {"brushing", "settings"}) {
            for (String kind : new String[] {"accepted", "rejected", "blank", "header"}) {
                lines.labelValues(stream, kind).inc(0);
            }
        }
        JvmMetrics.builder().register(registry);
    }

    PrometheusRegistry registry() {
        return registry;
    }

    void streamRetried() {
        streamRetries.inc();
    }

    void dbRetried() {
        dbRetries.inc();
    }

    /** The queue's job counts, as the sampler read them. */
    void queueSampled(Map<JobState, Long> counts) {
        counts.forEach((state, count) -> queueJobs.labelValues(state.code()).set(count));
    }

    /**
     * Counts the job's figures, and the job itself last: a scrape that sees the job counted in
     * {@code toothbrush_jobs_total} sees its points, lines and duration too.
     */
    @Override
    public void jobEnded(Dataset dataset, Worker.Outcome outcome, JobResult result, Duration took) {
        duration.observe(took.toNanos() / 1e9);
        IngestReport report = result.report();
        if (report != null) {
            points.inc(report.pointsWritten());
            if (report.lostSeconds() != null && report.lostSeconds().signum() > 0) {
                lost.inc(report.lostSeconds().doubleValue());
            }
            count("brushing", report.brushing());
            count("settings", report.settings());
        }
        jobs.labelValues(outcome.code()).inc();
    }

    private void count(String stream, StreamReport report) {
        if (report == null) {
            return;
        }
        lines.labelValues(stream, "accepted").inc(report.accepted());
        lines.labelValues(stream, "rejected").inc(report.rejected());
        lines.labelValues(stream, "blank").inc(report.blank());
        lines.labelValues(stream, "header").inc(report.header());
        report.rejectedByReason()
                .forEach((reason, count) -> rejected.labelValues(stream, reason).inc(count));
    }

    @Override
    public void warn(String message, Throwable cause) {
        // the logging listener reports warnings
    }
}
