package toothbrush.ingest.bootstrap;

import java.time.Duration;
import picocli.CommandLine.Option;
import toothbrush.ingest.adapter.streams.StreamSettings;
import toothbrush.ingest.application.service.IngestSettings;

/**
 * The stream and job-limit flags shared by {@code ingest} and {@code worker}. The limits of untrusted
 * jobs (U1-U3) can also come from {@code TOOTHBRUSH_*} environment variables; a flag wins.
 */
final class StreamOptions {
    @Option(names = "--connect-timeout", paramLabel = "SECONDS",
            description = "Stream connect timeout (default: 10).")
    Double connectTimeoutSeconds;

    @Option(names = "--read-timeout", paramLabel = "SECONDS",
            description = "Give up on a stream connection after this long without a byte, then resume (default: 30).")
    Double readTimeoutSeconds;

    @Option(names = "--max-attempts", paramLabel = "N",
            description = "Attempts per stream open or resume before the job fails as retryable (default: 8).")
    Integer maxAttempts;

    @Option(names = "--job-timeout", paramLabel = "SECONDS", defaultValue = "${env:TOOTHBRUSH_JOB_TIMEOUT}",
            description = "U1: a dataset not done within this long, blocked reads included, fails with"
                    + " deadline_exceeded and is retried (default: 86400, i.e. 24 h; env TOOTHBRUSH_JOB_TIMEOUT).")
    Double jobTimeoutSeconds;

    /** The defaults of {@link IngestSettings} with the flags given applied. */
    IngestSettings ingestSettings() {
        IngestSettings settings = IngestSettings.defaults();
        if (jobTimeoutSeconds != null) {
            settings = settings.withJobTimeout(seconds(jobTimeoutSeconds, "--job-timeout"));
        }
        return settings;
    }

    /** The defaults of {@link StreamSettings} with the flags given applied. */
    StreamSettings settings() {
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
        return settings;
    }

    private static Duration seconds(double seconds, String flag) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(flag + " must be a positive number of seconds: " + seconds);
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
