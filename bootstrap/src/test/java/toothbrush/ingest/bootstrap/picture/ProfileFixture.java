package toothbrush.ingest.bootstrap.picture;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import toothbrush.ingest.domain.profile.DatasetProfile;
import toothbrush.ingest.domain.time.ExactSeconds;

/** Small profiles built by hand for the chart helpers' tests. */
final class ProfileFixture {

    private ProfileFixture() {}

    static ExactSeconds at(String seconds) {
        return ExactSeconds.of(new BigDecimal(seconds));
    }

    /**
     * A bin over ticks {@code first..last}, from {@code start} to {@code end} seconds, with {@code lost} of its ticks
     * lost in {@code lostSeconds}; the others are accepted at {@code percent_clean} 0.5.
     */
    static DatasetProfile.Bin bin(
            long first, long last, String start, String end, long lost, String lostSeconds, Double battery) {
        long accepted = last - first + 1 - lost;
        Double clean = accepted == 0 ? null : 0.5;
        return new DatasetProfile.Bin(
                first, last, at(start), at(end), accepted, lost, at(lostSeconds), clean, clean, battery);
    }

    /** A profile of {@code bins}, {@code binTicks} ticks each, and 32 teeth without events. */
    static DatasetProfile profile(long binTicks, DatasetProfile.Bin... bins) {
        List<DatasetProfile.Tooth> teeth = new ArrayList<>();
        for (int tooth = 0; tooth < DatasetProfile.TEETH; tooth++) {
            teeth.add(new DatasetProfile.Tooth(tooth, 0, null));
        }
        return new DatasetProfile(binTicks, List.of(bins), teeth);
    }
}
