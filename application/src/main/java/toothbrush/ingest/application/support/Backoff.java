package toothbrush.ingest.application.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one backoff policy of this project: how long to wait after the {@code n}-th failed attempt (or empty
 * poll) before the next one. Resuming a broken stream, resending a batch to the database, putting a failed
 * job back in the queue and the worker's waits on an empty or unreachable queue all use it.
 *
 * <p>The wait grows exponentially and is capped, then spread by a symmetric jitter and capped again:
 * <pre>
 *   d(n)     = min(max, initial * multiplier^(n-1))
 *   delay(n) = min(max, d(n) * (1 + jitter * (2r - 1)))     r uniform in [0, 1)
 * </pre>
 * so with jitter 0.5 a wait is drawn from [d/2, 3d/2), never above {@code max}; jitter 0 gives the plain
 * exponential. {@link #delayMillis(int)} has the shape of resilience4j's {@code IntervalFunction}: an adapter
 * passes {@code backoff::delayMillis} to its {@code RetryConfig}, while the application, which uses no
 * library, calls {@link #delay(int)}.
 *
 * @param initial the wait after the first failed attempt (before jitter)
 * @param max the longest wait, jitter included
 * @param multiplier how much each further wait grows; finite, at least 1
 * @param jitter how far a wait is spread around {@code d(n)}, as a fraction of it; in [0, 1)
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

    public Backoff {
        Checks.requirePositive(initial, "initial");
        Checks.requirePositive(max, "max");
        Checks.requireMultiplier(multiplier, "multiplier");
        Checks.requireFraction(jitter, "jitter");
    }

    /** Doubling from {@code initial} up to {@code max}, without jitter. */
    public static Backoff doubling(Duration initial, Duration max) {
        return new Backoff(initial, max, 2.0, 0.0);
    }

    /** The wait after failed attempt {@code attempt} (1-based), with a fresh random jitter. */
    public Duration delay(int attempt) {
        return delay(attempt, ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The wait after failed attempt {@code attempt} (1-based) for the jitter draw {@code random} in [0, 1]:
     * 0 gives the shortest wait, 0.5 the unjittered {@code d(n)}.
     */
    public Duration delay(int attempt, double random) {
        return Duration.ofNanos(Math.round(nanos(attempt, random)));
    }

    /** {@link #delay(int)} in milliseconds: resilience4j's {@code IntervalFunction} shape. */
    public long delayMillis(int attempt) {
        return delayMillis(attempt, ThreadLocalRandom.current().nextDouble());
    }

    /** {@link #delay(int, double)} in milliseconds, rounded to the nearest. */
    public long delayMillis(int attempt, double random) {
        return Math.round(nanos(attempt, random) / 1_000_000.0);
    }

    private double nanos(int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1: " + attempt);
        }
        if (!(random >= 0.0 && random <= 1.0)) {
            throw new IllegalArgumentException("random must be in [0, 1]: " + random);
        }
        double cap = nanos(max);
        double exponential = Math.min(cap, nanos(initial) * Math.pow(multiplier, attempt - 1));
        return Math.max(0, Math.min(cap, exponential * (1 + jitter * (2 * random - 1))));
    }

    /** As {@link Duration#toNanos()}, without its overflow past 292 years. */
    private static double nanos(Duration duration) {
        return duration.getSeconds() * 1e9 + duration.getNano();
    }
}
