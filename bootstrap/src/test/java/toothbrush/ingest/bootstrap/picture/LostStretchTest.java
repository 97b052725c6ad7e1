package toothbrush.ingest.bootstrap.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static toothbrush.ingest.bootstrap.picture.ProfileFixture.at;
import static toothbrush.ingest.bootstrap.picture.ProfileFixture.bin;
import static toothbrush.ingest.bootstrap.picture.ProfileFixture.profile;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** V8: lost stretches, as the coverage timeline marks, labels and lists them. */
class LostStretchTest {

    @Test
    @DisplayName("V8: a lost stretch is a maximal run of bins with lost ticks, their ticks and seconds added up")
    void V8_lostStretches_areMaximalRunsOfBinsWithLostTicks() {
        List<LostStretch> stretches = LostStretch.of(profile(
                4,
                bin(0, 3, "0", "1", 0, "0", null),
                bin(4, 7, "1", "2", 2, "0.5", null),
                bin(8, 11, "2", "3", 1, "0.25", null),
                bin(12, 15, "3", "4", 0, "0", null),
                bin(16, 17, "4", "4.5", 2, "0.5", null)));
        assertEquals(
                List.of(
                        new LostStretch(4, 11, 3, new BigDecimal("0.75"), at("1"), at("3")),
                        new LostStretch(16, 17, 2, new BigDecimal("0.5"), at("4"), at("4.5"))),
                stretches);
    }

    @Test
    @DisplayName("V8: no bin with lost ticks, no stretch")
    void V8_noLostTick_noStretch() {
        assertEquals(List.of(), LostStretch.of(profile(4, bin(0, 3, "0", "1", 0, "0", null))));
    }

    @Test
    @DisplayName("V8: the largest stretches come first, equal ones in time order")
    void V8_largestFirst_equalOnesInTimeOrder() {
        LostStretch early = stretch(0, "0.5");
        LostStretch large = stretch(10, "2");
        LostStretch late = stretch(20, "0.50");
        assertEquals(List.of(large, early, late), LostStretch.largestFirst(List.of(early, large, late)));
    }

    private static LostStretch stretch(long firstTick, String lostSeconds) {
        return new LostStretch(firstTick, firstTick, 1, new BigDecimal(lostSeconds), at("0"), at("1"));
    }
}
