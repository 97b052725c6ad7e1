package toothbrush.ingest.application.support;

import java.time.Duration;
import java.util.Objects;

/** Argument checks that settings of every module share, so each rule and its message live once. */
public final class Checks {
    private Checks() {}

    /**
     * {@code value}, when it is positive (neither zero nor negative).
     *
     * @throws NullPointerException naming {@code name} when {@code value} is null
     * @throws IllegalArgumentException "{@code name} must be positive: {@code value}"
     */
    public static Duration requirePositive(Duration value, String name) {
        return requirePositive(value, name, ": ");
    }

    /**
     * As {@link #requirePositive(Duration, String)}, the value following {@code separator} in the message
     * (the queue's settings say "{@code leaseTimeout must be positive, was PT0S}").
     */
    public static Duration requirePositive(Duration value, String name, String separator) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive" + separator + value);
        }
        return value;
    }

    /**
     * {@code value}, when it is a finite growth factor of at least 1 (a backoff multiplier).
     *
     * @throws IllegalArgumentException "{@code name} must be finite and >= 1: {@code value}"
     */
    public static double requireMultiplier(double value, String name) {
        if (!(value >= 1.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 1: " + value);
        }
        return value;
    }

    /**
     * {@code value}, when it is a fraction in [0, 1) (a jitter).
     *
     * @throws IllegalArgumentException "{@code name} must be in [0, 1): {@code value}"
     */
    public static double requireFraction(double value, String name) {
        if (!(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1): " + value);
        }
        return value;
    }
}
