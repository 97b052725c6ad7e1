package toothbrush.ingest.domain.alignment;

import java.math.BigDecimal;
import java.util.Objects;
import toothbrush.ingest.domain.time.ExactSeconds;

/**
 * Turns ticks into UNIX time (A1-A5) with constant memory: it holds the first anchor and the current
 * one. Settings events are applied in tick order, each before the brushing events at its tick (A5),
 * and a tick is asked for only once every settings event at or below it has been applied.
 *
 * <p>Times are exact (A3, P3): on the decimals the settings stream wrote, rounded once to the
 * nanosecond, half to even. When timestamp and interval are whole nanoseconds (at most 9 decimals, the
 * common case) the arithmetic is on {@code long} nanoseconds with overflow checks; otherwise it is on
 * {@link BigDecimal}. A time that does not fit a {@code long} of nanoseconds is {@link #NOT_A_TIME}.
 */
public final class AnchorClock {

    /**
     * What {@link #timeNanos} and {@link #endNanos} return for a time beyond a {@code long} of nanoseconds
     * (about ±292 years around 1970): far outside B10's range, never a time to write.
     */
    public static final long NOT_A_TIME = Long.MIN_VALUE;

    private final long firstTick;
    private final ExactSeconds firstTimestamp;
    private final ExactSeconds firstInterval;
    private long anchorTick;
    private ExactSeconds anchorTimestamp;
    private ExactSeconds anchorInterval;
    /** True when the current anchor's timestamp and interval are whole nanoseconds, held in the two longs below. */
    private boolean anchorWhole;

    private long anchorTimestampNanos;
    private long anchorIntervalNanos;

    /** A clock whose only anchor is the first accepted settings event (A1). */
    public AnchorClock(SettingsEvent firstAnchor) {
        Objects.requireNonNull(firstAnchor, "firstAnchor");
        this.firstTick = firstAnchor.tick();
        this.firstTimestamp = firstAnchor.timestamp();
        this.firstInterval = firstAnchor.tickInterval();
        setAnchor(firstTick, firstTimestamp, firstInterval);
    }

    /**
     * A2: makes {@code event} the current anchor; a later event at the same tick replaces an earlier one.
     *
     * @throws IllegalArgumentException when the event's tick is below the current anchor's
     */
    public void apply(SettingsEvent event) {
        if (event.tick() < anchorTick) {
            throw new IllegalArgumentException(
                    "settings event at tick " + event.tick() + " applied after the anchor at tick " + anchorTick);
        }
        setAnchor(event.tick(), event.timestamp(), event.tickInterval());
    }

    private void setAnchor(long tick, ExactSeconds timestamp, ExactSeconds interval) {
        anchorTick = tick;
        anchorTimestamp = timestamp;
        anchorInterval = interval;
        anchorWhole = timestamp.isWholeNanos() && interval.isWholeNanos();
        anchorTimestampNanos = anchorWhole ? timestamp.nanos() : 0;
        anchorIntervalNanos = anchorWhole ? interval.nanos() : 0;
    }

    /**
     * A3, P3: anchor.timestamp + (tick - anchor.tick) * anchor.interval, exact, rounded once to the
     * nanosecond (half to even); below the first anchor's tick the first anchor extrapolates backwards.
     *
     * @return nanoseconds since the epoch, or {@link #NOT_A_TIME} when they do not fit a {@code long}
     * @throws IllegalArgumentException for a tick between the first and the current anchor, whose
     *                                  anchor this clock no longer holds
     */
    public long timeNanos(long tick) {
        if (anchorWhole && tick >= anchorTick) { // the common case, in integer nanoseconds
            return wholeNanosAt(anchorTimestampNanos, anchorIntervalNanos, tick - anchorTick);
        }
        if (tick < firstTick) {
            return nanosAt(firstTimestamp, firstInterval, tick - firstTick);
        }
        requireNotBehind(tick);
        return nanosAt(anchorTimestamp, anchorInterval, tick - anchorTick);
    }

    /**
     * R2: time(tick) + interval_at(tick), exact, rounded once to the nanosecond (half to even): one tick
     * after the tick's time.
     *
     * @return nanoseconds since the epoch, or {@link #NOT_A_TIME} when they do not fit a {@code long}
     * @throws IllegalArgumentException as {@link #timeNanos(long)}
     */
    public long endNanos(long tick) {
        if (anchorWhole && tick >= anchorTick) {
            return wholeNanosAt(anchorTimestampNanos, anchorIntervalNanos, tick - anchorTick + 1);
        }
        if (tick < firstTick) {
            return nanosAt(firstTimestamp, firstInterval, tick - firstTick + 1);
        }
        requireNotBehind(tick);
        return nanosAt(anchorTimestamp, anchorInterval, tick - anchorTick + 1);
    }

    /** A3 for a {@link Tick}. */
    public long timeNanos(Tick tick) {
        return timeNanos(tick.value());
    }

    /**
     * A4: the interval of the tick's anchor (the first anchor's below it).
     *
     * @throws IllegalArgumentException as {@link #timeNanos(long)}
     */
    public ExactSeconds intervalAt(long tick) {
        if (tick < firstTick) {
            return firstInterval;
        }
        requireNotBehind(tick);
        return anchorInterval;
    }

    /** A4 for a {@link Tick}. */
    public ExactSeconds intervalAt(Tick tick) {
        return intervalAt(tick.value());
    }

    /** The tick of the current anchor. */
    public Tick anchorTick() {
        return Tick.of(anchorTick);
    }

    /** The tick of the first anchor (A1). */
    public Tick firstAnchorTick() {
        return Tick.of(firstTick);
    }

    /** timestamp + ticks * interval in nanoseconds, rounded once; {@link #NOT_A_TIME} beyond a long. */
    private static long nanosAt(ExactSeconds timestamp, ExactSeconds interval, long ticks) {
        if (timestamp.isWholeNanos() && interval.isWholeNanos()) {
            return wholeNanosAt(timestamp.nanos(), interval.nanos(), ticks);
        }
        BigDecimal exact =
                timestamp.toBigDecimal().add(BigDecimal.valueOf(ticks).multiply(interval.toBigDecimal()));
        try {
            return ExactSeconds.roundToNanos(exact);
        } catch (ArithmeticException e) {
            return NOT_A_TIME;
        }
    }

    /** timestampNanos + ticks * intervalNanos, or {@link #NOT_A_TIME} when it overflows a long. */
    private static long wholeNanosAt(long timestampNanos, long intervalNanos, long ticks) {
        try {
            return Math.addExact(timestampNanos, Math.multiplyExact(ticks, intervalNanos));
        } catch (ArithmeticException e) {
            return NOT_A_TIME;
        }
    }

    private void requireNotBehind(long tick) {
        if (tick < anchorTick) {
            throw new IllegalArgumentException(
                    "tick " + tick + " is below the current anchor at tick " + anchorTick + " (A2 needs tick order)");
        }
    }
}
