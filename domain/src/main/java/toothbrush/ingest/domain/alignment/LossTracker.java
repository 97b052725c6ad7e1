package toothbrush.ingest.domain.alignment;

/**
 * Computes R1-R4 in O(1) memory from the accepted events of both streams, fed in merge order (tick
 * order, settings before brushing at equal ticks, A5). Lost ticks are added per run of ticks, as
 * count * interval, never one tick at a time.
 */
public final class LossTracker {

    private boolean anyEvent;
    private double start = Double.POSITIVE_INFINITY;
    private double end = Double.NEGATIVE_INFINITY;
    private long firstTick;
    private long lastTick;
    /** The smallest tick at or after which no tick has been covered or counted as lost yet. */
    private long nextUncovered;
    /** The interval in force at the ticks just before the next event; the first anchor's until one is applied. */
    private double interval;
    private boolean intervalKnown;
    private double lostSeconds;

    /**
     * An accepted settings event: ticks before it that no brushing event covered are lost at the interval
     * in force before it (the first anchor's below the first anchor, A2), then its interval is in force.
     *
     * @throws IllegalArgumentException when fed out of merge order
     */
    public void onSettings(SettingsEvent event) {
        long tick = event.tick();
        if (anyEvent && tick < nextUncovered) {
            throw new IllegalArgumentException("settings event at tick " + tick
                    + " fed after events up to tick " + lastTick + " (merge order, A5)");
        }
        double intervalBefore = intervalKnown ? interval : event.tickInterval();
        see(tick);
        loseUpTo(tick, intervalBefore);
        interval = event.tickInterval();
        intervalKnown = true;
        start = Math.min(start, event.timestamp());
        end = Math.max(end, event.timestamp() + event.tickInterval());
    }

    /**
     * An accepted brushing event at {@code tick}, at {@code time} = time(tick) (A3) and
     * {@code interval} = interval_at(tick) (A4): ticks before it not yet covered are lost at that interval.
     *
     * @throws IllegalArgumentException when fed out of merge order
     */
    public void onBrushing(long tick, double time, double interval) {
        if (anyEvent && tick < nextUncovered) {
            throw new IllegalArgumentException("brushing event at tick " + tick
                    + " fed after events up to tick " + lastTick + " (merge order, A5)");
        }
        see(tick);
        loseUpTo(tick, interval);
        nextUncovered = tick + 1;
        this.interval = interval;
        intervalKnown = true;
        start = Math.min(start, time);
        end = Math.max(end, time + interval);
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
        double lost = lostSeconds;
        if (nextUncovered <= lastTick) {
            lost += (double) (lastTick - nextUncovered + 1) * interval;
        }
        return new DatasetStatistics(start, end, lost, Tick.of(firstTick), Tick.of(lastTick));
    }

    private void see(long tick) {
        if (!anyEvent) {
            anyEvent = true;
            firstTick = tick;
            nextUncovered = tick;
        }
        lastTick = tick;
    }

    private void loseUpTo(long tick, double intervalOfGap) {
        if (nextUncovered < tick) {
            lostSeconds += (double) (tick - nextUncovered) * intervalOfGap;
            nextUncovered = tick;
        }
    }
}
