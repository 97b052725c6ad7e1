package toothbrush.ingest.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toothbrush.ingest.application.testing.TestLines.brushing;
import static toothbrush.ingest.application.testing.TestLines.number;
import static toothbrush.ingest.application.testing.TestLines.settings;
import static toothbrush.ingest.application.testing.TestLines.text;
import static toothbrush.ingest.application.testing.TestLines.withDrops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.DatasetReader;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.port.ParsedLine;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.JobResult;
import toothbrush.ingest.application.report.StreamReport;
import toothbrush.ingest.application.report.StreamReport.Rejection;
import toothbrush.ingest.application.testing.InMemoryDatasetReader;
import toothbrush.ingest.application.testing.InMemoryDatasetReader.Pull;
import toothbrush.ingest.application.testing.InMemoryDatasetReader.StreamKind;
import toothbrush.ingest.application.testing.InMemoryPointSink;
import toothbrush.ingest.application.testing.TestLines;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.SettingsUpdate;
import toothbrush.ingest.domain.point.Point;
import toothbrush.ingest.domain.profile.DatasetProfile;
import toothbrush.ingest.domain.rules.RejectReason;
import toothbrush.ingest.domain.time.ExactSeconds;

class IngestServiceTest {

    /** Sums of T with multiples of 1/4 s are exact doubles, and T * 1e9 rounds to an exact integer. */
    private static final double T = 1_600_000_000.0;

    private static final Dataset DATASET = new Dataset("ds-1", "tb-42", "brushing.csv", "settings.jsonlines");

    private final InMemoryPointSink sink = new InMemoryPointSink();

    private JobResult ingest(InMemoryDatasetReader reader, IngestSettings settings) {
        return new IngestService(reader, sink, settings).ingest(DATASET);
    }

    private JobResult ingest(InMemoryDatasetReader reader) {
        return ingest(reader, IngestSettings.defaults());
    }

    @Test
    void A7_withoutAnAcceptedSettingsEvent_theDatasetIsUnsalvageable_andNothingIsOpenedOrWritten() {
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                TestLines.<BrushingEvent>lines()
                        .header()
                        .parsed(brushing(0), brushing(1))
                        .build(),
                TestLines.<SettingsUpdate>lines()
                        .blank()
                        .rejected(RejectReason.MALFORMED)
                        // valid but no tick_interval (S6), with one parser drop (S4): no_initial_state
                        .parsed(withDrops(settings(T, 0, 0.9, null, text("mode", "eco")), 1))
                        .parsed(settings(T + 1, 1, null, null))
                        .build());

        JobResult result = ingest(reader);

        JobResult.Failed failed = assertInstanceOf(JobResult.Failed.class, result);
        assertEquals(FailureReason.NO_INITIAL_STATE, failed.reason());
        assertFalse(failed.retryable());
        assertEquals(
                new IngestReport(
                        "ds-1",
                        "tb-42",
                        IngestReport.Outcome.FAILED,
                        FailureReason.NO_INITIAL_STATE,
                        "dataset ds-1: unsalvageable: no settings line carries the initial state (a tick interval), so nothing"
                                + " can be timed",
                        null,
                        null,
                        null,
                        0,
                        StreamReport.unread(),
                        // 4 lines: 1 blank, 3 rejected (malformed, 2 x no_initial_state), 1 invalid field, 4 * 10
                        // bytes.
                        new StreamReport(
                                4,
                                0,
                                3,
                                1,
                                0,
                                1,
                                ordered("malformed", 1L, "no_initial_state", 2L),
                                List.of(
                                        new Rejection(2, "malformed"),
                                        new Rejection(3, "no_initial_state"),
                                        new Rejection(4, "no_initial_state")),
                                40),
                        null),
                failed.report());
        assertFalse(reader.brushingOpened());
        assertFalse(sink.opened());
        assertTrue(reader.settingsClosed());
    }

    /**
     * The dataset behind the example report of SPEC.md ("Report format"), rebuilt so that every number
     * of it follows by hand. S = 1595896877.637.
     * <pre>
     * settings (5 lines, all accepted):      brushing (120 lines):
     *   tick 0   @ S          0.91, 1.0 s      line 1 header
     *   tick 50  @ S + 50          1.25 s      line k + 2 = tick k, k = 0..118,
     *   tick 55  @ S + 56.25       1.0 s         except line 54 (tick 52): bad_tick
     *   tick 80  @ S + 81.25  0.8
     *   tick 118 @ S + 119.25 0.7
     * </pre>
     * Each anchor's timestamp is time(tick) under the one before (50 * 1.0; + 5 * 1.25; + 25 * 1.0;
     * + 38 * 1.0). start = time(0) = S = 1595896877.637. end = time(118) + 1.0 = S + 120.25 =
     * 1595896997.887. The one lost tick, 52, is under the 1.25 s anchor: lost_seconds = 1.25.
     * points = 118 + 5 = 123.
     */
    @Test
    @DisplayName("R1-R5, P5: the example report of SPEC.md comes out of its dataset")
    void specExampleDataset_givesTheExampleReport() {
        long s = 1_595_896_877_637_000_000L;
        TestLines.Builder<BrushingEvent> brushingLines =
                TestLines.<BrushingEvent>lines().header();
        for (int tick = 0; tick <= 118; tick++) {
            if (tick == 52) {
                brushingLines.rejected(RejectReason.BAD_TICK);
            } else {
                brushingLines.parsed(brushing(tick, tick / 4, 0.5));
            }
        }
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                brushingLines.build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(
                                settings(1_595_896_877.637, 0, 0.91, 1.0),
                                settings(1_595_896_927.637, 50, null, 1.25),
                                settings(1_595_896_933.887, 55, null, 1.0),
                                settings(1_595_896_958.887, 80, 0.8, null),
                                settings(1_595_896_996.887, 118, 0.7, null))
                        .build());

        JobResult.Completed completed = assertInstanceOf(JobResult.Completed.class, ingest(reader));
        IngestReport report = completed.report();

        assertEquals(IngestReport.Outcome.COMPLETED, report.outcome());
        assertNull(report.reason());
        assertNull(report.message());
        // P3, F3: exact, no binary noise.
        assertEquals(new BigDecimal("1595896877.637"), report.start());
        assertEquals(new BigDecimal("1595896997.887"), report.end());
        assertEquals(new BigDecimal("1.25"), report.lostSeconds());
        assertEquals(123, report.pointsWritten());
        assertEquals(
                new StreamReport(
                        120, 118, 1, 0, 1, 0, Map.of("bad_tick", 1L), List.of(new Rejection(54, "bad_tick")), 1200),
                report.brushing());
        assertEquals(new StreamReport(5, 5, 0, 0, 0, 0, Map.of(), List.of(), 50), report.settings());

        List<Point> points = sink.lastWriter().points();
        assertEquals(123, points.size());
        assertTrue(sink.lastWriter().committed());
        assertTrue(sink.lastWriter().closed());
        // A5: the settings point at tick 0 precedes the brushing point at tick 0, both at S.
        assertEquals(new Point.Settings(s, 0, 0.91, 1.0, List.of()), points.get(0));
        assertEquals(new Point.Brushing(s, brushing(0, 0, 0.5)), points.get(1));
        // S10: the tick-50 update carries the battery still in force, 0.91; tick 80 keeps 1.0 s.
        assertTrue(points.contains(new Point.Settings(1_595_896_927_637_000_000L, 50, 0.91, 1.25, List.of())));
        assertTrue(points.contains(new Point.Settings(1_595_896_958_887_000_000L, 80, 0.8, 1.0, List.of())));
        // A3: tick 53 = S + 50 + 3 * 1.25 = 1595896931.387 s; tick 118 = S + 119.25 = 1595896996.887 s.
        assertEquals(1_595_896_931_387_000_000L, brushingPointAt(points, 53).timeNanos());
        assertEquals(1_595_896_996_887_000_000L, brushingPointAt(points, 118).timeNanos());
        // A5 at tick 118: the settings point comes first.
        assertInstanceOf(Point.Settings.class, points.get(121));
        assertInstanceOf(Point.Brushing.class, points.get(122));

        // V1-V5: ticks 0-118 in 119 one-tick bins; V3, V4: the sums are the report's, exactly.
        DatasetProfile profile = report.profile();
        assertEquals(1, profile.binTicks());
        assertEquals(119, profile.bins().size());
        assertEquals(report.brushing().accepted(), profile.accepted());
        assertEquals(report.lostSeconds(), profile.lostSeconds().toBigDecimal());
        // The lost tick 52 under the 1.25 s anchor: time(52) = S + 50 + 2 * 1.25.
        assertEquals(
                new DatasetProfile.Bin(
                        52,
                        52,
                        ExactSeconds.parse("1595896930.137"),
                        ExactSeconds.parse("1595896931.387"),
                        0,
                        1,
                        ExactSeconds.parse("1.25"),
                        null,
                        null,
                        0.91),
                profile.bins().get(52));
        // S10 in the bins: the battery of anchor(tick); 0.8 from tick 80, 0.7 at tick 118.
        assertEquals(0.91, profile.bins().get(79).battery());
        assertEquals(0.8, profile.bins().get(80).battery());
        assertEquals(0.7, profile.bins().get(118).battery());
        assertEquals(
                new DatasetProfile.Bin(
                        118,
                        118,
                        ExactSeconds.parse("1595896996.887"),
                        ExactSeconds.parse("1595896997.887"),
                        1,
                        0,
                        ExactSeconds.ZERO,
                        0.5,
                        0.5,
                        0.7),
                profile.bins().get(118));
        // V5: tooth k brushed at ticks 4k..4k+3; tooth 13 lost tick 52; tooth 29 has ticks 116-118.
        assertEquals(new DatasetProfile.Tooth(0, 4, 0.5), profile.teeth().get(0));
        assertEquals(new DatasetProfile.Tooth(13, 3, 0.5), profile.teeth().get(13));
        assertEquals(new DatasetProfile.Tooth(29, 3, 0.5), profile.teeth().get(29));
        assertEquals(new DatasetProfile.Tooth(30, 0, null), profile.teeth().get(30));
    }

    @Test
    @DisplayName("V1, V3, V4, R6: a profile is built from the accepted events only, and a failed report has none")
    void V1_theProfile_countsAcceptedEventsOnly() {
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                TestLines.<BrushingEvent>lines()
                        .parsed(brushing(0, 1, 0.25), brushing(0, 1, 0.75), brushing(3, 2, 1.0))
                        .rejected(RejectReason.BAD_PERCENT)
                        .build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(settings(T, 0, 0.4, 0.5))
                        .build());

        IngestReport report =
                assertInstanceOf(JobResult.Completed.class, ingest(reader)).report();

        // The duplicate at tick 0 (B7) is not accepted: 2 events, ticks 1-2 lost at 0.5 s.
        DatasetProfile profile = report.profile();
        assertEquals(2, profile.accepted());
        assertEquals(2, profile.lostTicks());
        assertEquals(new BigDecimal("1"), report.lostSeconds());
        assertEquals(report.lostSeconds(), profile.lostSeconds().toBigDecimal());
        assertEquals(0.25, profile.bins().get(0).cleanMean());
        assertEquals(new DatasetProfile.Tooth(1, 1, 0.25), profile.teeth().get(1));

        IngestReport failed = assertInstanceOf(
                        JobResult.Failed.class,
                        ingest(new InMemoryDatasetReader(
                                TestLines.<BrushingEvent>lines()
                                        .parsed(brushing(0))
                                        .build(),
                                TestLines.<SettingsUpdate>lines()
                                        .parsed(settings(T, 0, null, null))
                                        .build())))
                .report();
        assertNull(failed.profile());
    }

    @Test
    @DisplayName(
            "A2-A5, R1-R4: ticks before the first anchor extrapolate backwards; a settings event after the last brushing one is drained")
    void ticksBeforeTheFirstAnchor_extrapolateBackwards_andLateSettingsAreDrained() {
        // First anchor tick 4 @ T, 0.5 s; brushing 0, 2, 4, 6, 9; anchor tick 12 @ T + 4, 0.25 s, battery 0.5.
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                TestLines.<BrushingEvent>lines()
                        .parsed(brushing(0), brushing(2), brushing(4), brushing(6), brushing(9))
                        .build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(settings(T, 4, null, 0.5), settings(T + 4, 12, 0.5, 0.25))
                        .build());

        IngestReport report =
                assertInstanceOf(JobResult.Completed.class, ingest(reader)).report();

        // time(0) = T - 4 * 0.5 = T - 2; time(2) = T - 1; time(6) = T + 1; time(9) = T + 2.5.
        assertEquals(
                List.of(
                        new Point.Brushing(1_599_999_998_000_000_000L, brushing(0)),
                        new Point.Brushing(1_599_999_999_000_000_000L, brushing(2)),
                        new Point.Settings(1_600_000_000_000_000_000L, 4, null, 0.5, List.of()),
                        new Point.Brushing(1_600_000_000_000_000_000L, brushing(4)),
                        new Point.Brushing(1_600_000_001_000_000_000L, brushing(6)),
                        new Point.Brushing(1_600_000_002_500_000_000L, brushing(9)),
                        new Point.Settings(1_600_000_004_000_000_000L, 12, 0.5, 0.25, List.of())),
                sink.lastWriter().points());
        assertEquals(new BigDecimal("1599999998"), report.start());
        // end = max(time(9) + 0.5 = T + 3, T + 4 + 0.25) = T + 4.25.
        assertEquals(new BigDecimal("1600000004.25"), report.end());
        // Lost 1, 3, 5, 7, 8, 10, 11 at 0.5 = 3.5, and 12 at 0.25: 3.75.
        assertEquals(new BigDecimal("3.75"), report.lostSeconds());
        assertEquals(7, report.pointsWritten());
    }

    @Test
    @DisplayName("B3, B9, S8, S9: pin drops count on rejected settings lines but not on rejected brushing lines")
    void typePinningDrops_countOnRejectedSettingsLinesOnly() {
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                TestLines.<BrushingEvent>lines()
                        .parsed(
                                brushing(0, text("note", "a")), // accepted: pins note as a string
                                brushing(0, number("note", 1.0)), // duplicate: its drop is not counted
                                brushing(1, number("note", 2.0)) // accepted: note dropped, counted
                                )
                        .build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(
                                settings(T, 0, null, 0.5, text("mode", "eco")), // pins mode
                                withDrops(
                                        settings(T - 1, 0, null, null, number("mode", 1.0)),
                                        1) // clock_regression: 1 + 1
                                )
                        .build());

        IngestReport report =
                assertInstanceOf(JobResult.Completed.class, ingest(reader)).report();

        assertEquals(
                new StreamReport(3, 2, 1, 0, 0, 1, Map.of("duplicate", 1L), List.of(new Rejection(2, "duplicate")), 30),
                report.brushing());
        assertEquals(
                new StreamReport(
                        2,
                        1,
                        1,
                        0,
                        0,
                        2,
                        Map.of("clock_regression", 1L),
                        List.of(new Rejection(2, "clock_regression")),
                        20),
                report.settings());
        assertEquals(
                List.of(
                        new Point.Settings(1_600_000_000_000_000_000L, 0, null, 0.5, List.of(text("mode", "eco"))),
                        new Point.Brushing(1_600_000_000_000_000_000L, brushing(0, text("note", "a"))),
                        new Point.Brushing(1_600_000_000_500_000_000L, brushing(1))),
                sink.lastWriter().points());
    }

    @Test
    @DisplayName("R5: rejections are counted by reason in first-seen order; only the first few are listed")
    void rejections_areCountedByReasonAndSampled() {
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                TestLines.<BrushingEvent>lines()
                        .header()
                        .rejected(RejectReason.BAD_TOOTH)
                        .parsed(brushing(5))
                        .blank()
                        .parsed(brushing(3)) // out_of_order
                        .rejected(RejectReason.BAD_TOOTH)
                        .parsed(brushing(20_000)) // implausible_tick: 5 + 10,001 < 20,000
                        .header()
                        .build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(settings(T, 5, null, 0.25))
                        .build());

        IngestReport report = assertInstanceOf(
                        JobResult.Completed.class,
                        ingest(reader, IngestSettings.defaults().withMaxRejectionSamples(2)))
                .report();

        assertEquals(
                new StreamReport(
                        8,
                        1,
                        4,
                        1,
                        2,
                        0,
                        ordered("bad_tooth", 2L, "out_of_order", 1L, "implausible_tick", 1L),
                        List.of(new Rejection(2, "bad_tooth"), new Rejection(5, "out_of_order")),
                        80),
                report.brushing());
        assertEquals(
                List.of("bad_tooth", "out_of_order", "implausible_tick"),
                List.copyOf(report.brushing().rejectedByReason().keySet()));
    }

    @Test
    void batchSize4And8Points_twoFullBatchesAreWritten_eachANewList() {
        InMemoryDatasetReader reader = sevenBrushingEventsAfterOneAnchor();

        ingest(reader, IngestSettings.defaults().withBatchSize(4));

        List<List<Point>> batches = sink.lastWriter().batches();
        assertEquals(List.of(4, 4), batches.stream().map(List::size).toList());
        assertNotSame(batches.get(0), batches.get(1));
        assertTrue(sink.lastWriter().committed());
    }

    @Test
    void batchSize3And8Points_theLastBatchHoldsTheRest() {
        InMemoryDatasetReader reader = sevenBrushingEventsAfterOneAnchor();

        JobResult result = ingest(reader, IngestSettings.defaults().withBatchSize(3));

        assertEquals(
                List.of(3, 3, 2),
                sink.lastWriter().batches().stream().map(List::size).toList());
        assertEquals(8, result.report().pointsWritten());
    }

    @Test
    void aReadFailureMidStream_theJobFailsRetryably_andTheWriterIsClosedWithoutCommit() {
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                        TestLines.<BrushingEvent>lines()
                                .parsed(brushing(0), brushing(1), brushing(2), brushing(3), brushing(4))
                                .build(),
                        TestLines.<SettingsUpdate>lines()
                                .parsed(settings(T, 0, null, 0.5))
                                .build())
                .failBrushingAtLine(5, true);

        JobResult result = ingest(reader, IngestSettings.defaults().withBatchSize(2));

        JobResult.Failed failed = assertInstanceOf(JobResult.Failed.class, result);
        assertTrue(failed.retryable());
        String message = "dataset ds-1, stream brushing: read failed at line 5 (byte offset 40)";
        assertEquals(FailureReason.SOURCE_UNAVAILABLE, failed.reason());
        assertEquals(message, failed.message());
        // Merge: s0 b0 | b1 b2 | b3 -> two batches (4 points) handed on before line 5 failed; F3: none committed.
        assertEquals(
                4, sink.lastWriter().batches().stream().mapToInt(List::size).sum());
        assertEquals(
                new IngestReport(
                        "ds-1",
                        "tb-42",
                        IngestReport.Outcome.FAILED,
                        FailureReason.SOURCE_UNAVAILABLE,
                        message,
                        null,
                        null,
                        null,
                        0,
                        new StreamReport(4, 4, 0, 0, 0, 0, Map.of(), List.of(), 40),
                        new StreamReport(1, 1, 0, 0, 0, 0, Map.of(), List.of(), 10),
                        null),
                failed.report());
        assertTrue(sink.lastWriter().closed());
        assertFalse(sink.lastWriter().committed());
        assertTrue(reader.brushingClosed());
        assertTrue(reader.settingsClosed());
    }

    @Test
    void theSecondWriteIsRefused_theJobFailsPermanently_andNothingIsCommitted() {
        InMemoryDatasetReader reader = sevenBrushingEventsAfterOneAnchor();
        sink.failOnWrite(2, false);

        JobResult.Failed failed = assertInstanceOf(
                JobResult.Failed.class, ingest(reader, IngestSettings.defaults().withBatchSize(3)));

        assertFalse(failed.retryable());
        assertEquals(FailureReason.DATABASE_REJECTED, failed.reason());
        assertEquals(FailureReason.DATABASE_REJECTED, failed.report().reason());
        assertEquals("LlamaDB refused batch 2 of dataset ds-1", failed.message());
        // F3: nothing was committed, so no point counts as written.
        assertEquals(0, failed.report().pointsWritten());
        assertNull(failed.report().start());
        assertTrue(sink.lastWriter().closed());
        assertFalse(sink.lastWriter().committed());
        assertTrue(reader.brushingClosed());
        assertTrue(reader.settingsClosed());
    }

    @Test
    void commitFails_theJobFails_andTheWriterIsClosed() {
        InMemoryDatasetReader reader = sevenBrushingEventsAfterOneAnchor();
        sink.failOnCommit(true);

        JobResult.Failed failed = assertInstanceOf(JobResult.Failed.class, ingest(reader));

        assertTrue(failed.retryable());
        assertEquals(FailureReason.DATABASE_UNAVAILABLE, failed.reason());
        assertEquals("LlamaDB did not acknowledge dataset ds-1", failed.message());
        assertEquals(0, failed.report().pointsWritten());
        assertTrue(sink.lastWriter().closed());
        assertFalse(sink.lastWriter().committed());
    }

    @Test
    void theDatabaseIsDown_theJobFailsRetryably_beforeTheBrushingStreamIsOpened() {
        InMemoryDatasetReader reader = sevenBrushingEventsAfterOneAnchor();
        sink.failOnOpen(true);

        JobResult.Failed failed = assertInstanceOf(JobResult.Failed.class, ingest(reader));

        assertTrue(failed.retryable());
        assertEquals(FailureReason.DATABASE_UNAVAILABLE, failed.reason());
        assertEquals("LlamaDB unreachable for dataset ds-1", failed.message());
        assertFalse(reader.brushingOpened());
        assertTrue(reader.settingsClosed());
        // The first anchor was read and counted.
        assertEquals(
                new StreamReport(1, 1, 0, 0, 0, 0, Map.of(), List.of(), 10),
                failed.report().settings());
        assertEquals(StreamReport.unread(), failed.report().brushing());
    }

    @Test
    void theBrushingStreamCannotBeOpened_theJobFailsAsTheReaderSays_andTheWriterIsClosed() {
        InMemoryDatasetReader reader = sevenBrushingEventsAfterOneAnchor().failOpeningBrushing(false);

        JobResult.Failed failed = assertInstanceOf(JobResult.Failed.class, ingest(reader));

        assertFalse(failed.retryable());
        assertEquals(FailureReason.SOURCE_NOT_FOUND, failed.reason());
        assertEquals("dataset ds-1, stream brushing: cannot open brushing.csv", failed.message());
        assertTrue(sink.lastWriter().closed());
        assertFalse(sink.lastWriter().committed());
        assertTrue(reader.settingsClosed());
    }

    @Test
    void theSettingsStreamFailsBeforeTheFirstAnchor_nothingIsOpenedOrWritten() {
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                        TestLines.<BrushingEvent>lines().parsed(brushing(0)).build(),
                        TestLines.<SettingsUpdate>lines()
                                .blank()
                                .parsed(settings(T, 0, null, 0.5))
                                .build())
                .failSettingsAtLine(2, true);

        JobResult.Failed failed = assertInstanceOf(JobResult.Failed.class, ingest(reader));

        assertTrue(failed.retryable());
        assertEquals(
                new StreamReport(1, 0, 0, 1, 0, 0, Map.of(), List.of(), 10),
                failed.report().settings());
        assertFalse(sink.opened());
        assertFalse(reader.brushingOpened());
        assertTrue(reader.settingsClosed());
    }

    @Test
    void aPortThrowsAnyOtherException_itPropagates_andEverythingIsClosedWithoutCommit() {
        InMemoryDatasetReader inner = sevenBrushingEventsAfterOneAnchor();
        boolean[] brushingClosed = {false};
        DatasetReader reader = new DatasetReader() {
            @Override
            public LineStream<BrushingEvent> openBrushing(Dataset dataset) {
                return new LineStream<>() {
                    @Override
                    public ParsedLine<BrushingEvent> next() {
                        throw new UncheckedIOException(new IOException("a bug in an adapter"));
                    }

                    @Override
                    public long bytesRead() {
                        return 0;
                    }

                    @Override
                    public long totalBytes() {
                        return -1;
                    }

                    @Override
                    public void close() {
                        brushingClosed[0] = true;
                    }
                };
            }

            @Override
            public LineStream<SettingsUpdate> openSettings(Dataset dataset) {
                return inner.openSettings(dataset);
            }
        };
        IngestService service = new IngestService(reader, sink, IngestSettings.defaults());

        assertThrows(UncheckedIOException.class, () -> service.ingest(DATASET));

        assertTrue(brushingClosed[0]);
        assertTrue(inner.settingsClosed());
        assertTrue(sink.lastWriter().closed());
        assertFalse(sink.lastWriter().committed());
    }

    /**
     * A6: anchors at ticks 0, 3, 3, 7, 20 and brushing at 0..9, 12, 25. The merge may pull the next
     * accepted settings event only once the one before it has been emitted, i.e. once a brushing event
     * at or after its tick has been pulled (or the brushing stream has ended); and the next brushing
     * event only once a settings event after the previous brushing tick has been pulled (or the settings
     * stream has ended).
     */
    @Test
    @DisplayName("A5, A6: at most one accepted settings event is read ahead, and points come in merge order")
    void A6_settingsEvents_areReadAtMostOneAhead() {
        long[] settingsTicks = {0, 3, 3, 7, 20};
        long[] brushingTicks = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 25};
        TestLines.Builder<SettingsUpdate> settingsLines = TestLines.lines();
        for (int i = 0; i < settingsTicks.length; i++) {
            settingsLines.parsed(settings(T + settingsTicks[i] * 0.5, settingsTicks[i], null, 0.5));
        }
        TestLines.Builder<BrushingEvent> brushingLines = TestLines.lines();
        for (long tick : brushingTicks) {
            brushingLines.parsed(brushing(tick));
        }
        InMemoryDatasetReader reader = new InMemoryDatasetReader(brushingLines.build(), settingsLines.build());

        assertInstanceOf(JobResult.Completed.class, ingest(reader));

        long lastSettingsPulled = -1;
        long lastBrushingPulled = -1;
        boolean settingsEnded = false;
        boolean brushingEnded = false;
        boolean anySettingsPulled = false;
        boolean anyBrushingPulled = false;
        for (Pull pull : reader.pulls()) {
            if (pull.stream() == StreamKind.SETTINGS) {
                if (pull.line() == null) {
                    settingsEnded = true;
                    continue;
                }
                long tick = ((SettingsUpdate) ((ParsedLine.Parsed<?>) pull.line()).record()).tick();
                if (anySettingsPulled) {
                    assertTrue(
                            brushingEnded || (anyBrushingPulled && lastBrushingPulled >= lastSettingsPulled),
                            "settings at tick " + tick + " pulled while the one at " + lastSettingsPulled
                                    + " was still pending");
                }
                anySettingsPulled = true;
                lastSettingsPulled = tick;
            } else {
                assertTrue(anySettingsPulled, "the brushing stream is read only after the first anchor");
                if (pull.line() == null) {
                    brushingEnded = true;
                    continue;
                }
                long tick = ((BrushingEvent) ((ParsedLine.Parsed<?>) pull.line()).record()).tick();
                if (anyBrushingPulled) {
                    assertTrue(
                            settingsEnded || lastSettingsPulled > lastBrushingPulled,
                            "brushing at tick " + tick + " pulled while the one at " + lastBrushingPulled
                                    + " was still pending");
                }
                anyBrushingPulled = true;
                lastBrushingPulled = tick;
            }
        }
        assertTrue(settingsEnded && brushingEnded);
        // Merge order (A5): S0 B0 B1 B2 S3 S3 B3 B4 B5 B6 S7 B7 B8 B9 B12 S20 B25.
        List<String> order = sink.lastWriter().points().stream()
                .map(p -> p instanceof Point.Settings s
                        ? "S" + s.tick()
                        : "B" + ((Point.Brushing) p).event().tick())
                .toList();
        assertEquals(
                List.of(
                        "S0", "B0", "B1", "B2", "S3", "S3", "B3", "B4", "B5", "B6", "S7", "B7", "B8", "B9", "B12",
                        "S20", "B25"),
                order);
    }

    private static InMemoryDatasetReader sevenBrushingEventsAfterOneAnchor() {
        return new InMemoryDatasetReader(
                TestLines.<BrushingEvent>lines()
                        .parsed(
                                brushing(0),
                                brushing(1),
                                brushing(2),
                                brushing(3),
                                brushing(4),
                                brushing(5),
                                brushing(6))
                        .build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(settings(T, 0, null, 0.5))
                        .build());
    }

    private static Point.Brushing brushingPointAt(List<Point> points, long tick) {
        return points.stream()
                .filter(p -> p instanceof Point.Brushing b && b.event().tick() == tick)
                .map(Point.Brushing.class::cast)
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Long> ordered(Object... keysAndValues) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (Long) keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    @DisplayName("B10, R1-R4: tick 0 below a first anchor at 2^53 is bad_time, not a point billions of years back")
    void B10_tickZeroBelowAFirstAnchorAtTwoToThe53_isBadTime() {
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                TestLines.<BrushingEvent>lines()
                        .parsed(brushing(0), brushing(1))
                        .build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(settings(T, 1L << 53, null, 0.5))
                        .build());

        IngestReport report =
                assertInstanceOf(JobResult.Completed.class, ingest(reader)).report();

        assertEquals(
                new StreamReport(
                        2,
                        0,
                        2,
                        0,
                        0,
                        0,
                        Map.of("bad_time", 2L),
                        List.of(new Rejection(1, "bad_time"), new Rejection(2, "bad_time")),
                        20),
                report.brushing());
        assertEquals(new BigDecimal("1600000000"), report.start());
        assertEquals(new BigDecimal("1600000000.5"), report.end());
        // R3, R4: only the anchor's tick is in the range, and it is lost.
        assertEquals(new BigDecimal("0.5"), report.lostSeconds());
        assertEquals(
                List.of(new Point.Settings(1_600_000_000_000_000_000L, 1L << 53, null, 0.5, List.of())),
                sink.lastWriter().points());
    }

    @Test
    @DisplayName("B10, B7, B8: backward extrapolation into 1999 is bad_time and does not move the reference")
    void B10_backwardExtrapolationInto1999_isBadTime_andLeavesTheReference() {
        // First anchor tick 20,000,000 @ T at 60 s: tick 0 is T - 1.2e9 s (1982), tick 10,000,000 is T - 6e8 s (2001).
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                TestLines.<BrushingEvent>lines()
                        .parsed(
                                brushing(0),
                                brushing(0),
                                brushing(10_000_000),
                                brushing(10_000_001),
                                brushing(10_005_000))
                        .build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(settings(T, 20_000_000, null, 60.0))
                        .build());

        IngestReport report =
                assertInstanceOf(JobResult.Completed.class, ingest(reader)).report();

        // The second tick 0 is bad_time again, not duplicate: the first did not become the last brushing tick.
        assertEquals(Map.of("bad_time", 2L), report.brushing().rejectedByReason());
        assertEquals(3, report.brushing().accepted());
        assertEquals(new BigDecimal("1000000000"), report.start());
        assertEquals(new BigDecimal("1600000060"), report.end());
        // Lost: 10,000,002 .. 20,000,000 but 10,005,000, at 60 s.
        assertEquals(new BigDecimal("599999880"), report.lostSeconds());
        assertEquals(
                1_000_000_000_000_000_000L,
                brushingPointAt(sink.lastWriter().points(), 10_000_000).timeNanos());
    }

    @Test
    @DisplayName("B10, B7: a forward runaway past 2100 is bad_time, and a later smaller tick is out_of_order")
    void B10_forwardRunawayPast2100_isBadTime_andALaterSmallerTickIsOutOfOrder() {
        // Anchor tick 0 @ 2099-12-01 (4099852800) at 60 s: each 10,000-tick jump is 600,000 s; 2100 is
        // 2,592,000 s away, so tick 40,000 (+2,400,000 s) is the last in range and tick 50,000 is past it.
        TestLines.Builder<BrushingEvent> brushingLines = TestLines.<BrushingEvent>lines();
        for (long tick = 0; tick <= 80_000; tick += 10_000) {
            brushingLines.parsed(brushing(tick));
        }
        brushingLines.parsed(brushing(45_000), brushing(90_000));
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                brushingLines.build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(settings(4_099_852_800.0, 0, null, 60.0))
                        .build());

        IngestReport report =
                assertInstanceOf(JobResult.Completed.class, ingest(reader)).report();

        // 50,000 .. 80,000 and 90,000 are bad_time and each became the B7/B8 reference; 45,000 is out_of_order.
        assertEquals(
                Map.of("bad_time", 5L, "out_of_order", 1L), report.brushing().rejectedByReason());
        assertEquals(5, report.brushing().accepted());
        assertEquals(new BigDecimal("4099852800"), report.start());
        assertEquals(new BigDecimal("4102252860"), report.end());
        assertEquals(new BigDecimal("2399760"), report.lostSeconds());
    }

    @Test
    @DisplayName("B10, R1-R4: 20,000 brushing lines 10,000 ticks apart at 60 s never overflow: a sane report")
    void B10_twentyThousandJumpsOf10000Ticks_giveASaneReport() {
        TestLines.Builder<BrushingEvent> brushingLines = TestLines.<BrushingEvent>lines();
        for (long i = 0; i < 20_000; i++) {
            brushingLines.parsed(brushing(i * 10_000));
        }
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                brushingLines.build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(settings(T, 0, null, 60.0))
                        .build());

        IngestReport report =
                assertInstanceOf(JobResult.Completed.class, ingest(reader)).report();

        // In range while T + tick * 60 < 4102444800: tick < 41,707,466.67, i.e. the first 4,171 lines.
        assertEquals(4_171, report.brushing().accepted());
        assertEquals(Map.of("bad_time", 15_829L), report.brushing().rejectedByReason());
        assertEquals(new BigDecimal("1600000000"), report.start());
        // end = time(41,700,000) + 60 = T + 2,502,000,060
        assertEquals(new BigDecimal("4102000060"), report.end());
        // 4,170 gaps of 9,999 ticks at 60 s
        assertEquals(new BigDecimal("2501749800"), report.lostSeconds());
        for (Point point : sink.lastWriter().points()) {
            assertTrue(
                    point.timeNanos() >= 946_684_800_000_000_000L && point.timeNanos() < 4_102_444_800_000_000_000L,
                    "point at " + point.timeNanos());
        }
    }

    @Test
    @DisplayName("A3, P3, R2, R4: an interval of 0.333333333333 s is exact; times round once, half to even")
    void A3_P3_anIntervalWithTwelveDecimals_isExact() {
        TestLines.Builder<BrushingEvent> brushingLines =
                TestLines.<BrushingEvent>lines().parsed(brushing(0), brushing(3));
        for (long tick = 10_000; tick <= 1_000_000; tick += 10_000) {
            brushingLines.parsed(brushing(tick));
        }
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                brushingLines.build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(new SettingsUpdate(
                                ExactSeconds.parse("1595896877.6374981"),
                                0,
                                null,
                                ExactSeconds.parse("0.333333333333"),
                                List.of(),
                                0))
                        .build());

        IngestReport report =
                assertInstanceOf(JobResult.Completed.class, ingest(reader)).report();

        List<Point> points = sink.lastWriter().points();
        assertEquals(1_595_896_877_637_498_100L, points.get(0).timeNanos());
        // 1595896877.6374981 + 3 * 0.333333333333 = 1595896878.637498099999 -> ...878.637498100
        assertEquals(1_595_896_878_637_498_100L, brushingPointAt(points, 3).timeNanos());
        // + 1,000,000 * 0.333333333333 = + 333333.333333: 1596230210.9708311 exactly
        assertEquals(
                1_596_230_210_970_831_100L, brushingPointAt(points, 1_000_000).timeNanos());
        // R2: time(1,000,000) + 0.333333333333, rounded once
        assertEquals(new BigDecimal("1596230211.304164433"), report.end());
        // R4: 999,899 lost ticks at 0.333333333333 = 333299.666666333367 s, rounded once
        assertEquals(new BigDecimal("333299.666666333"), report.lostSeconds());
    }
}
