package toothbrush.ingest.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.PointSink;
import toothbrush.ingest.application.port.PointWriter;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.point.Point;

/**
 * The contract every {@link PointSink} passes (P1-P4), the real ones and the in-memory fake the application's
 * tests use: a subclass supplies the sink under test and reads back what its store holds as
 * {@link StoredPoint}s (line-protocol file: the lines parsed; DuckDB: SQL queries; an InfluxDB server: a query;
 * {@link InMemoryPointSink}: its committed points), so one set of expectations covers every backend. Published in
 * the application test-jar for the adapters' sink tests.
 */
public abstract class AbstractPointSinkContractTest {

    /** The SPEC example timestamp, in nanoseconds. */
    protected static final long SPEC_TIME = 1_595_896_877_637_498_000L;

    protected static final Dataset DS1 = new Dataset("ds-1", "tb-42", "brushing.csv", "settings.jsonl");
    protected static final Dataset DS2 = new Dataset("ds-2", "tb-7", "b2.csv", "s2.jsonl");

    /** The sink under test, ready for a first dataset. */
    protected abstract PointSink sink();

    /** Every point the store holds now, in any order. */
    protected abstract List<StoredPoint> storedPoints();

    /** True when closing a writer without commit leaves nothing of that writer's points. */
    protected abstract boolean discardsUncommittedPoints();

    /**
     * Prepares writing a dataset a second time, as a retried job would. Default: nothing, the same
     * sink writes it again; the line-protocol file sink reconnects (one process writes one output).
     */
    protected void prepareRetry() {}

    @Test
    @DisplayName("P1: a brushing point is stored with tag toothbrush_id, fields tick, tooth, percent_clean, dataset_id")
    void P1_brushingPoint_isStoredWithItsTagAndFields() {
        write(DS1, List.of(brushing(SPEC_TIME, 16, 3, 0.5)));

        assertStored(brushingPoint(SPEC_TIME, "tb-42", "ds-1", 16, 3, 0.5).build());
    }

    @Test
    @DisplayName("P2: a settings point is stored with tick, battery, tick_interval, dataset_id at its own timestamp")
    void P2_settingsPoint_isStoredWithItsTagAndFields() {
        write(DS1, List.of(new Point.Settings(SPEC_TIME, 16, 0.91, 0.25, List.of())));

        assertStored(StoredPoint.of("settings", SPEC_TIME, "toothbrush_id", "tb-42")
                .field("tick", 16L)
                .field("battery", 0.91)
                .field("tick_interval", 0.25)
                .field("dataset_id", "ds-1")
                .build());
    }

    @Test
    @DisplayName("P2: battery is omitted while unknown")
    void P2_unknownBattery_isOmitted() {
        write(DS1, List.of(new Point.Settings(SPEC_TIME, 0, null, 0.25, List.of())));

        assertStored(StoredPoint.of("settings", SPEC_TIME, "toothbrush_id", "tb-42")
                .field("tick", 0L)
                .field("tick_interval", 0.25)
                .field("dataset_id", "ds-1")
                .build());
    }

    @Test
    @DisplayName("P3: timestamps keep nanosecond precision: the exact nanoseconds go through, no double")
    void P3_timestamps_keepNanosecondPrecision() {
        // 1595896877.6374981 exactly (through a double it would be ...498112), and an odd nanosecond.
        long rounded = 1_595_896_877_637_498_100L;
        long oddNanos = 1_595_896_877_637_498_123L;

        write(DS1, List.of(brushing(rounded, 1, 0, 0.0), brushing(oddNanos, 2, 31, 1.0)));

        assertStored(
                brushingPoint(rounded, "tb-42", "ds-1", 1, 0, 0.0).build(),
                brushingPoint(oddNanos, "tb-42", "ds-1", 2, 31, 1.0).build());
    }

    @Test
    @DisplayName("B3, S8: extra fields keep their types: floats stay floats (2.0), strings, booleans")
    void B3_S8_extraFields_keepTheirTypes() {
        Point brushing = new Point.Brushing(
                SPEC_TIME,
                new BrushingEvent(
                        16,
                        3,
                        0.5,
                        List.of(
                                new ExtraField("pressure", new FieldValue.FloatValue(2.0)),
                                new ExtraField("mode", new FieldValue.StringValue("deep")),
                                new ExtraField("tiny", new FieldValue.FloatValue(1.0E-5)))));
        Point settings = new Point.Settings(
                SPEC_TIME + 1,
                16,
                null,
                0.25,
                List.of(
                        new ExtraField("firmware", new FieldValue.FloatValue(2.0)),
                        new ExtraField("charging", new FieldValue.BooleanValue(true)),
                        new ExtraField("muted", new FieldValue.BooleanValue(false)),
                        new ExtraField("label", new FieldValue.StringValue(""))));

        write(DS1, List.of(brushing, settings));

        assertStored(
                brushingPoint(SPEC_TIME, "tb-42", "ds-1", 16, 3, 0.5)
                        .field("pressure", 2.0)
                        .field("mode", "deep")
                        .field("tiny", 1.0E-5)
                        .build(),
                StoredPoint.of("settings", SPEC_TIME + 1, "toothbrush_id", "tb-42")
                        .field("tick", 16L)
                        .field("tick_interval", 0.25)
                        .field("dataset_id", "ds-1")
                        .field("firmware", 2.0)
                        .field("charging", true)
                        .field("muted", false)
                        .field("label", "")
                        .build());
    }

    @Test
    @DisplayName("Ids, keys and strings that need escaping, and non-ASCII text, come back unchanged")
    void textNeedingEscapes_comesBackUnchanged() {
        // U6: an id may hold a backslash, but not end in one.
        Dataset dataset = new Dataset("ds \"1\", a=b\\c", "tb 42,x=\\y", "b.csv", "s.jsonl");
        String note = "say \"hi\", a=b \\ c\\";
        String unicode = "zähne ✓ 🦷 日本";
        Point point = new Point.Brushing(
                SPEC_TIME,
                new BrushingEvent(
                        16,
                        3,
                        0.5,
                        List.of(
                                new ExtraField("key with space,=", new FieldValue.StringValue(note)),
                                new ExtraField("größe", new FieldValue.StringValue(unicode)))));

        write(dataset, List.of(point));

        assertStored(brushingPoint(SPEC_TIME, "tb 42,x=\\y", "ds \"1\", a=b\\c", 16, 3, 0.5)
                .field("key with space,=", note)
                .field("größe", unicode)
                .build());
    }

    @Test
    @DisplayName("P4: writing the same dataset twice leaves one copy")
    void P4_writingTheSameDatasetTwice_leavesOneCopy() {
        List<Point> points =
                List.of(brushing(SPEC_TIME, 16, 3, 0.5), new Point.Settings(SPEC_TIME, 16, 0.91, 0.25, List.of()));
        write(DS1, points);
        prepareRetry();

        write(DS1, points);

        assertStored(
                brushingPoint(SPEC_TIME, "tb-42", "ds-1", 16, 3, 0.5).build(),
                StoredPoint.of("settings", SPEC_TIME, "toothbrush_id", "tb-42")
                        .field("tick", 16L)
                        .field("battery", 0.91)
                        .field("tick_interval", 0.25)
                        .field("dataset_id", "ds-1")
                        .build());
    }

    @Test
    @DisplayName("Two datasets written one after the other are both stored, each with its own ids")
    void twoDatasets_areBothStored() {
        write(DS1, List.of(brushing(SPEC_TIME, 16, 3, 0.5)));
        write(DS2, List.of(brushing(SPEC_TIME + 250_000_000L, 17, 4, 0.75)));

        assertStored(
                brushingPoint(SPEC_TIME, "tb-42", "ds-1", 16, 3, 0.5).build(),
                brushingPoint(SPEC_TIME + 250_000_000L, "tb-7", "ds-2", 17, 4, 0.75)
                        .build());
    }

    @Test
    @DisplayName("A dataset written in many batches, larger than any backend buffer, is stored completely")
    void manyBatches_areStoredCompletely() {
        int count = 20_000;
        List<StoredPoint> expected = new ArrayList<>();
        try (PointWriter writer = sink().open(DS1)) {
            List<Point> batch = new ArrayList<>();
            for (int tick = 0; tick < count; tick++) {
                long time = SPEC_TIME + tick * 250_000_000L;
                double percent = (tick % 100) / 100.0;
                batch.add(brushing(time, tick, tick % 32, percent));
                expected.add(brushingPoint(time, "tb-42", "ds-1", tick, tick % 32, percent)
                        .build());
                if (batch.size() == 1000) {
                    writer.write(batch);
                    batch = new ArrayList<>();
                }
            }
            writer.commit();
        }

        List<StoredPoint> stored = sorted(storedPoints());
        assertEquals(count, stored.size());
        assertEquals(expected, stored);
    }

    @Test
    @DisplayName("A writer closed without commit leaves the store usable; discarding backends keep nothing of it")
    void closeWithoutCommit_discardsWhereTheBackendCan() {
        write(DS1, List.of(brushing(SPEC_TIME, 16, 3, 0.5)));
        try (PointWriter writer = sink().open(DS2)) {
            writer.write(List.of(brushing(SPEC_TIME, 1, 1, 0.25)));
        }
        try (PointWriter writer = sink().open(DS1)) {
            writer.write(List.of(brushing(SPEC_TIME + 2, 99, 9, 0.99)));
        }
        write(new Dataset("ds-3", "tb-42", "b.csv", "s.jsonl"), List.of(brushing(SPEC_TIME + 1, 17, 4, 0.75)));

        List<StoredPoint> committed = List.of(
                brushingPoint(SPEC_TIME, "tb-42", "ds-1", 16, 3, 0.5).build(),
                brushingPoint(SPEC_TIME + 1, "tb-42", "ds-3", 17, 4, 0.75).build());
        List<StoredPoint> stored = storedPoints();
        if (discardsUncommittedPoints()) {
            assertEquals(sorted(committed), sorted(stored));
        } else {
            assertTrue(stored.containsAll(committed), () -> "committed points missing from " + stored);
        }
    }

    @Test
    @DisplayName("Only one writer at a time; a closed writer refuses further use")
    void writers_areUsedOneAtATime() {
        PointWriter first = sink().open(DS1);
        assertThrows(IllegalStateException.class, () -> sink().open(DS2));
        first.write(List.of(brushing(SPEC_TIME, 16, 3, 0.5)));
        first.commit();
        first.close();

        assertThrows(IllegalStateException.class, () -> first.write(List.of(brushing(SPEC_TIME, 17, 3, 0.5))));
        assertThrows(IllegalStateException.class, first::commit);
        assertStored(brushingPoint(SPEC_TIME, "tb-42", "ds-1", 16, 3, 0.5).build());
    }

    /** Writes one dataset in one batch and commits it. */
    protected void write(Dataset dataset, List<Point> points) {
        try (PointWriter writer = sink().open(dataset)) {
            writer.write(points);
            writer.commit();
        }
    }

    /** Asserts that the store holds exactly these points (in any order). */
    protected void assertStored(StoredPoint... expected) {
        assertEquals(sorted(List.of(expected)), sorted(storedPoints()));
    }

    protected static Point brushing(long timeNanos, long tick, int tooth, double percentClean) {
        return new Point.Brushing(timeNanos, new BrushingEvent(tick, tooth, percentClean, List.of()));
    }

    protected static StoredPoint.Builder brushingPoint(
            long timeNanos, String toothbrushId, String datasetId, long tick, int tooth, double percentClean) {
        return StoredPoint.of("brushing", timeNanos, "toothbrush_id", toothbrushId)
                .field("tick", tick)
                .field("tooth", (long) tooth)
                .field("percent_clean", percentClean)
                .field("dataset_id", datasetId);
    }

    protected static List<StoredPoint> sorted(List<StoredPoint> points) {
        List<StoredPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparing(StoredPoint::measurement)
                .thenComparing(StoredPoint::timeNanos)
                .thenComparing(point -> point.fields().toString())
                .thenComparing(point -> point.tags().toString()));
        return sorted;
    }
}
