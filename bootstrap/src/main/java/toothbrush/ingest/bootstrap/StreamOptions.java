package toothbrush.ingest.bootstrap;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;
import toothbrush.ingest.adapter.streams.StreamSettings;
import toothbrush.ingest.adapter.streams.source.SourcePolicy;
import toothbrush.ingest.application.service.IngestSettings;

/**
 * The stream and job-limit flags shared by {@code ingest} and {@code worker}. The limits of untrusted
 * jobs (U1-U3) can also come from {@code TOOTHBRUSH_*} environment variables; a flag wins.
 */
final class StreamOptions {
    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "Stream connect timeout (default: 10).")
    Double connectTimeoutSeconds;

    @Option(
            names = "--read-timeout",
            paramLabel = "SECONDS",
            description = "Give up on a stream connection after this long without a byte, then resume (default: 30).")
    Double readTimeoutSeconds;

    @Option(
            names = "--max-attempts",
            paramLabel = "N",
            description = "Attempts per stream open or resume before the job fails as retryable (default: 8).")
    Integer maxAttempts;

    @Option(
            names = "--job-timeout",
            paramLabel = "SECONDS",
            description = "U1: a dataset not done within this long, blocked reads included, fails with"
                    + " deadline_exceeded and is retried (default: 86400, i.e. 24 h; env TOOTHBRUSH_JOB_TIMEOUT).")
    Double jobTimeoutSeconds;

    @Option(
            names = "--max-stream-bytes",
            paramLabel = "BYTES",
            description = "U3: a stream whose decoded bytes pass this fails with stream_too_large; gzip inflates at"
                    + " most to it (default: 100000000000, i.e. 100 GB; env TOOTHBRUSH_MAX_STREAM_BYTES).")
    Long maxStreamBytes;

    @Option(
            names = "--allow-source",
            paramLabel = "PREFIX",
            split = ",",
            description = "U2: read streams only under this prefix, file:/abs/dir/ or a URL prefix such as"
                    + " https://uploads.example.com/ (repeatable; replaces the default: for worker, regular files"
                    + " under its working directory and http(s) to public hosts; for ingest, anything;"
                    + " env TOOTHBRUSH_ALLOW_SOURCE, comma-separated).")
    List<String> allowSources;

    /**
     * U2: the policy the flags give, or {@code fallback} when none is given.
     *
     * @throws UsageException naming a prefix that is not valid
     */
    SourcePolicy sourcePolicy(Supplier<SourcePolicy> fallback) {
        if (allowSources == null || allowSources.isEmpty()) {
            return fallback.get();
        }
        return UsageException.check(() -> SourcePolicy.allowing(allowSources));
    }

    /**
     * The defaults of {@link IngestSettings} with the flags given applied.
     *
     * @throws UsageException naming the flag whose value is out of range
     */
    IngestSettings ingestSettings() {
        IngestSettings settings = IngestSettings.defaults();
        if (jobTimeoutSeconds != null) {
            settings = settings.withJobTimeout(seconds(jobTimeoutSeconds, "--job-timeout"));
        }
        return settings;
    }

    /**
     * The defaults of {@link StreamSettings} with the flags given applied.
     *
     * @throws UsageException naming the flag whose value is out of range
     */
    StreamSettings settings() {
        if (maxAttempts != null && maxAttempts < 1) {
            throw new UsageException("--max-attempts must be at least 1: " + maxAttempts);
        }
        if (maxStreamBytes != null && maxStreamBytes < 1) {
            throw new UsageException("--max-stream-bytes must be at least 1: " + maxStreamBytes);
        }
        StreamSettings settings = StreamSettings.defaults();
        if (connectTimeoutSeconds != null) {
            settings = settings.withConnectTimeout(seconds(connectTimeoutSeconds, "--connect-timeout"));
        }
        if (readTimeoutSeconds != null) {
            settings = settings.withReadTimeout(seconds(readTimeoutSeconds, "--read-timeout"));
        }
        if (maxAttempts != null) {
            settings = settings.withMaxAttempts(maxAttempts);
        }
        if (maxStreamBytes != null) {
            settings = settings.withMaxStreamBytes(maxStreamBytes);
        }
        return settings;
    }

    private static Duration seconds(double seconds, String flag) {
        if (!(seconds > 0) || Double.isInfinite(seconds) || Math.round(seconds * 1e9) < 1) {
            throw new UsageException(flag + " must be a positive number of seconds: " + seconds);
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
