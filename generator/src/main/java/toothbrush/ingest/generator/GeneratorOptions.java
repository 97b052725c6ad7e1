package toothbrush.ingest.generator;

import java.util.Objects;

/**
 * What to generate: {@code ticks} brushing ticks (0 .. ticks-1), the seed, the fault rates (per brushing
 * tick: a gap starts; per line: a garbage line is inserted before it, a duplicate follows it), the number
 * of tick interval changes, the largest clock drift of an anchor in milliseconds, gzip, and the
 * toothbrush id named in the expected figures.
 */
public record GeneratorOptions(
        long ticks,
        long seed,
        double gapRate,
        double garbageRate,
        double duplicateRate,
        int intervalChanges,
        double driftMs,
        boolean gzip,
        String toothbrushId) {

    /** The most ticks: even at the longest generated interval (0.5 s) the timestamps stay before 2099 (S2). */
    public static final long MAX_TICKS = 4_000_000_000L;
    /** The fewest ticks between two interval changes (and before the first, after the last). */
    public static final long MIN_TICKS_PER_CHANGE = 4;
    /** The largest clock drift of an anchor. */
    public static final double MAX_DRIFT_MS = 60_000;
    /** Default number of ticks: a 1,000,000-line brushing stream of about 17 MB. */
    public static final long DEFAULT_TICKS = 1_000_000;
    /** Default number of tick interval changes. */
    public static final int DEFAULT_INTERVAL_CHANGES = 3;
    /** Default largest clock drift of an anchor, in milliseconds (the sample drifts by up to 3 ms). */
    public static final double DEFAULT_DRIFT_MS = 3;
    /** Default toothbrush id. */
    public static final String DEFAULT_TOOTHBRUSH_ID = "tb-gen";

    public GeneratorOptions {
        Objects.requireNonNull(toothbrushId, "toothbrushId");
        if (ticks < 2 || ticks > MAX_TICKS) {
            throw new IllegalArgumentException("ticks must be in 2.." + MAX_TICKS + ": " + ticks);
        }
        requireRate("gap rate", gapRate);
        requireRate("garbage rate", garbageRate);
        requireRate("duplicate rate", duplicateRate);
        if (intervalChanges < 0) {
            throw new IllegalArgumentException("interval changes must be >= 0: " + intervalChanges);
        }
        if ((ticks - 1) / (intervalChanges + 1L) < MIN_TICKS_PER_CHANGE) {
            throw new IllegalArgumentException(intervalChanges + " interval changes need at least "
                    + (MIN_TICKS_PER_CHANGE * (intervalChanges + 1L) + 1) + " ticks, not " + ticks);
        }
        if (!(driftMs >= 0 && driftMs <= MAX_DRIFT_MS)) {
            throw new IllegalArgumentException("drift must be in 0.." + MAX_DRIFT_MS + " ms: " + driftMs);
        }
        if (toothbrushId.isBlank()) {
            throw new IllegalArgumentException("toothbrush id must not be blank");
        }
    }

    /** A fault-free dataset of {@code ticks} ticks with the default interval changes and drift. */
    public static GeneratorOptions clean(long ticks, long seed) {
        return new GeneratorOptions(
                ticks, seed, 0, 0, 0, DEFAULT_INTERVAL_CHANGES, DEFAULT_DRIFT_MS, false, DEFAULT_TOOTHBRUSH_ID);
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1): " + rate);
        }
    }
}
