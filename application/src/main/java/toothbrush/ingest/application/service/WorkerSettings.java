package toothbrush.ingest.application.service;

import java.time.Duration;
import toothbrush.ingest.application.support.Backoff;
import toothbrush.ingest.application.support.Checks;

/**
 * How the worker loop waits: on an empty queue, on queue errors and while the database is down. Each
 * wait starts at its minimum and doubles up to its maximum while the condition lasts.
 */
public record WorkerSettings(
        Duration idleMin, Duration idleMax, Duration errorMin, Duration errorMax, Duration databaseDownWait) {
    /** First wait on an empty queue. */
    public static final Duration DEFAULT_IDLE_MIN = Duration.ofMillis(200);
    /** Longest wait on an empty queue. */
    public static final Duration DEFAULT_IDLE_MAX = Duration.ofSeconds(5);
    /** First wait after the queue could not be reached. */
    public static final Duration DEFAULT_ERROR_MIN = Duration.ofSeconds(1);
    /** Longest wait while the queue cannot be reached. */
    public static final Duration DEFAULT_ERROR_MAX = Duration.ofSeconds(30);
    /** Wait between checks while the database's circuit breaker is open. */
    public static final Duration DEFAULT_DATABASE_DOWN_WAIT = Duration.ofSeconds(1);

    public WorkerSettings {
        Checks.requirePositive(idleMin, "idleMin");
        Checks.requirePositive(idleMax, "idleMax");
        Checks.requirePositive(errorMin, "errorMin");
        Checks.requirePositive(errorMax, "errorMax");
        Checks.requirePositive(databaseDownWait, "databaseDownWait");
        if (idleMax.compareTo(idleMin) < 0 || errorMax.compareTo(errorMin) < 0) {
            throw new IllegalArgumentException("a maximum wait is below its minimum");
        }
    }

    /** The waits on an empty queue: {@code idleMin} doubling up to {@code idleMax}. */
    public Backoff idleBackoff() {
        return Backoff.doubling(idleMin, idleMax);
    }

    /** The waits while the queue cannot be reached: {@code errorMin} doubling up to {@code errorMax}. */
    public Backoff errorBackoff() {
        return Backoff.doubling(errorMin, errorMax);
    }

    /** The defaults above. */
    public static WorkerSettings defaults() {
        return new WorkerSettings(
                DEFAULT_IDLE_MIN, DEFAULT_IDLE_MAX, DEFAULT_ERROR_MIN, DEFAULT_ERROR_MAX, DEFAULT_DATABASE_DOWN_WAIT);
    }
}
