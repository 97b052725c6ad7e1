package toothbrush.ingest.adapter.streams;

import java.time.Duration;
import toothbrush.ingest.application.support.Backoff;
import toothbrush.ingest.application.support.Checks;

/**
 * How streams are fetched: network timeouts and how often, and how patiently, a broken stream is
 * re-opened at the byte where it broke.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection to an {@code http(s)://} source
 * @param readTimeout how long to wait for a response's headers, and for each next byte of its body
 *     (an idle timeout: a slow but steady stream never times out)
 * @param maxAttempts how many times one open (of the stream's start, or of its rest after a break) is
 *     tried before the stream fails; at least 1
 * @param backoffInitial the wait before the second attempt
 * @param backoffMultiplier how much each further wait grows; at least 1
 * @param backoffMax the longest wait, jitter included
 * @param backoffJitter each wait is drawn uniformly from {@code wait * (1 ± jitter)}, at most
 *     {@code backoffMax}; in [0, 1)
 * @param maxStreamBytes U3: the most decoded bytes (after gzip) one stream may have; a stream with more
 *     fails with {@code stream_too_large}, and gzip is inflated no further than this; at least 1
 */
public record StreamSettings(
        Duration connectTimeout,
        Duration readTimeout,
        int maxAttempts,
        Duration backoffInitial,
        double backoffMultiplier,
        Duration backoffMax,
        double backoffJitter,
        long maxStreamBytes) {
    /** Default {@link #connectTimeout()}: 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@link #readTimeout()}: 30 s without a byte. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Default {@link #maxAttempts()}: 8. */
    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    /** Default {@link #backoffInitial()}: 200 ms. */
    public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofMillis(200);
    /** Default {@link #backoffMultiplier()}: 2. */
    public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;
    /** Default {@link #backoffMax()}: 10 s. */
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(10);
    /** Default {@link #backoffJitter()}: 0.5. */
    public static final double DEFAULT_BACKOFF_JITTER = 0.5;
    /** Default {@link #maxStreamBytes()}: 100 GB (10^11) decoded bytes. */
    public static final long DEFAULT_MAX_STREAM_BYTES = 100_000_000_000L;

    private static final StreamSettings DEFAULTS = new StreamSettings(
            DEFAULT_CONNECT_TIMEOUT,
            DEFAULT_READ_TIMEOUT,
            DEFAULT_MAX_ATTEMPTS,
            DEFAULT_BACKOFF_INITIAL,
            DEFAULT_BACKOFF_MULTIPLIER,
            DEFAULT_BACKOFF_MAX,
            DEFAULT_BACKOFF_JITTER,
            DEFAULT_MAX_STREAM_BYTES);

    /** Validates every setting; the message names the one that is wrong. */
    public StreamSettings {
        Checks.requirePositive(connectTimeout, "connectTimeout");
        Checks.requirePositive(readTimeout, "readTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
        Checks.requirePositive(backoffInitial, "backoffInitial");
        if (backoffInitial.toMillis() < 1) {
            throw new IllegalArgumentException("backoffInitial must be >= 1 ms: " + backoffInitial);
        }
        Checks.requireMultiplier(backoffMultiplier, "backoffMultiplier");
        Checks.requirePositive(backoffMax, "backoffMax");
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException(
                    "backoffMax must be >= backoffInitial: " + backoffMax + " < " + backoffInitial);
        }
        Checks.requireFraction(backoffJitter, "backoffJitter");
        if (maxStreamBytes < 1) {
            throw new IllegalArgumentException("maxStreamBytes must be >= 1: " + maxStreamBytes);
        }
    }

    /** These settings with the default {@link #maxStreamBytes()} ({@link #DEFAULT_MAX_STREAM_BYTES}). */
    public StreamSettings(
            Duration connectTimeout,
            Duration readTimeout,
            int maxAttempts,
            Duration backoffInitial,
            double backoffMultiplier,
            Duration backoffMax,
            double backoffJitter) {
        this(
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoffInitial,
                backoffMultiplier,
                backoffMax,
                backoffJitter,
                DEFAULT_MAX_STREAM_BYTES);
    }

    /**
     * The defaults: connect 10 s, read 30 s, 8 attempts, backoff 200 ms x2 up to 10 s, jitter 0.5, at most
     * 100 GB decoded a stream.
     */
    public static StreamSettings defaults() {
        return DEFAULTS;
    }

    /** The wait between two attempts to open or resume a stream, as the project's one {@link Backoff} policy. */
    public Backoff backoff() {
        return new Backoff(backoffInitial, backoffMax, backoffMultiplier, backoffJitter);
    }

    /** These settings with another {@link #connectTimeout()}. */
    public StreamSettings withConnectTimeout(Duration timeout) {
        return new StreamSettings(
                timeout,
                readTimeout,
                maxAttempts,
                backoffInitial,
                backoffMultiplier,
                backoffMax,
                backoffJitter,
                maxStreamBytes);
    }

    /** These settings with another {@link #readTimeout()}. */
    public StreamSettings withReadTimeout(Duration timeout) {
        return new StreamSettings(
                connectTimeout,
                timeout,
                maxAttempts,
                backoffInitial,
                backoffMultiplier,
                backoffMax,
                backoffJitter,
                maxStreamBytes);
    }

    /** These settings with another {@link #maxAttempts()}. */
    public StreamSettings withMaxAttempts(int attempts) {
        return new StreamSettings(
                connectTimeout,
                readTimeout,
                attempts,
                backoffInitial,
                backoffMultiplier,
                backoffMax,
                backoffJitter,
                maxStreamBytes);
    }

    /** These settings with another backoff. */
    public StreamSettings withBackoff(Duration initial, double multiplier, Duration max, double jitter) {
        return new StreamSettings(
                connectTimeout, readTimeout, maxAttempts, initial, multiplier, max, jitter, maxStreamBytes);
    }

    /**
     * These settings with another {@link #maxStreamBytes()} (U3, {@code --max-stream-bytes}).
     *
     * @throws IllegalArgumentException when {@code bytes} is below 1
     */
    public StreamSettings withMaxStreamBytes(long bytes) {
        return new StreamSettings(
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoffInitial,
                backoffMultiplier,
                backoffMax,
                backoffJitter,
                bytes);
    }
}
