package toothbrush.ingest.domain.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static toothbrush.ingest.domain.alignment.Fixtures.T;
import static toothbrush.ingest.domain.alignment.Fixtures.anchor;
import static toothbrush.ingest.domain.alignment.Fixtures.ns;
import static toothbrush.ingest.domain.alignment.Fixtures.secs;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.domain.time.ExactSeconds;

/**
 * R1-R4 through the clock and the tracker, fed in merge order as the use case does. Timestamps are
 * T = 1.6e9 plus multiples of 1/4 s; expected values are the decimals written (exact, P3).
 */
class LossTrackerTest {

    /** Drives an AnchorClock and a LossTracker the way the merge loop does. */
    private static final class Merge {
        private AnchorClock clock;
        private final LossTracker tracker = new LossTracker();
        private final SettingsEvent firstAnchor;

        Merge(SettingsEvent firstAnchor) {
            this.firstAnchor = firstAnchor;
            this.clock = new AnchorClock(firstAnchor);
        }

        Merge settings(double timestamp, long tick, double interval) {
            SettingsEvent event = anchor(timestamp, tick, interval);
            tracker.onSettings(event);
            if (event != firstAnchor) {
                clock.apply(event);
            }
            return this;
        }

        Merge first() {
            tracker.onSettings(firstAnchor);
            return this;
        }

        Merge brushing(long... ticks) {
            for (long tick : ticks) {
                tracker.onBrushing(tick, clock.timeNanos(tick), clock.endNanos(tick), clock.intervalAt(tick));
            }
            return this;
        }

        DatasetStatistics finish() {
            return tracker.finish();
        }
    }

    @Test
    void R4_anIntervalChangeInsideAGap_countsEachPartAtItsOwnInterval() {
        // Anchor tick 0 @ T, 0.5 s; brushing 0, 1; anchor tick 5 @ T + 2.5, 0.25 s; brushing 8, 9.
        DatasetStatistics stats = new Merge(anchor(T, 0, 0.5))
                .first()
                .brushing(0, 1)
                .settings(T + 2.5, 5, 0.25)
                .brushing(8, 9)
                .finish();
        // Lost 2, 3, 4 at 0.5 = 1.5 and 5, 6, 7 at 0.25 = 0.75: 2.25.
        assertEquals(secs(2.25), stats.lostSeconds());
        // start = T (tick 0); end = time(9) + 0.25 = T + 2.5 + 4 * 0.25 + 0.25 = T + 3.75.
        assertEquals(secs(T), stats.start());
        assertEquals(secs(T + 3.75), stats.end());
        assertEquals(Tick.of(0), stats.firstTick());
        assertEquals(Tick.of(9), stats.lastTick());
    }

    @Test
    void R1_R4_A3_ticksBeforeTheFirstAnchor_extrapolateBackwards_andAreLostAtItsInterval() {
        // First anchor tick 10 @ T, 0.5 s; brushing 4, 6 before it, then 10, 11.
        DatasetStatistics stats = new Merge(anchor(T, 10, 0.5))
                .brushing(4, 6)
                .first()
                .brushing(10, 11)
                .finish();
        // Lost 5 and 7, 8, 9: 4 ticks * 0.5 = 2.0.
        assertEquals(secs(2.0), stats.lostSeconds());
        // start = time(4) = T + (4 - 10) * 0.5 = T - 3.0; end = time(11) + 0.5 = T + 1.0.
        assertEquals(secs(T - 3.0), stats.start());
        assertEquals(secs(T + 1.0), stats.end());
        assertEquals(Tick.of(4), stats.firstTick());
        assertEquals(Tick.of(11), stats.lastTick());
    }

    @Test
    void R4_aGapBeforeTheFirstAnchorThatChangesItsInterval_usesTheFirstAnchorsInterval() {
        // First anchor tick 6 @ T, 0.25 s; brushing at 2; a second anchor at tick 6 sets 1.0 s.
        DatasetStatistics stats = new Merge(anchor(T, 6, 0.25))
                .brushing(2)
                .first()
                .settings(T, 6, 1.0)
                .brushing(7)
                .finish();
        // Lost 3, 4, 5 at the first anchor's 0.25 = 0.75, and 6 at the later anchor's 1.0: 1.75.
        assertEquals(secs(1.75), stats.lostSeconds());
        // start = time(2) = T - 4 * 0.25 = T - 1.0; end = time(7) + 1.0 = T + 1.0 + 1.0 = T + 2.0.
        assertEquals(secs(T - 1.0), stats.start());
        assertEquals(secs(T + 2.0), stats.end());
    }

    @Test
    void R2_A5_equalTickSettings_theBrushingEventUsesTheLater_butEachSettingsEndUsesItsOwnInterval() {
        // Anchor tick 10 @ T, 0.5 s; another at tick 10 @ T, 0.25 s; brushing 10 and 12.
        DatasetStatistics stats = new Merge(anchor(T, 10, 0.5))
                .first()
                .settings(T, 10, 0.25)
                .brushing(10, 12)
                .finish();
        // time(10) = T; time(12) = T + 2 * 0.25 = T + 0.5.
        // end = max(T + 0.5 (first anchor), T + 0.25 (second), T + 0.25 (b10), T + 0.75 (b12)) = T + 0.75.
        assertEquals(secs(T + 0.75), stats.end());
        // Lost 11 at 0.25.
        assertEquals(secs(0.25), stats.lostSeconds());
    }

    @Test
    void R2_theFirstOfTwoEqualTickSettings_canDefineTheEnd() {
        // Settings-only at one tick: 0.5 s then 0.25 s: end = max(T + 0.5, T + 0.25) = T + 0.5.
        DatasetStatistics stats =
                new Merge(anchor(T, 10, 0.5)).first().settings(T, 10, 0.25).finish();
        assertEquals(secs(T + 0.5), stats.end());
        // The one tick 10 is lost at the interval after both updates, 0.25.
        assertEquals(secs(0.25), stats.lostSeconds());
    }

    @Test
    void R1_R2_clockDrift_endIsTheMaximumNotTheLastEvent() {
        // Anchor tick 0 @ T, 1.0 s; brushing 0..3 at T..T+3; anchor tick 4 @ T + 1 (the clock ran fast).
        DatasetStatistics stats = new Merge(anchor(T, 0, 1.0))
                .first()
                .brushing(0, 1, 2, 3)
                .settings(T + 1, 4, 1.0)
                .brushing(4, 5)
                .finish();
        // time(3) + 1 = T + 4 beats time(5) + 1 = T + 1 + 1 + 1 = T + 3.
        assertEquals(secs(T + 4.0), stats.end());
        assertEquals(secs(T), stats.start());
        assertEquals(secs(0.0), stats.lostSeconds());
    }

    @Test
    void R1_theStart_isTheMinimumEvenWhenTheFirstEventFedIsLater() {
        // Fed directly: a settings event at tick 0 @ T + 1, then a brushing event at tick 1 whose
        // time T is smaller (such times only come from drift; the tracker must not assume order).
        LossTracker tracker = new LossTracker();
        tracker.onSettings(anchor(T + 1, 0, 0.5));
        tracker.onBrushing(1, ns(T), ns(T + 0.5), secs(0.5));
        DatasetStatistics stats = tracker.finish();
        assertEquals(secs(T), stats.start());
        // end = max(T + 1 + 0.5, T + 0.5) = T + 1.5; lost: tick 0 at 0.5.
        assertEquals(secs(T + 1.5), stats.end());
        assertEquals(secs(0.5), stats.lostSeconds());
    }

    @Test
    void R4_gapsAtTheStartAndTheEndOfTheRange_count() {
        // Anchor tick 0 @ T, 0.5 s; brushing 3, 4; anchor tick 8 @ T + 4, 2.0 s (last event).
        DatasetStatistics stats = new Merge(anchor(T, 0, 0.5))
                .first()
                .brushing(3, 4)
                .settings(T + 4, 8, 2.0)
                .finish();
        // Lost 0, 1, 2 at 0.5 = 1.5; 5, 6, 7 at 0.5 = 1.5; 8 at 2.0 = 2.0: 5.0.
        assertEquals(secs(5.0), stats.lostSeconds());
        // end = max(time(4) + 0.5 = T + 2.5, T + 4 + 2.0 = T + 6).
        assertEquals(secs(T + 6.0), stats.end());
        assertEquals(Tick.of(0), stats.firstTick());
        assertEquals(Tick.of(8), stats.lastTick());
    }

    @Test
    void R4_aGapAfterTheLastBrushingEvent_isLostAtTheIntervalsInForceThere() {
        // Anchor tick 0 @ T, 0.5 s; brushing 0; anchor tick 2 @ T + 1, 0.25 s; brushing 3;
        // anchor tick 6 @ T + 2, 1.0 s (time(6) under the tick-2 anchor is T + 1 + 4 * 0.25 = T + 2).
        DatasetStatistics stats = new Merge(anchor(T, 0, 0.5))
                .first()
                .brushing(0)
                .settings(T + 1, 2, 0.25)
                .brushing(3)
                .settings(T + 2, 6, 1.0)
                .finish();
        // Lost 1 at 0.5, 2 at 0.25, 4 and 5 at 0.25, and 6 at the final 1.0: 0.5 + 0.25 + 0.5 + 1.0 = 2.25.
        assertEquals(secs(2.25), stats.lostSeconds());
        // end = max(T + 0.5, T + 1.25, time(3) + 0.25 = T + 1.5, T + 2 + 1.0) = T + 3.
        assertEquals(secs(T + 3.0), stats.end());
    }

    @Test
    void R4_aSettingsOnlyDataset_losesEveryTickOfItsRange() {
        // Anchors tick 0 @ T, 0.5 s and tick 4 @ T + 2, 0.25 s; no brushing event.
        DatasetStatistics stats =
                new Merge(anchor(T, 0, 0.5)).first().settings(T + 2, 4, 0.25).finish();
        // Ticks 0..3 at 0.5 = 2.0, tick 4 at 0.25 = 0.25: 2.25.
        assertEquals(secs(2.25), stats.lostSeconds());
        assertEquals(secs(T), stats.start());
        // end = max(T + 0.5, T + 2 + 0.25) = T + 2.25.
        assertEquals(secs(T + 2.25), stats.end());
    }

    @Test
    void R4_aSingleAnchor_losesItsOneTick() {
        DatasetStatistics stats = new Merge(anchor(T, 7, 0.5)).first().finish();
        assertEquals(secs(0.5), stats.lostSeconds());
        assertEquals(secs(T), stats.start());
        assertEquals(secs(T + 0.5), stats.end());
    }

    @Test
    void R4_wideGaps_areAddedPerRun() {
        // Anchor tick 0 @ T, 0.5 s; brushing every 10,000 ticks up to 10,000,000: 1,000 gaps of 9,999 ticks.
        Merge merge = new Merge(anchor(T, 0, 0.5)).first();
        for (long tick = 0; tick <= 10_000_000; tick += 10_000) {
            merge.brushing(tick);
        }
        // 1,000 * 9,999 * 0.5 = 4,999,500 (every partial sum is a multiple of 0.5: exact).
        assertEquals(secs(4_999_500.0), merge.finish().lostSeconds());
    }

    @Test
    void feedingOutOfMergeOrder_isAProgrammingError() {
        LossTracker tracker = new LossTracker();
        tracker.onSettings(anchor(T, 5, 0.5));
        tracker.onBrushing(5, ns(T), ns(T + 0.5), secs(0.5));
        // A5: a settings event at tick 5 after the brushing event at tick 5.
        assertThrows(IllegalArgumentException.class, () -> tracker.onSettings(anchor(T, 5, 0.5)));
        assertThrows(IllegalArgumentException.class, () -> tracker.onBrushing(5, ns(T), ns(T + 0.5), secs(0.5)));
        assertThrows(IllegalArgumentException.class, () -> tracker.onBrushing(4, ns(T), ns(T + 0.5), secs(0.5)));
    }

    @Test
    void finishingWithoutEvents_isAProgrammingError() {
        assertThrows(IllegalStateException.class, () -> new LossTracker().finish());
    }

    @Test
    void R4_P3_lostSecondsAreSummedExactly_withoutBinaryNoise() {
        // 0.1 s ticks: 1, 2, 3 lost; 0.35 s ticks: 5..14 lost. In doubles 3 * 0.1 + 10 * 0.35 = 3.8000000000000003.
        DatasetStatistics stats = new Merge(anchor(T, 0, 0.1))
                .first()
                .brushing(0, 4)
                .settings(T + 0.5, 5, 0.35)
                .brushing(15)
                .finish();
        assertEquals(ExactSeconds.parse("3.8"), stats.lostSeconds());
        // time(15) + 0.35 = T + 0.5 + 10 * 0.35 + 0.35
        assertEquals(ExactSeconds.parse("1600000004.35"), stats.end());
    }

    @Test
    void R4_P3_lostSecondsBeyondALongOfNanoseconds_areSummedExactly() {
        // Settings events 10,000 ticks apart at 60 s, timestamps 1 s apart, no brushing: all 200,000,001 ticks
        // are lost at 60 s, 12,000,000,060 s: more nanoseconds than a long holds.
        LossTracker tracker = new LossTracker();
        for (long i = 0; i <= 20_000; i++) {
            tracker.onSettings(anchor(T + i, i * 10_000, 60));
        }
        DatasetStatistics stats = tracker.finish();
        assertEquals(ExactSeconds.of(new BigDecimal("12000000060")), stats.lostSeconds());
        assertEquals(secs(T), stats.start());
        assertEquals(secs(T + 20_060), stats.end());
    }

    @Test
    void R4_P3_intervalsFinerThanANanosecond_areSummedExactly_andRoundedOnce() {
        SettingsEvent first =
                new SettingsEvent(ExactSeconds.of(T), 0, null, ExactSeconds.parse("0.3333333333335"), List.of());
        // 3 lost ticks: 1.0000000000005 s, rounded half to even: 1.000000000 s (three roundings would give
        // 1.000000001).
        DatasetStatistics stats = new Merge(first).first().brushing(0, 4).finish();
        assertEquals(ExactSeconds.parse("1"), stats.lostSeconds());
    }
}
