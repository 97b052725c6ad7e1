package toothbrush.ingest.bootstrap.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static toothbrush.ingest.bootstrap.picture.ProfileFixture.bin;
import static toothbrush.ingest.bootstrap.picture.ProfileFixture.profile;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.domain.profile.DatasetProfile;

/** V8: the steps the percent_clean and battery charts draw a per-bin value with. */
class PercentPlotTest {

    private static final DatasetProfile PROFILE = profile(
            1,
            bin(0, 0, "0", "1", 1, "1", null),
            bin(1, 1, "1", "2", 1, "1", 0.5),
            bin(2, 2, "2", "3", 1, "1", 0.25),
            bin(3, 3, "3", "4", 1, "1", null),
            bin(4, 4, "4", "5", 1, "1", 1.0));

    @Test
    @DisplayName("V8: one level across each bin, joined to the next, broken where the value is unknown")
    void V8_steps_breakWhereTheValueIsUnknown() {
        PercentPlot plot = new PercentPlot(new Xml(), PROFILE, new TimeScale(BigDecimal.ZERO, 5), 100);
        // x = 46 + 722 * t / 5; y = 6 + 100 * (1 - value).
        assertEquals("M190.4 56H334.8L334.8 81H479.2M623.6 6H768", plot.steps(DatasetProfile.Bin::battery));
    }

    @Test
    @DisplayName("V8: a value unknown in every bin draws nothing")
    void V8_steps_emptyWhenNeverKnown() {
        PercentPlot plot = new PercentPlot(new Xml(), PROFILE, new TimeScale(BigDecimal.ZERO, 5), 100);
        assertEquals("", plot.steps(DatasetProfile.Bin::cleanMean));
    }
}
