package toothbrush.ingest.domain.point;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;

class PointBatchTest {
    private static final long T0 = 1_595_896_877_637_498_100L;

    private static List<Point> mixedPoints(int n) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long tick = 16L + i;
            if (i % 7 == 0) {
                Double battery = i % 2 == 0 ? null : 0.5 + i / 1e6;
                List<ExtraField> extras =
                        i % 3 == 0 ? List.of(new ExtraField("mode", new FieldValue.StringValue("eco"))) : List.of();
                points.add(new Point.Settings(T0 + i, tick, battery, 0.25, extras));
            } else {
                List<ExtraField> extras =
                        i % 5 == 0 ? List.of(new ExtraField("pressure", new FieldValue.FloatValue(2.0))) : List.of();
                points.add(new Point.Brushing(T0 + i, new BrushingEvent(tick, i % 32, (i % 101) / 100.0, extras)));
            }
        }
        return points;
    }

    @Test
    void P1_P2_pointsRoundTrip_inOrder_throughGrowth() {
        List<Point> points = mixedPoints(1_000);
        PointBatch batch = new PointBatch(1);
        points.forEach(batch::add);
        assertEquals(1_000, batch.size());
        assertEquals(points, batch.points());
        assertEquals(points, PointBatch.of(points).points());
    }

    @Test
    void columns_readWhatWasAdded() {
        PointBatch batch = new PointBatch(4);
        batch.addBrushing(T0, 16, 3, 0.5, List.of());
        batch.addSettings(T0 + 1, 17, null, 0.25, List.of());
        batch.addSettings(T0 + 2, 18, 0.9, 0.5, List.of());
        assertTrue(batch.isBrushing(0));
        assertEquals(T0, batch.timeNanos(0));
        assertEquals(16, batch.tick(0));
        assertEquals(3, batch.tooth(0));
        assertEquals(0.5, batch.percentClean(0));
        assertFalse(batch.isBrushing(1));
        assertFalse(batch.batteryKnown(1));
        assertThrows(IllegalStateException.class, () -> batch.battery(1));
        assertEquals(0.25, batch.tickInterval(1));
        assertTrue(batch.batteryKnown(2));
        assertEquals(0.9, batch.battery(2));
    }

    @Test
    void otherKindsColumns_areRefused() {
        PointBatch batch = new PointBatch(2);
        batch.addBrushing(T0, 16, 3, 0.5, List.of());
        batch.addSettings(T0 + 1, 17, 0.9, 0.25, List.of());
        assertThrows(IllegalStateException.class, () -> batch.tickInterval(0));
        assertThrows(IllegalStateException.class, () -> batch.batteryKnown(0));
        assertThrows(IllegalStateException.class, () -> batch.tooth(1));
        assertThrows(IllegalStateException.class, () -> batch.percentClean(1));
        assertThrows(IndexOutOfBoundsException.class, () -> batch.tick(2));
    }

    @Test
    void clear_forgetsEveryPoint_andTheBatchRefills() {
        PointBatch batch = PointBatch.of(mixedPoints(50));
        batch.clear();
        assertTrue(batch.isEmpty());
        assertThrows(IndexOutOfBoundsException.class, () -> batch.tick(0));
        List<Point> again = mixedPoints(80);
        again.forEach(batch::add);
        assertEquals(again, batch.points());
    }

    @Test
    void B4_B5_B6_valuesOutOfRange_areRefusedLikeAnEvent() {
        PointBatch batch = new PointBatch(1);
        assertThrows(IllegalArgumentException.class, () -> batch.addBrushing(T0, -1, 3, 0.5, List.of()));
        assertThrows(IllegalArgumentException.class, () -> batch.addBrushing(T0, 16, 32, 0.5, List.of()));
        assertThrows(IllegalArgumentException.class, () -> batch.addBrushing(T0, 16, 3, Double.NaN, List.of()));
        assertThrows(IllegalArgumentException.class, () -> batch.addBrushing(T0, 16, 3, 1.5, List.of()));
        assertTrue(batch.isEmpty());
    }
}
