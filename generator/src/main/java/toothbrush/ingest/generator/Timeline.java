package toothbrush.ingest.generator;

import toothbrush.ingest.domain.rules.Limits;

/**
 * The settings events of a generated dataset, one at a time, in tick order: the first one at tick 0
 * with the whole state, then battery-only diffs (one step down every so many ticks, recharged at 5 %),
 * interval-only diffs (the interval changes, spread over the ticks) and both where they coincide. Each
 * anchor's timestamp is the drift-free clock plus a random drift, never below the previous timestamp
 * (S7). Consecutive events are less than 1.5 times {@link #MAX_BATTERY_SPACING} ticks apart, within
 * S7's largest tick jump (an event beyond it would be rejected, and a reader of pipes would then wait for
 * the next one). No event lies at or after the last tick, so the last brushing tick ends the dataset (R2).
 * Depends only on its own generator: two timelines of one seed yield the same events.
 */
final class Timeline {
    /** The tick intervals a device may switch between, in microseconds. */
    static final long[] INTERVALS_MICROS = {100_000, 125_000, 200_000, 250_000, 500_000};

    private static final long EPOCH_2020_SECONDS = 1_577_836_800L;
    private static final int SECONDS_PER_YEAR = 365 * 86_400;
    private static final long MIN_BATTERY_SPACING = 60;
    /** The largest mean spacing of battery steps, which lie 0.5 to 1.5 spacings apart: 9,000 ticks at most. */
    static final long MAX_BATTERY_SPACING = Limits.MAX_TICK_JUMP * 3 / 5;

    private static final int BATTERY_EVENTS_PER_DATASET = 1_000;
    private static final int FULL_BATTERY_CENTI = 100;
    private static final int LOW_BATTERY_CENTI = 5;

    private final SplitMix64 random;
    private final long lastTick;
    private final int intervalChanges;
    private final long changeSpacing;
    private final long batterySpacing;
    private final long driftMicros;

    private boolean started;
    private boolean ended;
    private int changesScheduled;
    private long nextChangeTick;
    private long nextBatteryTick;
    private long idealMicros;

    private long tick;
    private long timestampMicros;
    private long intervalMicros;
    private int batteryCenti;
    private boolean carriesBattery;
    private boolean carriesInterval;

    Timeline(GeneratorOptions options, SplitMix64 random) {
        this.random = random;
        this.lastTick = options.ticks() - 1;
        this.intervalChanges = options.intervalChanges();
        this.changeSpacing = lastTick / (intervalChanges + 1L);
        this.batterySpacing =
                Math.min(MAX_BATTERY_SPACING, Math.max(MIN_BATTERY_SPACING, lastTick / BATTERY_EVENTS_PER_DATASET));
        this.driftMicros = Math.round(options.driftMs() * 1_000);
    }

    /** Moves to the next event; false once there is none (then the getters keep the last event). */
    boolean next() {
        if (ended) {
            return false;
        }
        if (!started) {
            return start();
        }
        long at = Math.min(nextBatteryTick, nextChangeTick);
        if (at >= lastTick) {
            ended = true;
            return false;
        }
        idealMicros += (at - tick) * intervalMicros;
        tick = at;
        carriesBattery = false;
        carriesInterval = false;
        if (at == nextChangeTick) {
            int index = random.nextInt(INTERVALS_MICROS.length - 1);
            long next = INTERVALS_MICROS[index];
            intervalMicros = next == intervalMicros ? INTERVALS_MICROS[INTERVALS_MICROS.length - 1] : next;
            carriesInterval = true;
            nextChangeTick = scheduleChange();
        }
        if (at == nextBatteryTick) {
            batteryCenti = batteryCenti > LOW_BATTERY_CENTI ? batteryCenti - 1 : FULL_BATTERY_CENTI;
            carriesBattery = true;
            nextBatteryTick = scheduleBattery(at);
        }
        long drift = driftMicros == 0 ? 0 : random.nextLong(2 * driftMicros + 1) - driftMicros;
        timestampMicros = Math.max(timestampMicros, idealMicros + drift);
        return true;
    }

    private boolean start() {
        started = true;
        idealMicros =
                (EPOCH_2020_SECONDS + random.nextInt(SECONDS_PER_YEAR)) * 1_000_000L + random.nextInt(1_000) * 1_000L;
        timestampMicros = idealMicros;
        tick = 0;
        intervalMicros = INTERVALS_MICROS[random.nextInt(INTERVALS_MICROS.length)];
        batteryCenti = 50 + random.nextInt(FULL_BATTERY_CENTI - 50 + 1);
        carriesBattery = true;
        carriesInterval = true;
        nextBatteryTick = scheduleBattery(0);
        nextChangeTick = scheduleChange();
        return true;
    }

    /** Change i (1-based) lies near i / (changes + 1) of the ticks, within a quarter spacing. */
    private long scheduleChange() {
        if (changesScheduled == intervalChanges) {
            return Long.MAX_VALUE;
        }
        changesScheduled++;
        long center = (long) ((double) changesScheduled * lastTick / (intervalChanges + 1L));
        return center + random.nextLong(changeSpacing / 2 + 1) - changeSpacing / 4;
    }

    private long scheduleBattery(long from) {
        return from + batterySpacing / 2 + random.nextLong(batterySpacing);
    }

    /** True for the first event: it carries the whole initial state (S6). */
    boolean isFirst() {
        return tick == 0;
    }

    long tick() {
        return tick;
    }

    long timestampMicros() {
        return timestampMicros;
    }

    /** The interval in force after this event, in microseconds. */
    long intervalMicros() {
        return intervalMicros;
    }

    /** The battery after this event, in hundredths. */
    int batteryCenti() {
        return batteryCenti;
    }

    boolean carriesBattery() {
        return carriesBattery;
    }

    boolean carriesInterval() {
        return carriesInterval;
    }
}
