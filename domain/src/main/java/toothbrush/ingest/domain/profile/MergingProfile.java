package toothbrush.ingest.domain.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import toothbrush.ingest.domain.alignment.AnchorClock;
import toothbrush.ingest.domain.alignment.SettingsEvent;
import toothbrush.ingest.domain.time.ExactSeconds;

/**
 * Builds a {@link DatasetProfile} (V1-V6) from the accepted events of both streams, fed in merge order (tick
 * order, settings before brushing at equal ticks, A5), in fixed memory: {@value DatasetProfile#MAX_BINS} bins
 * and 32 teeth, whatever the stream length.
 *
 * <p>The tick range is not known in advance. Bins start one tick wide from the first event's tick; when a tick
 * would need bin number {@value DatasetProfile#MAX_BINS}, neighbouring bins are merged pairwise and the width
 * doubles, as in a mergeable histogram. Bin k therefore always covers ticks {@code T0 + k * width} to
 * {@code T0 + (k + 1) * width - 1}, and the final bins depend only on the events, never on how they were read.
 *
 * <p>A tick is <em>settled</em> once every settings event at or below it has been applied (the next event
 * has a larger tick, or the stream ended): only then are its time, its interval and the battery in force at it
 * final (A2). Settling walks bins, not ticks: a run of lost ticks is added per bin as count * interval. Lost
 * seconds are summed exactly, as {@code LossTracker} sums them (whole nanoseconds in a {@code long} while they
 * fit, an exact {@link BigDecimal} beyond); each bin keeps the running total rounded once at its end, and a
 * bin's lost seconds are its total minus the previous bin's, so they add up to the report's
 * {@code lost_seconds} exactly (V4).
 */
public final class MergingProfile {

    private static final int MAX_BINS = DatasetProfile.MAX_BINS;
    private static final int TEETH = DatasetProfile.TEETH;

    private final AnchorClock clock;
    /** The battery in force at the ticks being settled: the first anchor's below it (A2), NaN while unknown. */
    private double battery;

    private boolean started;
    private boolean finished;
    /** T0: the first event's tick. */
    private long firstTick;
    /** The largest tick fed so far. */
    private long lastTick;
    /** The smallest tick not settled yet. */
    private long unsettled;
    /** The tick of the last accepted brushing event, or -1. */
    private long coveredTick = -1;
    /** log2 of the bin width. */
    private int shift;

    private final long[] accepted = new long[MAX_BINS];
    private final double[] cleanSum = new double[MAX_BINS];
    private final double[] cleanMin = new double[MAX_BINS];
    private final long[] lostTicks = new long[MAX_BINS];
    /** Set when the bin's first tick is settled. */
    private final long[] startNanos = new long[MAX_BINS];
    /** These three are set when the bin's last tick is settled (or the range ends inside it). */
    private final long[] endNanos = new long[MAX_BINS];

    private final double[] batteryAtEnd = new double[MAX_BINS];
    /** V4: the lost seconds of all ticks up to the bin's end, rounded once to the nanosecond. */
    private final ExactSeconds[] lostUpToBin = new ExactSeconds[MAX_BINS];

    private final long[] toothEvents = new long[TEETH];
    private final double[] toothLastClean = new double[TEETH];

    /** Lost seconds so far: this many nanoseconds ... */
    private long lostNanos;
    /** ... plus this exact remainder (null while zero): runs that overflow a long or are not whole nanoseconds. */
    private BigDecimal lostExact;

    /** A profile whose clock starts at the dataset's first anchor (A1); feed it the first anchor too. */
    public MergingProfile(SettingsEvent firstAnchor) {
        Objects.requireNonNull(firstAnchor, "firstAnchor");
        this.clock = new AnchorClock(firstAnchor);
        this.battery = batteryOf(firstAnchor);
        Arrays.fill(cleanMin, Double.POSITIVE_INFINITY);
        Arrays.fill(toothLastClean, Double.NaN);
    }

    /**
     * An accepted settings event (the first anchor included): ticks below it are settled with the anchor in
     * force before it, then it is the anchor (A2) and its battery is in force.
     *
     * @throws IllegalArgumentException when fed out of merge order
     */
    public void onSettings(SettingsEvent event) {
        long tick = event.tick();
        if (tick <= coveredTick) {
            throw new IllegalArgumentException("settings event at tick " + tick + " fed after a brushing event at tick "
                    + coveredTick + " (merge order, A5)");
        }
        advanceTo(tick);
        clock.apply(event);
        battery = batteryOf(event);
    }

    /**
     * An accepted brushing event (its tick, tooth and percent_clean): it covers its tick (R4) and counts in its
     * bin and its tooth.
     *
     * @throws IllegalArgumentException when fed out of merge order (its tick must exceed the last brushing tick, B7)
     */
    public void onBrushing(long tick, int tooth, double percentClean) {
        long previous = tick - 1;
        if (previous == coveredTick && previous == unsettled && started && !finished) {
            // The hot path: the tick right after the last brushing one, and that one (settled now) neither
            // starts nor ends its bin, so settling it changes nothing and this tick is in the same bin.
            long inBin = (previous - firstTick) & ((1L << shift) - 1);
            if (inBin != 0 && inBin != (1L << shift) - 1) {
                lastTick = tick;
                unsettled = tick;
                coveredTick = tick;
                count((int) ((previous - firstTick) >>> shift), tooth, percentClean);
                return;
            }
        }
        if (tick <= coveredTick) {
            throw new IllegalArgumentException("brushing event at tick " + tick + " fed after a brushing event at tick "
                    + coveredTick + " (B7, merge order)");
        }
        advanceTo(tick);
        coveredTick = tick;
        count((int) ((tick - firstTick) >>> shift), tooth, percentClean);
    }

    private void count(int bin, int tooth, double clean) {
        accepted[bin]++;
        cleanSum[bin] += clean;
        if (clean < cleanMin[bin]) {
            cleanMin[bin] = clean;
        }
        toothEvents[tooth]++;
        toothLastClean[tooth] = clean;
    }

    /** The bins in use so far: never more than {@value DatasetProfile#MAX_BINS} (V1). */
    public int binCount() {
        return started ? (int) ((lastTick - firstTick) >>> shift) + 1 : 0;
    }

    /** The ticks per bin so far. */
    public long binTicks() {
        return 1L << shift;
    }

    /**
     * V1-V5 for the events fed: settles the ticks up to the last one with the final anchor. Call once, at the
     * end of the pass; nothing may be fed after it.
     *
     * @throws IllegalStateException when no event was fed, or when called twice
     */
    public DatasetProfile finish() {
        if (!started) {
            throw new IllegalStateException("no accepted event: a dataset has at least its first anchor (A1)");
        }
        if (finished) {
            throw new IllegalStateException("the profile is finished already");
        }
        settle(unsettled, lastTick, true);
        finished = true;
        int count = binCount();
        long width = 1L << shift;
        List<DatasetProfile.Bin> bins = new ArrayList<>(count);
        ExactSeconds lostBefore = ExactSeconds.ZERO;
        for (int k = 0; k < count; k++) {
            long first = firstTick + ((long) k << shift);
            long last = Math.min(first + width - 1, lastTick);
            ExactSeconds lost = lostUpToBin[k].minus(lostBefore);
            lostBefore = lostUpToBin[k];
            Double mean = null;
            Double min = null;
            if (accepted[k] > 0) {
                min = cleanMin[k];
                mean = Math.max(min, Math.min(1.0, cleanSum[k] / accepted[k]));
            }
            bins.add(new DatasetProfile.Bin(
                    first,
                    last,
                    ExactSeconds.ofNanos(startNanos[k]),
                    ExactSeconds.ofNanos(endNanos[k]),
                    accepted[k],
                    lostTicks[k],
                    lost,
                    mean,
                    min,
                    Double.isNaN(batteryAtEnd[k]) ? null : batteryAtEnd[k]));
        }
        List<DatasetProfile.Tooth> teeth = new ArrayList<>(TEETH);
        for (int tooth = 0; tooth < TEETH; tooth++) {
            teeth.add(new DatasetProfile.Tooth(
                    tooth, toothEvents[tooth], toothEvents[tooth] == 0 ? null : toothLastClean[tooth]));
        }
        return new DatasetProfile(width, bins, teeth);
    }

    /** Makes room for {@code tick}'s bin and settles every tick below it with the anchor in force now. */
    private void advanceTo(long tick) {
        if (finished) {
            throw new IllegalStateException("the profile is finished already");
        }
        if (!started) {
            started = true;
            firstTick = tick;
            lastTick = tick;
            unsettled = tick;
            return;
        }
        if (tick < lastTick) {
            throw new IllegalArgumentException(
                    "event at tick " + tick + " fed after one at tick " + lastTick + " (merge order, A5)");
        }
        while (((tick - firstTick) >>> shift) >= MAX_BINS) {
            mergePairs();
        }
        lastTick = tick;
        if (unsettled < tick) {
            settle(unsettled, tick - 1, false);
            unsettled = tick;
        }
    }

    /** V1: halves the bin count: bins 2j and 2j+1 become bin j, and the width doubles. */
    private void mergePairs() {
        for (int j = 0; j < MAX_BINS / 2; j++) {
            int left = 2 * j;
            int right = left + 1;
            accepted[j] = accepted[left] + accepted[right];
            cleanSum[j] = cleanSum[left] + cleanSum[right];
            cleanMin[j] = Math.min(cleanMin[left], cleanMin[right]);
            lostTicks[j] = lostTicks[left] + lostTicks[right];
            // The merged bin starts where its left half does and ends where its right half does: until the right
            // half's last tick is settled, its end is not known yet (and is set when it is).
            startNanos[j] = startNanos[left];
            lostUpToBin[j] = lostUpToBin[right];
            endNanos[j] = endNanos[right];
            batteryAtEnd[j] = batteryAtEnd[right];
        }
        for (int j = MAX_BINS / 2; j < MAX_BINS; j++) {
            accepted[j] = 0;
            cleanSum[j] = 0;
            cleanMin[j] = Double.POSITIVE_INFINITY;
            lostTicks[j] = 0;
            lostUpToBin[j] = null;
            startNanos[j] = 0;
            endNanos[j] = 0;
            batteryAtEnd[j] = 0;
        }
        shift++;
    }

    /**
     * Settles ticks {@code from} to {@code to} (inclusive), all under the clock's current anchor: a tick other
     * than the last brushing tick is lost at the current interval (R4, A4); a bin whose first tick is among
     * them gets its start, one whose last tick is (or, at the end of the range, the bin holding {@code to})
     * gets its end, its battery and the running lost total.
     */
    private void settle(long from, long to, boolean endOfRange) {
        long width = 1L << shift;
        long x = from;
        while (x <= to) {
            int k = (int) ((x - firstTick) >>> shift);
            long binFirst = firstTick + ((long) k << shift);
            long binLast = binFirst + width - 1;
            long segmentEnd = Math.min(binLast, to);
            if (x == binFirst) {
                startNanos[k] = time(clock.timeNanos(x), x);
            }
            long lostFrom = x == coveredTick ? x + 1 : x;
            if (lostFrom <= segmentEnd) {
                long count = segmentEnd - lostFrom + 1;
                lostTicks[k] += count;
                lose(count, clock.intervalAt(lostFrom));
            }
            if (segmentEnd == binLast || (endOfRange && segmentEnd == to)) {
                endNanos[k] = time(clock.endNanos(segmentEnd), segmentEnd);
                batteryAtEnd[k] = battery;
                lostUpToBin[k] = lostSoFar();
            }
            x = segmentEnd + 1;
        }
    }

    /** A tick in the range has a time within B10's range give or take 10,000 intervals; never beyond a long. */
    private static long time(long nanos, long tick) {
        if (nanos == AnchorClock.NOT_A_TIME || nanos < 0) {
            throw new IllegalStateException("tick " + tick + " inside the dataset's range has no time: " + nanos);
        }
        return nanos;
    }

    private void lose(long count, ExactSeconds interval) {
        if (interval.isWholeNanos()) {
            long nanos = interval.nanos();
            if (Math.multiplyHigh(count, nanos) == 0 && count * nanos >= 0) {
                long sum = lostNanos + count * nanos;
                if (sum >= 0) { // both >= 0: a negative sum has overflowed
                    lostNanos = sum;
                    return;
                }
            }
        }
        BigDecimal run = BigDecimal.valueOf(count).multiply(interval.toBigDecimal());
        lostExact = lostExact == null ? run : lostExact.add(run);
    }

    /** The lost seconds so far, rounded once to the nanosecond, half to even (P3). */
    private ExactSeconds lostSoFar() {
        if (lostExact == null) {
            return ExactSeconds.ofNanos(lostNanos);
        }
        return ExactSeconds.of(BigDecimal.valueOf(lostNanos, 9).add(lostExact).setScale(9, RoundingMode.HALF_EVEN));
    }

    private static double batteryOf(SettingsEvent event) {
        return event.battery() == null ? Double.NaN : event.battery();
    }
}
