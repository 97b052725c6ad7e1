package toothbrush.ingest.bootstrap;

import java.time.Duration;
import picocli.CommandLine.Option;
import toothbrush.ingest.adapter.streams.StreamSettings;

/** The stream timeout and retry flags shared by {@code ingest} and {@code worker}. */
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
