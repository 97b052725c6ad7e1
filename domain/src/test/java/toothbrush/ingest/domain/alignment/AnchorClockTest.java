package toothbrush.ingest.domain.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static toothbrush.ingest.domain.alignment.Fixtures.T;
import static toothbrush.ingest.domain.alignment.Fixtures.anchor;
import static toothbrush.ingest.domain.alignment.Fixtures.ns;
import static toothbrush.ingest.domain.alignment.Fixtures.secs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import toothbrush.ingest.domain.time.ExactSeconds;

class AnchorClockTest {

    @Test
    void A3_time_isTheAnchorTimestampPlusTicksSinceItTimesItsInterval() {
        AnchorClock clock = new AnchorClock(anchor(T, 10, 0.25));
        // T + (10 - 10) * 0.25 = T; T + (17 - 10) * 0.25 = T + 1.75
        assertEquals(ns(T), clock.timeNanos(10));
        assertEquals(ns(T + 1.75), clock.timeNanos(17));
        assertEquals(ns(T + 1.75), clock.timeNanos(Tick.of(17)));
        assertEquals(secs(0.25), clock.intervalAt(17));
    }

    @Test
    void A2_A3_ticksBelowTheFirstAnchor_extrapolateBackwardsFromIt() {
        AnchorClock clock = new AnchorClock(anchor(T, 10, 0.25));
        // T + (4 - 10) * 0.25 = T - 1.5
        assertEquals(ns(T - 1.5), clock.timeNanos(4));
        assertEquals(secs(0.25), clock.intervalAt(4));
        // Still the first anchor after the clock has moved on (A2).
        clock.apply(anchor(T + 10, 20, 0.5));
        assertEquals(ns(T - 1.5), clock.timeNanos(4));
        assertEquals(secs(0.25), clock.intervalAt(Tick.of(4)));
    }

    @Test
    void A2_A4_aNewAnchor_governsTheTicksFromItsOwn() {
        AnchorClock clock = new AnchorClock(anchor(T, 0, 0.25));
        clock.apply(anchor(T + 2, 8, 0.5));
        // T + 2 + (11 - 8) * 0.5 = T + 3.5
        assertEquals(ns(T + 3.5), clock.timeNanos(11));
        assertEquals(secs(0.5), clock.intervalAt(11));
        assertEquals(Tick.of(8), clock.anchorTick());
        assertEquals(Tick.of(0), clock.firstAnchorTick());
    }

    @Test
    void A5_atEqualTicks_theLaterSettingsEventWins() {
        AnchorClock clock = new AnchorClock(anchor(T, 8, 0.25));
        clock.apply(anchor(T + 0.5, 8, 1.0));
        // T + 0.5 + (8 - 8) * 1.0 = T + 0.5; T + 0.5 + (10 - 8) * 1.0 = T + 2.5
        assertEquals(ns(T + 0.5), clock.timeNanos(8));
        assertEquals(ns(T + 2.5), clock.timeNanos(10));
        assertEquals(secs(1.0), clock.intervalAt(8));
    }

    @Test
    void clockDrift_timeIsNotMonotoneAcrossAnchors() {
        AnchorClock clock = new AnchorClock(anchor(T, 0, 1.0));
        // Tick 9 under the first anchor: T + 9.0
        assertEquals(ns(T + 9.0), clock.timeNanos(9));
        // The next anchor says tick 10 was at T + 5: the device clock ran fast.
        clock.apply(anchor(T + 5, 10, 1.0));
        assertEquals(ns(T + 5.0), clock.timeNanos(10));
    }

    @Test
    void A3_time_isComputedInTheSpecifiedOrder() {
        double timestamp = 1_595_896_877.637;
        AnchorClock clock = new AnchorClock(anchor(timestamp, 3, 0.1));
        // The exact double expression of A3: timestamp + (tick - anchorTick) * interval.
        assertEquals(ns(timestamp + (1003L - 3L) * 0.1), clock.timeNanos(1003));
        // By hand: 1,595,896,877.637 + 1,000 * 0.1 = 1,595,896,977.637 (to the double's precision).
        assertEquals(ns(1_595_896_977.637), clock.timeNanos(1003), 1e-6);
    }

    @Test
    void ticksBehindTheCurrentAnchor_areProgrammingErrors() {
        AnchorClock clock = new AnchorClock(anchor(T, 0, 1.0));
        clock.apply(anchor(T + 10, 10, 1.0));
        assertThrows(IllegalArgumentException.class, () -> clock.timeNanos(5));
        assertThrows(IllegalArgumentException.class, () -> clock.intervalAt(5));
        assertThrows(IllegalArgumentException.class, () -> clock.apply(anchor(T + 11, 9, 1.0)));
    }

    @ParameterizedTest(name = "interval {0}")
    @ValueSource(strings = {"0.1", "0.2", "0.333333333333", "0.000000001", "60"})
    void A3_P3_overAMillionTicks_timesMatchABigDecimalReferenceToTheNanosecond(String interval) {
        ExactSeconds timestamp = ExactSeconds.parse("1595896877.6374981");
        AnchorClock clock =
                new AnchorClock(new SettingsEvent(timestamp, 1_000, null, ExactSeconds.parse(interval), List.of()));
        BigDecimal start = new BigDecimal("1595896877.6374981");
        BigDecimal step = new BigDecimal(interval);
        for (long tick :
                new long[] {0, 1, 999, 1_000, 1_001, 1_003, 12_345, 99_999, 500_001, 999_999, 1_000_000, 1_001_000}) {
            BigDecimal exact = start.add(BigDecimal.valueOf(tick - 1_000).multiply(step));
            assertEquals(nanos(exact), clock.timeNanos(tick), interval + " at tick " + tick);
            assertEquals(nanos(exact.add(step)), clock.endNanos(tick), interval + " end at tick " + tick);
        }
    }

    @Test
    void A3_anIntervalOfOneTenth_addsExactly100000000NanosecondsPerTick() {
        AnchorClock clock = new AnchorClock(
                new SettingsEvent(ExactSeconds.parse("1612022711.593"), 0, null, ExactSeconds.parse("0.1"), List.of()));
        assertEquals(1_612_022_711_593_000_000L, clock.timeNanos(0));
        assertEquals(1_612_022_711_593_000_000L + 1_000_000L * 100_000_000L, clock.timeNanos(1_000_000));
    }

    @Test
    void P3_halfANanosecond_roundsToEven() {
        AnchorClock clock = new AnchorClock(new SettingsEvent(
                ExactSeconds.parse("1600000000"), 0, null, ExactSeconds.parse("0.0000000005"), List.of()));
        // 1, 3 and 5 half nanoseconds: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2
        assertEquals(1_600_000_000_000_000_000L, clock.timeNanos(1));
        assertEquals(1_600_000_000_000_000_002L, clock.timeNanos(3));
        assertEquals(1_600_000_000_000_000_002L, clock.timeNanos(5));
        // R2 rounds time + interval once: 2 half nanoseconds at tick 1 is 1 ns (not 0 + 0).
        assertEquals(1_600_000_000_000_000_001L, clock.endNanos(1));
    }

    @Test
    void B10_aTimeBeyondALongOfNanoseconds_isNotATime_neverWrapped() {
        // Tick 0 below a first anchor at 2^53: 2^53 * 60 s before 2020.
        AnchorClock backwards = new AnchorClock(anchor(T, 1L << 53, 60));
        assertEquals(AnchorClock.NOT_A_TIME, backwards.timeNanos(0));
        assertEquals(AnchorClock.NOT_A_TIME, backwards.endNanos(0));
        AnchorClock forwards = new AnchorClock(anchor(T, 0, 60));
        assertEquals(AnchorClock.NOT_A_TIME, forwards.timeNanos(1L << 53));
        // The BigDecimal path too.
        AnchorClock fine = new AnchorClock(
                new SettingsEvent(ExactSeconds.of(T), 0, null, ExactSeconds.parse("59.0000000001"), List.of()));
        assertEquals(AnchorClock.NOT_A_TIME, fine.timeNanos(1L << 53));
        // Still a long: an ordinary value, outside B10's range, for BrushingSequence to reject.
        assertEquals(1_600_000_000_000_000_000L + 100_000_000L * 60_000_000_000L, forwards.timeNanos(100_000_000));
    }

    private static long nanos(BigDecimal seconds) {
        return seconds.setScale(9, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }
}
