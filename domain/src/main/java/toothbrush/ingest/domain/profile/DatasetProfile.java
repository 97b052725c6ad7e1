package toothbrush.ingest.domain.profile;

import java.util.List;
import java.util.Objects;
import toothbrush.ingest.domain.rules.Limits;
import toothbrush.ingest.domain.time.ExactSeconds;

/**
 * V1-V5: where in a dataset its data is and is not: at most {@link #MAX_BINS} bins of {@code binTicks} ticks
 * each over the tick range (the last one may be shorter), and one entry per tooth.
 *
 * @param binTicks the ticks per bin, a power of two (V1)
 * @param bins     the bins in tick order, contiguous, covering the dataset's tick range exactly
 * @param teeth    the 32 teeth in tooth order (V5)
 */
public record DatasetProfile(long binTicks, List<Bin> bins, List<Tooth> teeth) {

    /** V1: the most bins a profile has. */
    public static final int MAX_BINS = 1_024;
    /** V5: teeth 0..31. */
    public static final int TEETH = Limits.MAX_TOOTH + 1;

    public DatasetProfile {
        if (binTicks < 1 || Long.bitCount(binTicks) != 1) {
            throw new IllegalArgumentException("binTicks must be a power of two: " + binTicks);
        }
        bins = List.copyOf(Objects.requireNonNull(bins, "bins"));
        teeth = List.copyOf(Objects.requireNonNull(teeth, "teeth"));
        if (bins.isEmpty() || bins.size() > MAX_BINS) {
            throw new IllegalArgumentException("a profile has 1 to " + MAX_BINS + " bins: " + bins.size());
        }
        for (int i = 0; i < bins.size(); i++) {
            Bin bin = bins.get(i);
            long ticks = bin.lastTick() - bin.firstTick() + 1;
            if (ticks > binTicks || (i < bins.size() - 1 && ticks != binTicks)) {
                throw new IllegalArgumentException("bin " + i + " has " + ticks + " ticks, not " + binTicks);
            }
            if (i > 0 && bin.firstTick() != bins.get(i - 1).lastTick() + 1) {
                throw new IllegalArgumentException("bin " + i + " does not follow bin " + (i - 1));
            }
        }
        if (teeth.size() != TEETH) {
            throw new IllegalArgumentException("a profile has " + TEETH + " teeth: " + teeth.size());
        }
        for (int i = 0; i < TEETH; i++) {
            if (teeth.get(i).tooth() != i) {
                throw new IllegalArgumentException(
                        "tooth " + i + " is out of order: " + teeth.get(i).tooth());
            }
        }
    }

    /** The first tick of the range (R3's T0). */
    public long firstTick() {
        return bins.get(0).firstTick();
    }

    /** The last tick of the range (R3's T1). */
    public long lastTick() {
        return bins.get(bins.size() - 1).lastTick();
    }

    /** V3: accepted brushing events over all bins. */
    public long accepted() {
        long sum = 0;
        for (Bin bin : bins) {
            sum += bin.accepted();
        }
        return sum;
    }

    /** V3: lost ticks over all bins. */
    public long lostTicks() {
        long sum = 0;
        for (Bin bin : bins) {
            sum += bin.lostTicks();
        }
        return sum;
    }

    /** V4: the bins' lost seconds added up exactly: the report's {@code lost_seconds}. */
    public ExactSeconds lostSeconds() {
        ExactSeconds sum = ExactSeconds.ZERO;
        for (Bin bin : bins) {
            sum = sum.plus(bin.lostSeconds());
        }
        return sum;
    }

    /**
     * V2: one bin.
     *
     * @param firstTick  its first tick
     * @param lastTick   its last tick
     * @param start      time(firstTick) (A3), rounded once to the nanosecond
     * @param end        time(lastTick) + interval_at(lastTick) (as R2), rounded once to the nanosecond
     * @param accepted   accepted brushing events in the bin
     * @param lostTicks  lost ticks (R4) in the bin
     * @param lostSeconds V4: this bin's share of the report's {@code lost_seconds}
     * @param cleanMean  the mean {@code percent_clean} of the bin's accepted events (a double sum divided by the
     *                   count, kept within [cleanMin, 1] against rounding); {@code null} without one
     * @param cleanMin   the smallest {@code percent_clean} of the bin's accepted events; {@code null} without one
     * @param battery    the battery of anchor(lastTick) (A2); {@code null} while unknown
     */
    public record Bin(
            long firstTick,
            long lastTick,
            ExactSeconds start,
            ExactSeconds end,
            long accepted,
            long lostTicks,
            ExactSeconds lostSeconds,
            Double cleanMean,
            Double cleanMin,
            Double battery) {
        public Bin {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(lostSeconds, "lostSeconds");
            if (firstTick < 0 || lastTick < firstTick || lastTick > Limits.MAX_TICK) {
                throw new IllegalArgumentException("bad tick range [" + firstTick + ", " + lastTick + "]");
            }
            if (accepted < 0 || lostTicks < 0 || accepted + lostTicks != lastTick - firstTick + 1) {
                throw new IllegalArgumentException("V3: ticks [" + firstTick + ", " + lastTick + "] are " + accepted
                        + " accepted + " + lostTicks + " lost");
            }
            if ((accepted == 0) != (cleanMean == null) || (cleanMean == null) != (cleanMin == null)) {
                throw new IllegalArgumentException(
                        "cleanMean and cleanMin are given exactly when events were accepted");
            }
            if (cleanMean != null && !(cleanMin >= 0.0 && cleanMin <= cleanMean && cleanMean <= 1.0)) {
                throw new IllegalArgumentException(
                        "need 0 <= clean min <= clean mean <= 1: " + cleanMin + ", " + cleanMean);
            }
            if (battery != null && !(battery >= 0.0 && battery <= 1.0)) {
                throw new IllegalArgumentException("battery must be in [0, 1]: " + battery);
            }
        }

        /** The ticks of the bin. */
        public long ticks() {
            return lastTick - firstTick + 1;
        }
    }

    /**
     * V5: one tooth.
     *
     * @param tooth     0..31
     * @param events    accepted brushing events of this tooth
     * @param lastClean the {@code percent_clean} of its last accepted event; {@code null} without one
     */
    public record Tooth(int tooth, long events, Double lastClean) {
        public Tooth {
            if (tooth < 0 || tooth > Limits.MAX_TOOTH) {
                throw new IllegalArgumentException("tooth must be in [0, 31]: " + tooth);
            }
            if (events < 0 || (events == 0) != (lastClean == null)) {
                throw new IllegalArgumentException("lastClean is given exactly when the tooth has events: " + events);
            }
            if (lastClean != null && !(lastClean >= 0.0 && lastClean <= 1.0)) {
                throw new IllegalArgumentException("lastClean must be in [0, 1]: " + lastClean);
            }
        }
    }
}
