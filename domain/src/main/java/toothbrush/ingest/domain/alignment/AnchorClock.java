package toothbrush.ingest.domain.alignment;

import java.util.Objects;

/**
 * Turns ticks into UNIX time (A1-A5) with constant memory: it holds the first anchor and the current
 * one. Settings events are applied in tick order, each before the brushing events at its tick (A5),
 * and a tick is asked for only once every settings event at or below it has been applied.
 */
public final class AnchorClock {

    private final long firstTick;
    private final double firstTimestamp;
    private final double firstInterval;
    private long anchorTick;
    private double anchorTimestamp;
    private double anchorInterval;

    /** A clock whose only anchor is the first accepted settings event (A1). */
    public AnchorClock(SettingsEvent firstAnchor) {
        Objects.requireNonNull(firstAnchor, "firstAnchor");
        this.firstTick = firstAnchor.tick();
        this.firstTimestamp = firstAnchor.timestamp();
        this.firstInterval = firstAnchor.tickInterval();
        this.anchorTick = firstTick;
        this.anchorTimestamp = firstTimestamp;
        this.anchorInterval = firstInterval;
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
        anchorTick = event.tick();
        anchorTimestamp = event.timestamp();
        anchorInterval = event.tickInterval();
    }

    /**
     * A3: anchor.timestamp + (tick - anchor.tick) * anchor.interval, in this order in double arithmetic;
     * below the first anchor's tick the first anchor extrapolates backwards.
     *
     * @throws IllegalArgumentException for a tick between the first and the current anchor, whose
     *                                  anchor this clock no longer holds
     */
    public double timeOf(long tick) {
        if (tick < firstTick) {
            return firstTimestamp + (tick - firstTick) * firstInterval;
        }
        requireNotBehind(tick);
        return anchorTimestamp + (tick - anchorTick) * anchorInterval;
    }

    /** A3 for a {@link Tick}. */
    public double timeOf(Tick tick) {
        return timeOf(tick.value());
    }

    /**
     * A4: the interval of the tick's anchor (the first anchor's below it).
     *
     * @throws IllegalArgumentException as {@link #timeOf(long)}
     */
    public double intervalAt(long tick) {
        if (tick < firstTick) {
            return firstInterval;
        }
        requireNotBehind(tick);
        return anchorInterval;
    }

    /** A4 for a {@link Tick}. */
    public double intervalAt(Tick tick) {
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

    private void requireNotBehind(long tick) {
        if (tick < anchorTick) {
            throw new IllegalArgumentException(
                    "tick " + tick + " is below the current anchor at tick " + anchorTick + " (A2 needs tick order)");
        }
    }
}
