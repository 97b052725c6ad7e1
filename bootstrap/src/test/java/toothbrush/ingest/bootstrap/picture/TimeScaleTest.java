package toothbrush.ingest.bootstrap.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.domain.time.ExactSeconds;

/** V8: the time axis of the time charts. */
class TimeScaleTest {

    private static ExactSeconds at(String seconds) {
        return ExactSeconds.of(new BigDecimal(seconds));
    }

    @Test
    @DisplayName("V8: the scale maps its span onto the plot, left edge to right edge")
    void V8_timeToX_spansThePlot() {
        TimeScale scale = new TimeScale(new BigDecimal("100"), 10);
        assertEquals(TimeScale.PLOT_LEFT, scale.x(at("100")));
        assertEquals(TimeScale.PLOT_RIGHT, scale.x(at("110")));
        assertEquals((TimeScale.PLOT_LEFT + TimeScale.PLOT_RIGHT) / 2, scale.x(at("105")));
        assertEquals(scale.x(at("102.5")), scale.xAt(2.5));
        assertEquals(TimeScale.PLOT_LEFT, new TimeScale(BigDecimal.ONE, 0).x(at("1")));
    }

    @Test
    @DisplayName("V8: the axis step is round and gives at most 9 ticks, however long the span")
    void V8_axisStep_roundAndAtMostNineTicks() {
        assertEquals(0.1, new TimeScale(BigDecimal.ZERO, 0).step());
        assertEquals(30, new TimeScale(BigDecimal.ZERO, 120.203).step());
        assertEquals(15, new TimeScale(BigDecimal.ZERO, 120).step());
        assertEquals(86_400, new TimeScale(BigDecimal.ZERO, 8 * 86_400).step());
        assertEquals(172_800, new TimeScale(BigDecimal.ZERO, 1_000_000).step());
    }

    @Test
    @DisplayName("V8: axis clocks are m:ss or h:mm:ss, with tenths when the tick falls between seconds")
    void V8_clock_minutesHoursAndTenths() {
        assertEquals("0:00", TimeScale.clock(0));
        assertEquals("1:15", TimeScale.clock(75));
        assertEquals("1:02:03", TimeScale.clock(3723));
        assertEquals("0:00.5", TimeScale.clock(0.5));
        assertEquals("0:01.2", TimeScale.clock(1.2));
        assertEquals("0:00.3", TimeScale.clock(0.1 + 0.2));
    }

    @Test
    @DisplayName("V8: a stretch's times are in tenths under ten minutes, in whole seconds from there on")
    void V8_elapsed_tenthsUnderTenMinutes() {
        assertEquals("0:25.0", TimeScale.clockTenths(25.04));
        assertEquals("0:26.3", TimeScale.clockTenths(26.25));
        assertEquals("1:00.0", TimeScale.clockTenths(59.96));
        assertEquals("0:26.3", new TimeScale(BigDecimal.ZERO, 599).elapsed(at("26.25")));
        assertEquals("0:26", new TimeScale(BigDecimal.ZERO, 600).elapsed(at("26.95")));
        assertEquals("1:00:00", new TimeScale(new BigDecimal("10"), 4000).elapsed(at("3610.5")));
    }
}
