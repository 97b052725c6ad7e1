package toothbrush.ingest.adapter.llamadb;

import static toothbrush.ingest.adapter.llamadb.PointSchema.BATTERY;
import static toothbrush.ingest.adapter.llamadb.PointSchema.BRUSHING;
import static toothbrush.ingest.adapter.llamadb.PointSchema.DATASET_ID;
import static toothbrush.ingest.adapter.llamadb.PointSchema.PERCENT_CLEAN;
import static toothbrush.ingest.adapter.llamadb.PointSchema.SETTINGS;
import static toothbrush.ingest.adapter.llamadb.PointSchema.TICK;
import static toothbrush.ingest.adapter.llamadb.PointSchema.TICK_INTERVAL;
import static toothbrush.ingest.adapter.llamadb.PointSchema.TIME;
import static toothbrush.ingest.adapter.llamadb.PointSchema.TOOTH;
import static toothbrush.ingest.adapter.llamadb.PointSchema.TOOTHBRUSH_ID;

import java.util.List;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.point.PointBatch;

/**
 * A point of a {@link PointBatch} as LlamaDB's measurement, tags and fields (P1, P2): the tag
 * {@code toothbrush_id} and, in this order, the fields {@code tick=16i,tooth=3i,percent_clean=0.5,dataset_id="ds-1"}
 * (brushing) or {@code tick=16i,battery=0.91,tick_interval=0.25,dataset_id="ds-1"} (settings;
 * {@code battery} omitted while unknown), then the extra fields in their order: floats always as
 * floats ({@code 2.0}, never {@code 2i}), strings as strings, booleans as booleans.
 *
 * <p>Holds one point at a time: {@link #load} refills the same tags and fields, which
 * {@link LlamaDbClient#insert(String, long, Tags, Fields)} does not keep.
 */
final class PointMapping {
    private final Tags tags = new Tags();
    private final Fields fields = new Fields();

    /**
     * Loads the point of {@code row}; returns its measurement.
     *
     * @throws IllegalArgumentException for an extra field named like one of the point's own fields (or
     *     {@code time}, {@code toothbrush_id}): a programming error upstream (B3, S8 drop them; P2)
     */
    String load(PointBatch batch, int row, String toothbrushId, String datasetId) {
        tags.clear().add(TOOTHBRUSH_ID, toothbrushId);
        fields.clear().addLong(TICK, batch.tick(row));
        if (batch.isBrushing(row)) {
            fields.addLong(TOOTH, batch.tooth(row))
                    .addDouble(PERCENT_CLEAN, batch.percentClean(row))
                    .addString(DATASET_ID, datasetId);
            addExtras(batch.extras(row), BRUSHING, TOOTH, PERCENT_CLEAN, datasetId);
            return BRUSHING;
        }
        if (batch.batteryKnown(row)) {
            fields.addDouble(BATTERY, batch.battery(row));
        }
        fields.addDouble(TICK_INTERVAL, batch.tickInterval(row)).addString(DATASET_ID, datasetId);
        addExtras(batch.extras(row), SETTINGS, BATTERY, TICK_INTERVAL, datasetId);
        return SETTINGS;
    }

    /** The tags of the point loaded last. */
    Tags tags() {
        return tags;
    }

    /** The fields of the point loaded last. */
    Fields fields() {
        return fields;
    }

    private void addExtras(List<ExtraField> extras, String measurement, String own1, String own2, String datasetId) {
        for (int i = 0; i < extras.size(); i++) {
            ExtraField extra = extras.get(i);
            String name = extra.name();
            if (name.equals(TICK)
                    || name.equals(own1)
                    || name.equals(own2)
                    || name.equals(DATASET_ID)
                    || name.equals(TOOTHBRUSH_ID)
                    || name.equals(TIME)) {
                throw new IllegalArgumentException("extra field " + name + " of a " + measurement + " point of dataset "
                        + datasetId + " would replace a point field");
            }
            FieldValue value = extra.value();
            if (value instanceof FieldValue.FloatValue number) {
                fields.addDouble(name, number.value());
            } else if (value instanceof FieldValue.StringValue text) {
                fields.addString(name, text.value());
            } else if (value instanceof FieldValue.BooleanValue bool) {
                fields.addBoolean(name, bool.value());
            } else {
                throw new IllegalArgumentException("unknown field value type " + value);
            }
        }
    }
}
