package toothbrush.ingest.domain.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static toothbrush.ingest.domain.alignment.Fixtures.T;
import static toothbrush.ingest.domain.alignment.Fixtures.anchor;

import org.junit.jupiter.api.Test;

class AnchorClockTest {

    @Test
    void A3_timeIsTheAnchorTimestampPlusTicksSinceItTimesItsInterval() {
        AnchorClock clock = new AnchorClock(anchor(T, 10, 0.25));
        // T + (10 - 10) * 0.25 = T; T + (17 - 10) * 0.25 = T + 1.75
        assertEquals(T, clock.timeOf(10));
        assertEquals(T + 1.75, clock.timeOf(17));
        assertEquals(T + 1.75, clock.timeOf(Tick.of(17)));
        assertEquals(0.25, clock.intervalAt(17));
    }

    @Test
    void A2_A3_ticksBelowTheFirstAnchor_extrapolateBackwardsFromIt() {
        AnchorClock clock = new AnchorClock(anchor(T, 10, 0.25));
        // T + (4 - 10) * 0.25 = T - 1.5
        assertEquals(T - 1.5, clock.timeOf(4));
        assertEquals(0.25, clock.intervalAt(4));
        // Still the first anchor after the clock has moved on (A2).
        clock.apply(anchor(T + 10, 20, 0.5));
        assertEquals(T - 1.5, clock.timeOf(4));
        assertEquals(0.25, clock.intervalAt(Tick.of(4)));
    }

    @Test
    void A2_A4_aNewAnchorGovernsTheTicksFromItsOwn() {
        AnchorClock clock = new AnchorClock(anchor(T, 0, 0.25));
        clock.apply(anchor(T + 2, 8, 0.5));
        // T + 2 + (11 - 8) * 0.5 = T + 3.5
        assertEquals(T + 3.5, clock.timeOf(11));
        assertEquals(0.5, clock.intervalAt(11));
        assertEquals(Tick.of(8), clock.anchorTick());
        assertEquals(Tick.of(0), clock.firstAnchorTick());
    }

    @Test
    void A5_atEqualTicks_theLaterSettingsEventWins() {
        AnchorClock clock = new AnchorClock(anchor(T, 8, 0.25));
        clock.apply(anchor(T + 0.5, 8, 1.0));
        // T + 0.5 + (8 - 8) * 1.0 = T + 0.5; T + 0.5 + (10 - 8) * 1.0 = T + 2.5
        assertEquals(T + 0.5, clock.timeOf(8));
        assertEquals(T + 2.5, clock.timeOf(10));
        assertEquals(1.0, clock.intervalAt(8));
    }

    @Test
    void clockDrift_timeIsNotMonotoneAcrossAnchors() {
        AnchorClock clock = new AnchorClock(anchor(T, 0, 1.0));
        // Tick 9 under the first anchor: T + 9.0
        assertEquals(T + 9.0, clock.timeOf(9));
        // The next anchor says tick 10 was at T + 5: the device clock ran fast.
        clock.apply(anchor(T + 5, 10, 1.0));
        assertEquals(T + 5.0, clock.timeOf(10));
    }

    @Test
    void A3_isComputedInTheSpecifiedOrder() {
        double timestamp = 1_595_896_877.637;
        AnchorClock clock = new AnchorClock(anchor(timestamp, 3, 0.1));
        // The exact double expression of A3: timestamp + (tick - anchorTick) * interval.
        assertEquals(timestamp + (1003L - 3L) * 0.1, clock.timeOf(1003));
        // By hand: 1,595,896,877.637 + 1,000 * 0.1 = 1,595,896,977.637 (to the double's precision).
        assertEquals(1_595_896_977.637, clock.timeOf(1003), 1e-6);
    }

    @Test
    void ticksBehindTheCurrentAnchor_areProgrammingErrors() {
        AnchorClock clock = new AnchorClock(anchor(T, 0, 1.0));
        clock.apply(anchor(T + 10, 10, 1.0));
        assertThrows(IllegalArgumentException.class, () -> clock.timeOf(5));
        assertThrows(IllegalArgumentException.class, () -> clock.intervalAt(5));
        assertThrows(IllegalArgumentException.class, () -> clock.apply(anchor(T + 11, 9, 1.0)));
    }
}
