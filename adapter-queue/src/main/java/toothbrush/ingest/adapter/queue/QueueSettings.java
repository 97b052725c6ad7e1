package toothbrush.ingest.adapter.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import toothbrush.ingest.application.support.Backoff;
import toothbrush.ingest.application.support.Checks;

/**
 * How a job queue leases, retries and dead-letters jobs, with the clock it reads the time from.
 *
 * @param leaseTimeout how long a claim stays valid without a heartbeat; an expired claim is taken back
 * @param maxAttempts  failed attempts (an expired lease counts as one) after which a job is moved to failed
 * @param backoffBase  the delay before the first retry; each further failure doubles it
 * @param backoffCap   the largest delay before a retry
 * @param clock        the source of "now" for leases and not-before times (a controllable clock in tests)
 */
public record QueueSettings(
        Duration leaseTimeout, int maxAttempts, Duration backoffBase, Duration backoffCap, Clock clock) {

    /** A claim not renewed for five minutes is considered abandoned by a dead worker. */
    public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofMinutes(5);
    /** Five failed attempts move a job to failed. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** The first retry waits about ten seconds. */
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofSeconds(10);
    /** No retry waits more than fifteen minutes. */
    public static final Duration DEFAULT_BACKOFF_CAP = Duration.ofMinutes(15);

    public QueueSettings {
        Checks.requirePositive(leaseTimeout, "leaseTimeout", ", was ");
        Checks.requirePositive(backoffBase, "backoffBase", ", was ");
        Checks.requirePositive(backoffCap, "backoffCap", ", was ");
        Objects.requireNonNull(clock, "clock");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException(
                    "backoffCap " + backoffCap + " must not be below backoffBase " + backoffBase);
        }
    }

    /** The defaults with the system UTC clock. */
    public static QueueSettings defaults() {
        return new QueueSettings(
                DEFAULT_LEASE_TIMEOUT,
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_BACKOFF_BASE,
                DEFAULT_BACKOFF_CAP,
                Clock.systemUTC());
    }

    /** These settings with another clock. */
    public QueueSettings withClock(Clock newClock) {
        return new QueueSettings(leaseTimeout, maxAttempts, backoffBase, backoffCap, newClock);
    }

    /** These settings with another lease timeout. */
    public QueueSettings withLeaseTimeout(Duration newLeaseTimeout) {
        return new QueueSettings(newLeaseTimeout, maxAttempts, backoffBase, backoffCap, clock);
    }

    /** These settings with another attempt limit. */
    public QueueSettings withMaxAttempts(int newMaxAttempts) {
        return new QueueSettings(leaseTimeout, newMaxAttempts, backoffBase, backoffCap, clock);
    }

    /** These settings with another backoff base and cap. */
    public QueueSettings withBackoff(Duration newBase, Duration newCap) {
        return new QueueSettings(leaseTimeout, maxAttempts, newBase, newCap, clock);
    }

    /**
     * The delay before the retry that follows the {@code failedAttempts}-th failure: the exponential delay
     * {@code d = min(cap, base * 2^(failedAttempts - 1))} with "equal jitter", {@code d/2 + random * d/2}, so
     * that jobs failed by one outage do not all come back at the same instant; in whole milliseconds.
     *
     * <p>This is the project's one {@link Backoff} policy ({@link #backoff()}): equal jitter over [d/2, d) is
     * a jitter of ±1/3 around three quarters of {@code d}. Once {@code d} has reached the cap, that policy
     * never waits longer than three quarters of the cap, so there the draws above 0.5 wait exactly that
     * (with the defaults the attempts run out long before the cap: 10, 20, 40, 80 s).
     *
     * @param failedAttempts the failures so far, at least 1
     * @param random         a number in [0, 1): 0 gives the shortest delay, d/2
     */
    public Duration retryDelay(int failedAttempts, double random) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1, was " + failedAttempts);
        }
        if (!(random >= 0.0 && random < 1.0)) {
            throw new IllegalArgumentException("random must be in [0, 1), was " + random);
        }
        return Duration.ofMillis(backoff().delayMillis(failedAttempts, random));
    }

    /**
     * The retry delays as a {@link Backoff}: doubling from three quarters of {@code backoffBase} up to three
     * quarters of {@code backoffCap}, jitter ±1/3, which spans [d/2, d) (see {@link #retryDelay}).
     */
    public Backoff backoff() {
        return new Backoff(threeQuarters(backoffBase), threeQuarters(backoffCap), 2.0, 1.0 / 3);
    }

    private static Duration threeQuarters(Duration duration) {
        return duration.multipliedBy(3).dividedBy(4);
    }
}
