package toothbrush.ingest.bootstrap;

import java.time.Duration;
import picocli.CommandLine.Option;
import toothbrush.ingest.adapter.llamadb.HttpWriteSettings;

/** How the {@code http(s)://} database sink batches and retries its writes ({@link HttpWriteSettings}). */
final class DbWriteOptions {
    @Option(
            names = "--db-batch-size",
            paramLabel = "POINTS",
            description = "Points per HTTP write request (default: " + HttpWriteSettings.DEFAULT_BATCH_SIZE + ").")
    Integer batchSize;

    @Option(
            names = "--db-max-in-flight",
            paramLabel = "N",
            description = "Batches sent but not yet acknowledged before inserts wait (default: "
                    + HttpWriteSettings.DEFAULT_MAX_IN_FLIGHT_BATCHES + ").")
    Integer maxInFlight;

    @Option(
            names = "--db-retry-attempts",
            paramLabel = "N",
            description = "Attempts per batch, the first included (default: "
                    + HttpWriteSettings.RetryPolicy.DEFAULT_MAX_ATTEMPTS + ").")
    Integer retryAttempts;

    @Option(
            names = "--db-retry-backoff",
            paramLabel = "SECONDS",
            description = "Wait after the first failed attempt, doubling each time up to 30 s (default: 0.5).")
    Double retryBackoffSeconds;

    /**
     * The defaults with the flags given applied.
     *
     * @throws UsageException naming the flag whose value is out of range
     */
    HttpWriteSettings settings() {
        if (retryBackoffSeconds != null
                && (!(retryBackoffSeconds > 0)
                        || retryBackoffSeconds.isInfinite()
                        || Math.round(retryBackoffSeconds * 1e9) < 1)) {
            throw new UsageException("--db-retry-backoff must be a positive number of seconds: " + retryBackoffSeconds);
        }
        HttpWriteSettings settings = HttpWriteSettings.defaults();
        try {
            if (batchSize != null) {
                settings = settings.withBatchSize(batchSize);
            }
            if (maxInFlight != null) {
                settings = settings.withMaxInFlightBatches(maxInFlight);
            }
            HttpWriteSettings.RetryPolicy retry = settings.retry();
            if (retryAttempts != null || retryBackoffSeconds != null) {
                Duration backoff = retry.initialBackoff();
                if (retryBackoffSeconds != null) {
                    backoff = Duration.ofNanos(Math.round(retryBackoffSeconds * 1e9));
                }
                settings = settings.withRetry(new HttpWriteSettings.RetryPolicy(
                        retryAttempts == null ? retry.maxAttempts() : retryAttempts,
                        backoff,
                        retry.multiplier(),
                        backoff.compareTo(retry.maxBackoff()) > 0 ? backoff : retry.maxBackoff(),
                        retry.jitter()));
            }
        } catch (IllegalArgumentException e) {
            // the settings' own checks of the values given (at least 1): only flag values reach them here
            throw new UsageException("--db-batch-size, --db-max-in-flight, --db-retry-attempts: " + e.getMessage(), e);
        }
        return settings;
    }
}
