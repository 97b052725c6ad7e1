package toothbrush.ingest.domain.alignment;

import toothbrush.ingest.domain.rules.Limits;

/**
 * A tick: the toothbrush's session-relative counter, 0 <= value <= 2^53 (B4, S3). Hot paths use the
 * primitive {@code long}; this type names ticks in APIs that are not called per line.
 */
public record Tick(long value) implements Comparable<Tick> {
    public Tick {
        if (value < 0 || value > Limits.MAX_TICK) {
            throw new IllegalArgumentException("tick must be in [0, 2^53]: " + value);
        }
    }

    /** The tick with this value. */
    public static Tick of(long value) {
        return new Tick(value);
    }

    /** True when this tick is more than {@link Limits#MAX_TICK_JUMP} beyond {@code reference} (B8, S7). */
    public boolean isImplausiblyFarAfter(Tick reference) {
        return isImplausibleJump(value, reference.value);
    }

    /** B8, S7: {@code tick > reference + 10,000}, on primitive ticks. */
    static boolean isImplausibleJump(long tick, long reference) {
        return tick - reference > Limits.MAX_TICK_JUMP;
    }

    @Override
    public int compareTo(Tick other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
