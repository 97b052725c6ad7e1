package toothbrush.ingest.domain.alignment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import toothbrush.ingest.domain.rules.Limits;
import toothbrush.ingest.domain.time.ExactSeconds;

/**
 * Computes R1-R4 in O(1) memory from the accepted events of both streams, fed in merge order (tick
 * order, settings before brushing at equal ticks, A5). Lost ticks are added per run of ticks, as
 * count * interval, never one tick at a time. Every figure is exact (P3): start and end are nanoseconds,
 * and lost seconds are summed in {@code long} nanoseconds while they fit and exactly in
 * {@link BigDecimal} beyond that or for intervals finer than a nanosecond, then rounded once.
 */
public final class LossTracker {

    private boolean anyEvent;
    private long startNanos = Long.MAX_VALUE;
    private long endNanos = Long.MIN_VALUE;
    private long firstTick;
    private long lastTick;
    /** The smallest tick at or after which no tick has been covered or counted as lost yet. */
    private long nextUncovered;
    /** The interval in force at the ticks just before the next event; the first anchor's until one is applied. */
    private ExactSeconds interval;
    /** Lost seconds so far: this many nanoseconds ... */
    private long lostNanos;
    /** ... plus this exact remainder (null while zero): runs that overflow a long or are not whole nanoseconds. */
    private BigDecimal lostExact;

    /**
     * An accepted settings event: ticks before it that no brushing event covered are lost at the interval
     * in force before it (the first anchor's below the first anchor, A2), then its interval is in force.
     *
     * @throws IllegalArgumentException when fed out of merge order
     */
    public void onSettings(SettingsEvent event) {
        long tick = event.tick();
        if (anyEvent && tick < nextUncovered) {
            throw new IllegalArgumentException("settings event at tick " + tick + " fed after events up to tick "
                    + lastTick + " (merge order, A5)");
        }
        ExactSeconds intervalBefore = interval != null ? interval : event.tickInterval();
        see(tick);
        loseUpTo(tick, intervalBefore);
        interval = event.tickInterval();
        startNanos = Math.min(startNanos, event.timestamp().roundedNanos());
        endNanos =
                Math.max(endNanos, event.timestamp().plus(event.tickInterval()).roundedNanos());
    }

    /**
     * An accepted brushing event at {@code tick}, at {@code timeNanos} = time(tick) (A3) and
     * {@code endNanos} = time(tick) + interval_at(tick) (R2), each rounded once, and {@code interval} =
     * interval_at(tick) (A4): ticks before it not yet covered are lost at that interval.
     *
     * @throws IllegalArgumentException when fed out of merge order, or at a time outside B10's range (such
     *                                  an event is rejected, never accepted)
     */
    public void onBrushing(long tick, long timeNanos, long endNanos, ExactSeconds interval) {
        if (anyEvent && tick < nextUncovered) {
            throw new IllegalArgumentException("brushing event at tick " + tick + " fed after events up to tick "
                    + lastTick + " (merge order, A5)");
        }
        if (!Limits.isTimeInRange(timeNanos) || endNanos < timeNanos) {
            throw new IllegalArgumentException("brushing event at tick " + tick + " at time " + timeNanos + " ns, end "
                    + endNanos + " ns: outside B10's range");
        }
        see(tick);
        loseUpTo(tick, interval);
        nextUncovered = tick + 1;
        if (this.interval != interval) { // mostly the same object: skip the store and its GC barrier
            this.interval = interval;
        }
        startNanos = Math.min(startNanos, timeNanos);
        this.endNanos = Math.max(this.endNanos, endNanos);
    }

    /**
     * R1-R4 for the events fed so far; ticks after the last brushing event up to the last tick are lost
     * at the final interval.
     *
     * @throws IllegalStateException when no event was fed
     */
    public DatasetStatistics finish() {
        if (!anyEvent) {
            throw new IllegalStateException("no accepted event: a dataset has at least its first anchor (A1)");
        }
        long nanos = lostNanos;
        BigDecimal exact = lostExact;
        if (nextUncovered <= lastTick) {
            long count = lastTick - nextUncovered + 1;
            long run = runNanos(count, interval);
            if (run >= 0 && nanos + run >= 0) {
                nanos += run;
            } else {
                exact = plus(exact, count, interval);
            }
        }
        ExactSeconds lost = exact == null
                ? ExactSeconds.ofNanos(nanos)
                : ExactSeconds.of(BigDecimal.valueOf(nanos, 9).add(exact).setScale(9, RoundingMode.HALF_EVEN));
        return new DatasetStatistics(
                ExactSeconds.ofNanos(startNanos),
                ExactSeconds.ofNanos(endNanos),
                lost,
                Tick.of(firstTick),
                Tick.of(lastTick));
    }

    private void see(long tick) {
        if (!anyEvent) {
            anyEvent = true;
            firstTick = tick;
            nextUncovered = tick;
        }
        lastTick = tick;
    }

    private void loseUpTo(long tick, ExactSeconds intervalOfGap) {
        if (nextUncovered < tick) {
            long count = tick - nextUncovered;
            long run = runNanos(count, intervalOfGap);
            if (run >= 0 && lostNanos + run >= 0) { // both >= 0: a negative sum has overflowed
                lostNanos += run;
            } else {
                lostExact = plus(lostExact, count, intervalOfGap);
            }
            nextUncovered = tick;
        }
    }

    /** count * interval in nanoseconds, or -1 when it is not a whole number of nanoseconds within a long. */
    private static long runNanos(long count, ExactSeconds interval) {
        if (!interval.isWholeNanos()) {
            return -1;
        }
        long nanos = interval.nanos();
        if (Math.multiplyHigh(count, nanos) != 0 || count * nanos < 0) {
            return -1;
        }
        return count * nanos;
    }

    private static BigDecimal plus(BigDecimal sum, long count, ExactSeconds interval) {
        BigDecimal run = BigDecimal.valueOf(count).multiply(interval.toBigDecimal());
        return sum == null ? run : sum.add(run);
    }
}
