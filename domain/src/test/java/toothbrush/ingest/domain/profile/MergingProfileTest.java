package toothbrush.ingest.domain.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import toothbrush.ingest.domain.alignment.AnchorClock;
import toothbrush.ingest.domain.alignment.DatasetStatistics;
import toothbrush.ingest.domain.alignment.LossTracker;
import toothbrush.ingest.domain.alignment.SettingsEvent;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.time.ExactSeconds;

/**
 * V1-V6: the merging profile, fed in merge order as the use case feeds it, against the report's own figures
 * ({@link LossTracker}) and against a naive per-tick reading of the rules that knows the final range up front.
 */
class MergingProfileTest {

    private static final ExactSeconds T = ExactSeconds.parse("1600000000");

    /** One accepted event of either stream, in merge order. */
    private sealed interface Event permits Settings, Brushing {
        long tick();
    }

    private record Settings(SettingsEvent event) implements Event {
        @Override
        public long tick() {
            return event.tick();
        }
    }

    private record Brushing(BrushingEvent event) implements Event {
        @Override
        public long tick() {
            return event.tick();
        }
    }

    private static Settings settings(String timestamp, long tick, Double battery, String interval) {
        return new Settings(new SettingsEvent(
                ExactSeconds.parse(timestamp), tick, battery, ExactSeconds.parse(interval), List.of()));
    }

    private static Brushing brushing(long tick, int tooth, double clean) {
        return new Brushing(new BrushingEvent(tick, tooth, clean, List.of()));
    }

    /** The profile and the report's statistics of {@code events}; the first settings event is the first anchor. */
    private record Fed(DatasetProfile profile, DatasetStatistics statistics, long accepted) {}

    private static Fed feed(List<Event> events) {
        SettingsEvent first = events.stream()
                .filter(e -> e instanceof Settings)
                .map(e -> ((Settings) e).event())
                .findFirst()
                .orElseThrow();
        MergingProfile profile = new MergingProfile(first);
        LossTracker tracker = new LossTracker();
        AnchorClock clock = new AnchorClock(first);
        long accepted = 0;
        for (Event event : events) {
            if (event instanceof Settings s) {
                profile.onSettings(s.event());
                tracker.onSettings(s.event());
                clock.apply(s.event());
            } else {
                BrushingEvent b = ((Brushing) event).event();
                profile.onBrushing(b.tick(), b.tooth(), b.percentClean());
                tracker.onBrushing(
                        b.tick(), clock.timeNanos(b.tick()), clock.endNanos(b.tick()), clock.intervalAt(b.tick()));
                accepted++;
            }
            assertTrue(profile.binCount() <= DatasetProfile.MAX_BINS, "V1: " + profile.binCount() + " bins");
        }
        return new Fed(profile.finish(), tracker.finish(), accepted);
    }

    @Test
    @DisplayName("V1-V5: a small dataset by hand: one-tick bins, times, losses, clean and battery per bin")
    void V1_V5_aSmallDataset_givesTheBinsWorkedOutByHand() {
        // Anchor tick 0 @ T, 0.5 s, battery 0.9; brushing 0, 1; lost 2-3; anchor tick 4 @ T + 2, 0.25 s, battery
        // unknown; brushing 5 (tooth 7) and 6 (tooth 7); tick 4 lost.
        Fed fed = feed(List.of(
                settings("1600000000", 0, 0.9, "0.5"),
                brushing(0, 3, 0.25),
                brushing(1, 3, 0.5),
                settings("1600000002", 4, 0.8, "0.25"),
                brushing(5, 7, 0.75),
                brushing(6, 7, 1.0)));
        DatasetProfile profile = fed.profile();
        assertEquals(1, profile.binTicks());
        assertEquals(7, profile.bins().size());
        DatasetProfile.Bin bin0 = profile.bins().get(0);
        assertEquals(
                new DatasetProfile.Bin(
                        0, 0, secs("1600000000"), secs("1600000000.5"), 1, 0, secs("0"), 0.25, 0.25, 0.9),
                bin0);
        DatasetProfile.Bin bin2 = profile.bins().get(2);
        assertEquals(
                new DatasetProfile.Bin(
                        2, 2, secs("1600000001"), secs("1600000001.5"), 0, 1, secs("0.5"), null, null, 0.9),
                bin2);
        // Tick 4 is the second anchor's: lost at its own interval, and its battery is in force there.
        assertEquals(
                new DatasetProfile.Bin(
                        4, 4, secs("1600000002"), secs("1600000002.25"), 0, 1, secs("0.25"), null, null, 0.8),
                profile.bins().get(4));
        assertEquals(
                new DatasetProfile.Bin(
                        6, 6, secs("1600000002.5"), secs("1600000002.75"), 1, 0, secs("0"), 1.0, 1.0, 0.8),
                profile.bins().get(6));
        assertEquals(secs("1.25"), profile.lostSeconds());
        assertEquals(fed.statistics().lostSeconds(), profile.lostSeconds());
        assertEquals(new DatasetProfile.Tooth(3, 2, 0.5), profile.teeth().get(3));
        assertEquals(new DatasetProfile.Tooth(7, 2, 1.0), profile.teeth().get(7));
        assertEquals(new DatasetProfile.Tooth(0, 0, null), profile.teeth().get(0));
        assertEquals(32, profile.teeth().size());
    }

    @Test
    @DisplayName("V1: 1,025 ticks make 513 bins of two ticks; the last bin is shorter")
    void V1_theThousandAndTwentyFifthTick_mergesPairs() {
        List<Event> events = new ArrayList<>();
        events.add(settings("1600000000", 0, null, "0.25"));
        for (long tick = 0; tick < 1_024; tick++) {
            events.add(brushing(tick, (int) (tick % 32), 0.5));
        }
        Fed full = feed(events);
        assertEquals(1, full.profile().binTicks());
        assertEquals(1_024, full.profile().bins().size());

        events.add(brushing(1_024, 0, 0.5));
        DatasetProfile merged = feed(events).profile();
        assertEquals(2, merged.binTicks());
        assertEquals(513, merged.bins().size());
        assertEquals(
                new DatasetProfile.Bin(0, 1, secs("1600000000"), secs("1600000000.5"), 2, 0, secs("0"), 0.5, 0.5, null),
                merged.bins().get(0));
        assertEquals(
                new DatasetProfile.Bin(
                        1_024, 1_024, secs("1600000256"), secs("1600000256.25"), 1, 0, secs("0"), 0.5, 0.5, null),
                merged.bins().get(512));
    }

    @Test
    @DisplayName("V1, V3, V4, V6: a 100M-tick range in 10,001 events keeps at most 1,024 bins and exact sums")
    void V1_V6_aHundredMillionTicks_keepAtMost1024BinsAndExactSums() {
        List<Event> events = new ArrayList<>();
        events.add(settings("1600000000", 0, 0.5, "0.001"));
        for (long tick = 0; tick <= 100_000_000L; tick += 10_000) {
            events.add(brushing(tick, (int) (tick / 10_000 % 32), (tick / 10_000 % 100) / 100.0));
        }
        Fed fed = feed(events);
        DatasetProfile profile = fed.profile();
        // The smallest power of two w with 100,000,000 / w < 1,024 is 2^17: 763 bins.
        assertEquals(1L << 17, profile.binTicks());
        assertEquals(763, profile.bins().size());
        assertEquals(100_000_000L, profile.lastTick());
        assertEquals(10_001, profile.accepted());
        assertEquals(100_000_001L - 10_001, profile.lostTicks());
        assertEquals(fed.statistics().lostSeconds(), profile.lostSeconds());
        assertEquals(secs("99990"), profile.lostSeconds());
    }

    @Test
    @DisplayName("V4: lost seconds beyond a long of nanoseconds and finer than a nanosecond add up exactly")
    void V4_lostSeconds_areExactBeyondALongAndBelowANanosecond() {
        // 16,000 settings 10,000 ticks apart at 60 s: 9.6e9 lost seconds, more than a long of nanoseconds holds.
        List<Event> huge = new ArrayList<>();
        for (int i = 0; i < 16_000; i++) {
            huge.add(settings("1600000000", i * 10_000L, null, "60"));
        }
        Fed fed = feed(huge);
        assertEquals(fed.statistics().lostSeconds(), fed.profile().lostSeconds());
        // 159,990,001 ticks, all lost, at 60 s.
        assertEquals(secs("9599400060"), fed.profile().lostSeconds());
        assertTrue(fed.profile().lostSeconds().compareTo(ExactSeconds.ofNanos(Long.MAX_VALUE)) > 0);

        // Intervals of a third of a nanosecond and of 13 decimals: each bin rounded at its end, the sum exact.
        // Lost: ticks 0-4999 but every third (3,333) at the first, 5000-8998 but 572 brushed (3,427) at the second.
        List<Event> fine = new ArrayList<>();
        fine.add(settings("1600000000", 0, null, "0.0000000003333"));
        for (long tick = 0; tick < 5_000; tick += 3) {
            fine.add(brushing(tick, 1, 0.5));
        }
        fine.add(settings("1600000001", 5_000, 0.4, "0.1234567890123"));
        for (long tick = 5_001; tick < 9_000; tick += 7) {
            fine.add(brushing(tick, 2, 0.5));
        }
        Fed fineFed = feed(fine);
        assertEquals(fineFed.statistics().lostSeconds(), fineFed.profile().lostSeconds());
        ExactSeconds exact = ExactSeconds.of(BigDecimal.valueOf(3_333)
                .multiply(new BigDecimal("0.0000000003333"))
                .add(BigDecimal.valueOf(3_427).multiply(new BigDecimal("0.1234567890123"))));
        assertEquals(
                ExactSeconds.ofNanos(exact.roundedNanos()), fineFed.profile().lostSeconds());
        for (DatasetProfile.Bin bin : fineFed.profile().bins()) {
            assertTrue(bin.lostSeconds().isWholeNanos(), "V4: a bin's lost seconds are whole nanoseconds");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    @DisplayName("V1-V5: random datasets: every bin as the naive per-tick reading says; sums equal the report's")
    void V1_V5_randomDatasets_agreeWithTheNaiveReading(long seed) {
        List<Event> events = randomDataset(new Random(seed));
        Fed fed = feed(events);
        DatasetProfile profile = fed.profile();
        DatasetProfile expected = naive(events);

        // V3, V4: the sums are the report's, exactly.
        assertEquals(fed.accepted(), profile.accepted());
        assertEquals(fed.statistics().lostSeconds(), profile.lostSeconds());
        assertEquals(fed.statistics().firstTick().value(), profile.firstTick());
        assertEquals(fed.statistics().lastTick().value(), profile.lastTick());

        assertEquals(expected.binTicks(), profile.binTicks());
        assertEquals(expected.bins().size(), profile.bins().size());
        for (int k = 0; k < expected.bins().size(); k++) {
            DatasetProfile.Bin e = expected.bins().get(k);
            DatasetProfile.Bin a = profile.bins().get(k);
            // The mean is a sum of doubles: the naive reading adds in tick order, the merging profile by halves.
            if (e.cleanMean() != null && a.cleanMean() != null) {
                assertEquals(e.cleanMean(), a.cleanMean(), 1e-12, "bin " + k);
                a = new DatasetProfile.Bin(
                        a.firstTick(),
                        a.lastTick(),
                        a.start(),
                        a.end(),
                        a.accepted(),
                        a.lostTicks(),
                        a.lostSeconds(),
                        e.cleanMean(),
                        a.cleanMin(),
                        a.battery());
            }
            assertEquals(
                    e,
                    a,
                    "seed " + seed + ", bin " + k + " of " + expected.bins().size());
        }
        assertEquals(expected.teeth(), profile.teeth());
    }

    @Test
    @DisplayName(
            "V1-V5: long runs of consecutive ticks (the hot path), gaps on and off bin edges, as the naive reading says")
    void V1_V5_consecutiveRuns_agreeWithTheNaiveReading() {
        List<Event> events = new ArrayList<>();
        events.add(settings("1600000000", 0, 0.9, "0.25"));
        Random random = new Random(5);
        for (long tick = 0; tick < 70_000; tick++) {
            // Gaps of one tick at and around powers of two, and a few longer ones.
            boolean gap = Long.bitCount(tick) == 1 || Long.bitCount(tick + 1) == 1 || tick % 9_973 < 40;
            if (!gap) {
                events.add(brushing(tick, (int) (tick % 32), random.nextInt(1_001) / 1_000.0));
            }
            if (tick == 33_333) {
                events.add(settings("1600008333.5", 33_334, 0.5, "0.2"));
                tick++;
                events.add(brushing(tick, 3, 0.5));
            }
        }
        Fed fed = feed(events);
        DatasetProfile expected = naive(events);
        assertEquals(128, fed.profile().binTicks());
        assertEquals(expected.bins().size(), fed.profile().bins().size());
        for (int k = 0; k < expected.bins().size(); k++) {
            DatasetProfile.Bin e = expected.bins().get(k);
            DatasetProfile.Bin a = fed.profile().bins().get(k);
            assertEquals(e.cleanMean(), a.cleanMean(), 1e-12, "bin " + k);
            assertEquals(
                    new DatasetProfile.Bin(
                            e.firstTick(),
                            e.lastTick(),
                            e.start(),
                            e.end(),
                            e.accepted(),
                            e.lostTicks(),
                            e.lostSeconds(),
                            a.cleanMean(),
                            e.cleanMin(),
                            e.battery()),
                    a,
                    "bin " + k);
        }
        assertEquals(expected.teeth(), fed.profile().teeth());
        assertEquals(fed.statistics().lostSeconds(), fed.profile().lostSeconds());
    }

    @Test
    @DisplayName("V6: the same events give the same profile; a second finish or a late event is refused")
    void V6_deterministic_andFinishedOnce() {
        List<Event> events = randomDataset(new Random(99));
        assertEquals(feed(events).profile(), feed(events).profile());

        MergingProfile profile = new MergingProfile(((Settings) events.get(0)).event());
        profile.onSettings(((Settings) events.get(0)).event());
        profile.finish();
        assertThrows(IllegalStateException.class, profile::finish);
        assertThrows(IllegalStateException.class, () -> profile.onBrushing(5, 1, 0.5));
    }

    @Test
    @DisplayName("A5, B7: events out of merge order are programming errors; no event at all is one too")
    void feedingOutOfOrder_isAProgrammingError() {
        SettingsEvent first = settings("1600000000", 10, null, "0.5").event();
        MergingProfile profile = new MergingProfile(first);
        profile.onSettings(first);
        profile.onBrushing(12, 1, 0.5);
        assertThrows(IllegalArgumentException.class, () -> profile.onBrushing(12, 1, 0.5));
        assertThrows(
                IllegalArgumentException.class,
                () -> profile.onSettings(settings("1600000001", 12, null, "1").event()));
        assertThrows(
                IllegalArgumentException.class,
                () -> profile.onSettings(settings("1600000001", 11, null, "1").event()));
        assertThrows(IllegalStateException.class, () -> new MergingProfile(first).finish());
    }

    @Test
    @DisplayName("V2, A2: ticks below the first anchor are timed by it and carry its battery")
    void V2_ticksBelowTheFirstAnchor_takeItsTimeAndBattery() {
        DatasetProfile profile = feed(List.of(
                        brushing(4, 0, 0.5), settings("1600000000", 10, 0.7, "0.5"), brushing(10, 0, 0.5)))
                .profile();
        assertEquals(7, profile.bins().size());
        assertEquals(
                new DatasetProfile.Bin(4, 4, secs("1599999997"), secs("1599999997.5"), 1, 0, secs("0"), 0.5, 0.5, 0.7),
                profile.bins().get(0));
        assertEquals(
                new DatasetProfile.Bin(
                        5, 5, secs("1599999997.5"), secs("1599999998"), 0, 1, secs("0.5"), null, null, 0.7),
                profile.bins().get(1));
        assertEquals(secs("2.5"), profile.lostSeconds());
    }

    // ------------------------------------------------------------------ random datasets and the naive reading

    private static final String[] INTERVALS = {
        "0.25", "0.2", "0.5", "1", "60", "0.001", "0.0000000003333", "0.1234567890123", "0.04"
    };

    /** Accepted events in merge order: gaps, equal-tick settings, brushing below the first anchor, long runs. */
    private static List<Event> randomDataset(Random random) {
        List<Event> events = new ArrayList<>();
        long tick = random.nextInt(50);
        long firstAnchorTick = tick + (random.nextBoolean() ? random.nextInt(300) : 0);
        for (long t = tick; t < firstAnchorTick; t += 1 + random.nextInt(5)) {
            events.add(brushing(t, random.nextInt(32), random.nextInt(1001) / 1000.0));
        }
        BigDecimal timestamp = new BigDecimal("1600000000.125");
        events.add(settings(
                timestamp.toPlainString(),
                firstAnchorTick,
                random.nextBoolean() ? 0.9 : null,
                INTERVALS[random.nextInt(INTERVALS.length)]));
        tick = firstAnchorTick;
        long length = random.nextInt(4) == 0 ? 200_000 + random.nextInt(800_000) : 1 + random.nextInt(3_000);
        long end = firstAnchorTick + length;
        long brushingTick = firstAnchorTick - 1;
        while (tick < end) {
            int what = random.nextInt(100);
            if (what < 3) {
                // A settings event, sometimes two at one tick.
                timestamp = timestamp.add(BigDecimal.valueOf(random.nextInt(100_000), 3));
                int times = random.nextInt(5) == 0 ? 2 : 1;
                for (int i = 0; i < times; i++) {
                    events.add(settings(
                            timestamp.toPlainString(),
                            tick,
                            random.nextInt(4) == 0 ? null : random.nextInt(101) / 100.0,
                            INTERVALS[random.nextInt(INTERVALS.length)]));
                }
            } else if (what < 8) {
                tick += random.nextInt(length > 10_000 ? 10_000 : 50); // a gap
                continue;
            }
            if (tick > brushingTick && random.nextInt(10) > 0) {
                events.add(brushing(tick, random.nextInt(32), random.nextInt(1001) / 1000.0));
                brushingTick = tick;
            }
            tick += 1 + (length > 10_000 ? random.nextInt(200) : 0);
        }
        if (random.nextBoolean()) {
            timestamp = timestamp.add(BigDecimal.ONE);
            events.add(settings(timestamp.toPlainString(), tick, 0.1, "0.25")); // the range ends on a settings event
        }
        return events;
    }

    /** V1-V5 read naively: the final range known, every tick walked, every sum exact until rounded. */
    private static DatasetProfile naive(List<Event> events) {
        SettingsEvent first = events.stream()
                .filter(e -> e instanceof Settings)
                .map(e -> ((Settings) e).event())
                .findFirst()
                .orElseThrow();
        TreeMap<Long, SettingsEvent> anchors = new TreeMap<>();
        Map<Long, BrushingEvent> brushed = new HashMap<>();
        long t0 = Long.MAX_VALUE;
        long t1 = Long.MIN_VALUE;
        for (Event event : events) {
            if (event instanceof Settings s) {
                anchors.put(s.tick(), s.event()); // A2: the last one at a tick wins
            } else {
                brushed.put(event.tick(), ((Brushing) event).event());
            }
            t0 = Math.min(t0, event.tick());
            t1 = Math.max(t1, event.tick());
        }
        long width = 1;
        while ((t1 - t0) / width >= DatasetProfile.MAX_BINS) {
            width *= 2;
        }
        List<DatasetProfile.Bin> bins = new ArrayList<>();
        BigDecimal lost = BigDecimal.ZERO;
        ExactSeconds lostBefore = ExactSeconds.ZERO;
        for (long binFirst = t0; binFirst <= t1; binFirst += width) {
            long binLast = Math.min(binFirst + width - 1, t1);
            long accepted = 0;
            long lostTicks = 0;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            for (long m = binFirst; m <= binLast; m++) {
                BrushingEvent event = brushed.get(m);
                if (event == null) {
                    lostTicks++;
                    lost = lost.add(anchorAt(anchors, first, m).tickInterval().toBigDecimal());
                } else {
                    accepted++;
                    sum += event.percentClean();
                    min = Math.min(min, event.percentClean());
                }
            }
            ExactSeconds lostUpTo = ExactSeconds.of(lost.setScale(9, RoundingMode.HALF_EVEN));
            SettingsEvent endAnchor = anchorAt(anchors, first, binLast);
            bins.add(new DatasetProfile.Bin(
                    binFirst,
                    binLast,
                    time(anchors, first, binFirst, 0),
                    time(anchors, first, binLast, 1),
                    accepted,
                    lostTicks,
                    lostUpTo.minus(lostBefore),
                    accepted == 0 ? null : Math.max(min, Math.min(1.0, sum / accepted)),
                    accepted == 0 ? null : min,
                    endAnchor.battery()));
            lostBefore = lostUpTo;
        }
        List<DatasetProfile.Tooth> teeth = new ArrayList<>();
        for (int tooth = 0; tooth < 32; tooth++) {
            long count = 0;
            Double last = null;
            for (Event event : events) {
                if (event instanceof Brushing b && b.event().tooth() == tooth) {
                    count++;
                    last = b.event().percentClean();
                }
            }
            teeth.add(new DatasetProfile.Tooth(tooth, count, last));
        }
        return new DatasetProfile(width, bins, teeth);
    }

    private static SettingsEvent anchorAt(TreeMap<Long, SettingsEvent> anchors, SettingsEvent first, long tick) {
        Map.Entry<Long, SettingsEvent> floor = anchors.floorEntry(tick);
        return floor == null ? first : floor.getValue();
    }

    /** A3 plus {@code plusTicks} intervals, rounded once. */
    private static ExactSeconds time(
            TreeMap<Long, SettingsEvent> anchors, SettingsEvent first, long tick, long plusTicks) {
        SettingsEvent anchor = anchorAt(anchors, first, tick);
        BigDecimal exact = anchor.timestamp()
                .toBigDecimal()
                .add(BigDecimal.valueOf(tick - anchor.tick() + plusTicks)
                        .multiply(anchor.tickInterval().toBigDecimal()));
        return ExactSeconds.of(exact.setScale(9, RoundingMode.HALF_EVEN));
    }

    private static ExactSeconds secs(String text) {
        return ExactSeconds.parse(text);
    }

    @Test
    @DisplayName("the naive reading itself: a settings-only range of 3 ticks at 0.5 s loses 1.5 s in 3 bins")
    void naiveReading_isSane() {
        DatasetProfile profile =
                naive(List.of(settings("1600000000", 0, null, "0.5"), settings("1600000001", 2, null, "0.5")));
        assertEquals(3, profile.bins().size());
        assertEquals(secs("1.5"), profile.lostSeconds());
        assertNull(profile.bins().get(0).cleanMean());
        assertEquals(T.plus(secs("0.5")), profile.bins().get(0).end());
    }
}
