package toothbrush.ingest.bootstrap.picture;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import toothbrush.ingest.domain.profile.DatasetProfile;
import toothbrush.ingest.domain.time.ExactSeconds;

/**
 * V8: a lost stretch: a maximal run of consecutive bins that hold lost ticks, with its first and last tick, its
 * lost ticks and lost seconds (the bins' sum), and where it starts and ends in time.
 */
record LostStretch(
        long firstTick, long lastTick, long lostTicks, BigDecimal lostSeconds, ExactSeconds start, ExactSeconds end) {

    /** The stretches of the profile, in time order. */
    static List<LostStretch> of(DatasetProfile profile) {
        List<LostStretch> stretches = new ArrayList<>();
        List<DatasetProfile.Bin> bins = profile.bins();
        int i = 0;
        while (i < bins.size()) {
            if (bins.get(i).lostTicks() == 0) {
                i++;
                continue;
            }
            int j = i;
            long lost = 0;
            BigDecimal seconds = BigDecimal.ZERO;
            while (j < bins.size() && bins.get(j).lostTicks() > 0) {
                lost += bins.get(j).lostTicks();
                seconds = seconds.add(bins.get(j).lostSeconds().toBigDecimal());
                j++;
            }
            stretches.add(new LostStretch(
                    bins.get(i).firstTick(),
                    bins.get(j - 1).lastTick(),
                    lost,
                    seconds,
                    bins.get(i).start(),
                    bins.get(j - 1).end()));
            i = j;
        }
        return stretches;
    }

    /** The stretches by lost seconds, largest first; equal ones in time order. */
    static List<LostStretch> largestFirst(List<LostStretch> stretches) {
        List<LostStretch> sorted = new ArrayList<>(stretches);
        sorted.sort(
                Comparator.comparing(LostStretch::lostSeconds).reversed().thenComparingLong(LostStretch::firstTick));
        return sorted;
    }
}
