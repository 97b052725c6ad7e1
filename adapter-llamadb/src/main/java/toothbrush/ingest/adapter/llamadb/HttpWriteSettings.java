package toothbrush.ingest.adapter.llamadb;

import java.time.Duration;
import java.util.Objects;
import toothbrush.ingest.application.support.Backoff;
import toothbrush.ingest.application.support.Checks;

/**
 * Limits of the {@code http(s)://} line-protocol backend: batch size, batches in flight, timeouts,
 * gzip, the retry policy and the circuit breaker. {@link #defaults()} is what
 * {@link LlamaDb#connect(String)} uses; the {@code with...} methods change one part.
 *
 * @param batchSize points per HTTP request (InfluxDB recommends 5,000)
 * @param maxInFlightBatches batches sent but not yet acknowledged; when all are out, {@code insert}
 *     blocks (backpressure), so memory holds at most {@code maxInFlightBatches + 1} batches
 * @param connectTimeout the TCP (and TLS) connect timeout of one attempt
 * @param requestTimeout how long one attempt waits for the response headers
 * @param gzip true to send request bodies gzip-compressed ({@code Content-Encoding: gzip})
 * @param retry when and how often a batch is sent again
 * @param breaker when the circuit breaker opens and how long it stays open
 */
public record HttpWriteSettings(
        int batchSize,
        int maxInFlightBatches,
        Duration connectTimeout,
        Duration requestTimeout,
        boolean gzip,
        RetryPolicy retry,
        BreakerPolicy breaker) {

    /** Points per request: InfluxDB's recommended batch size. */
    public static final int DEFAULT_BATCH_SIZE = 5_000;
    /** Batches in flight: one being sent while the next one is encoded and sent. */
    public static final int DEFAULT_MAX_IN_FLIGHT_BATCHES = 2;
    /** Connect timeout of one attempt. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Response timeout of one attempt; a 5,000-point write takes milliseconds on a healthy server. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public HttpWriteSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1: " + batchSize);
        }
        if (maxInFlightBatches < 1) {
            throw new IllegalArgumentException("maxInFlightBatches must be >= 1: " + maxInFlightBatches);
        }
        Checks.requirePositive(connectTimeout, "connectTimeout");
        Checks.requirePositive(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(breaker, "breaker");
    }

    /** The default settings: 5,000-point gzip batches, two in flight, default retry and breaker. */
    public static HttpWriteSettings defaults() {
        return new HttpWriteSettings(
                DEFAULT_BATCH_SIZE,
                DEFAULT_MAX_IN_FLIGHT_BATCHES,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT,
                true,
                RetryPolicy.defaults(),
                BreakerPolicy.defaults());
    }

    /** These settings with another batch size. */
    public HttpWriteSettings withBatchSize(int newBatchSize) {
        return new HttpWriteSettings(
                newBatchSize, maxInFlightBatches, connectTimeout, requestTimeout, gzip, retry, breaker);
    }

    /** These settings with another number of batches in flight. */
    public HttpWriteSettings withMaxInFlightBatches(int newMaxInFlightBatches) {
        return new HttpWriteSettings(
                batchSize, newMaxInFlightBatches, connectTimeout, requestTimeout, gzip, retry, breaker);
    }

    /** These settings with other timeouts. */
    public HttpWriteSettings withTimeouts(Duration newConnectTimeout, Duration newRequestTimeout) {
        return new HttpWriteSettings(
                batchSize, maxInFlightBatches, newConnectTimeout, newRequestTimeout, gzip, retry, breaker);
    }

    /** These settings with gzip request bodies on or off. */
    public HttpWriteSettings withGzip(boolean newGzip) {
        return new HttpWriteSettings(
                batchSize, maxInFlightBatches, connectTimeout, requestTimeout, newGzip, retry, breaker);
    }

    /** These settings with another retry policy. */
    public HttpWriteSettings withRetry(RetryPolicy newRetry) {
        return new HttpWriteSettings(
                batchSize, maxInFlightBatches, connectTimeout, requestTimeout, gzip, newRetry, breaker);
    }

    /** These settings with another circuit breaker policy. */
    public HttpWriteSettings withBreaker(BreakerPolicy newBreaker) {
        return new HttpWriteSettings(
                batchSize, maxInFlightBatches, connectTimeout, requestTimeout, gzip, retry, newBreaker);
    }

    /**
     * When a batch is sent again: after a connection error, a timeout, HTTP 408, 429 or 5xx, and while
     * the circuit breaker is open; never after another 4xx. Attempt {@code n} (1-based) that fails
     * waits {@code min(maxBackoff, initialBackoff * multiplier^(n-1))}, randomized by {@code ± jitter}
     * (a factor: 0.5 waits between half and one and a half of it) and capped at {@code maxBackoff} again
     * ({@link #backoff()}), or the {@code Retry-After} the server asked for when that is longer (capped at
     * {@code maxBackoff}).
     *
     * @param maxAttempts attempts per batch, the first one included; the budget of one batch
     */
    public record RetryPolicy(
            int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff, double jitter) {

        /** Attempts per batch: with the default backoff about two minutes of outage. */
        public static final int DEFAULT_MAX_ATTEMPTS = 10;
        /** Wait after the first failed attempt. */
        public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
        /** Growth of the wait per attempt. */
        public static final double DEFAULT_MULTIPLIER = 2.0;
        /** The longest wait between two attempts. */
        public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
        /** Randomization factor of each wait, so that workers do not retry in lockstep. */
        public static final double DEFAULT_JITTER = 0.5;

        public RetryPolicy {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
            }
            Checks.requirePositive(initialBackoff, "initialBackoff");
            Checks.requirePositive(maxBackoff, "maxBackoff");
            Checks.requireMultiplier(multiplier, "multiplier");
            Checks.requireFraction(jitter, "jitter");
        }

        /** The wait between two attempts, as the project's one {@link Backoff} policy. */
        public Backoff backoff() {
            return new Backoff(initialBackoff, maxBackoff, multiplier, jitter);
        }

        /** The default policy: 10 attempts, 0.5 s doubling up to 30 s, jitter 0.5. */
        public static RetryPolicy defaults() {
            return new RetryPolicy(
                    DEFAULT_MAX_ATTEMPTS,
                    DEFAULT_INITIAL_BACKOFF,
                    DEFAULT_MULTIPLIER,
                    DEFAULT_MAX_BACKOFF,
                    DEFAULT_JITTER);
        }
    }

    /**
     * When the circuit breaker opens: once at least {@code minimumCalls} of the last
     * {@code windowCalls} attempts were made and {@code failureRatePercent} of them failed with a
     * connection error, a timeout, HTTP 408, 429 or 5xx. It then stays open for {@code openDuration}
     * (attempts fail at once and are retried after their backoff), then lets one trial attempt through:
     * its success closes it, its failure opens it again.
     */
    public record BreakerPolicy(int windowCalls, int minimumCalls, float failureRatePercent, Duration openDuration) {

        /** Attempts the failure rate is computed over. */
        public static final int DEFAULT_WINDOW_CALLS = 20;
        /** Attempts needed before the failure rate counts. */
        public static final int DEFAULT_MINIMUM_CALLS = 5;
        /** Failure rate that opens the breaker. */
        public static final float DEFAULT_FAILURE_RATE_PERCENT = 50f;
        /** How long the breaker stays open before a trial attempt. */
        public static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(10);

        public BreakerPolicy {
            if (windowCalls < 1) {
                throw new IllegalArgumentException("windowCalls must be >= 1: " + windowCalls);
            }
            if (minimumCalls < 1) {
                throw new IllegalArgumentException("minimumCalls must be >= 1: " + minimumCalls);
            }
            if (!(failureRatePercent > 0f && failureRatePercent <= 100f)) {
                throw new IllegalArgumentException("failureRatePercent must be in (0, 100]: " + failureRatePercent);
            }
            Checks.requirePositive(openDuration, "openDuration");
        }

        /** The default policy: 50 % of the last 20 attempts (5 at least), open for 10 s. */
        public static BreakerPolicy defaults() {
            return new BreakerPolicy(
                    DEFAULT_WINDOW_CALLS, DEFAULT_MINIMUM_CALLS, DEFAULT_FAILURE_RATE_PERCENT, DEFAULT_OPEN_DURATION);
        }
    }
}
