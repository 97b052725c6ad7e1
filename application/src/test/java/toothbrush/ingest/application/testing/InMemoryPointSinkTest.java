package toothbrush.ingest.application.testing;

import java.util.ArrayList;
import java.util.List;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.PointSink;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.point.Point;

/**
 * The fake the application's tests write to keeps the same sink contract as the real backends: points come back
 * as given, a dataset written again replaces its earlier version, a writer closed without commit leaves nothing,
 * one writer at a time.
 */
class InMemoryPointSinkTest extends AbstractPointSinkContractTest {

    private final InMemoryPointSink sink = new InMemoryPointSink();

    @Override
    protected PointSink sink() {
        return sink;
    }

    /** The committed points, read as a database with the P1/P2 layout would return them. */
    @Override
    protected List<StoredPoint> storedPoints() {
        List<StoredPoint> points = new ArrayList<>();
        for (InMemoryPointSink.Writer writer : sink.stored()) {
            for (Point point : writer.points()) {
                points.add(stored(writer.dataset(), point));
            }
        }
        return points;
    }

    @Override
    protected boolean discardsUncommittedPoints() {
        return true;
    }

    private static StoredPoint stored(Dataset dataset, Point point) {
        if (point instanceof Point.Brushing brushing) {
            StoredPoint.Builder stored = StoredPoint.of(
                            "brushing", brushing.timeNanos(), "toothbrush_id", dataset.toothbrushId())
                    .field("tick", brushing.event().tick())
                    .field("tooth", (long) brushing.event().tooth())
                    .field("percent_clean", brushing.event().percentClean())
                    .field("dataset_id", dataset.datasetId());
            return extras(stored, brushing.event().extras()).build();
        }
        Point.Settings settings = (Point.Settings) point;
        StoredPoint.Builder stored = StoredPoint.of(
                        "settings", settings.timeNanos(), "toothbrush_id", dataset.toothbrushId())
                .field("tick", settings.tick());
        if (settings.battery() != null) {
            stored.field("battery", settings.battery());
        }
        stored.field("tick_interval", settings.tickInterval()).field("dataset_id", dataset.datasetId());
        return extras(stored, settings.extras()).build();
    }

    private static StoredPoint.Builder extras(StoredPoint.Builder point, List<ExtraField> extras) {
        for (ExtraField extra : extras) {
            FieldValue value = extra.value();
            if (value instanceof FieldValue.FloatValue f) {
                point.field(extra.name(), f.value());
            } else if (value instanceof FieldValue.StringValue s) {
                point.field(extra.name(), s.value());
            } else {
                point.field(extra.name(), ((FieldValue.BooleanValue) value).value());
            }
        }
        return point;
    }
}
