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
import java.util.Objects;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.PointSink;
import toothbrush.ingest.application.port.PointWriter;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.point.PointBatch;

/**
 * Writes points to LlamaDB through a {@link LlamaDbClient}, any backend (P1, P2, P4).
 *
 * <p>Each point becomes one {@link LlamaDbClient#insert} with the tag {@code toothbrush_id} and, in
 * this order, the fields {@code tick=16i,tooth=3i,percent_clean=0.5,dataset_id="ds-1"} (brushing) or
 * {@code tick=16i,battery=0.91,tick_interval=0.25,dataset_id="ds-1"} (settings; {@code battery}
 * omitted while unknown), then the extra fields in their order: floats always as floats ({@code 2.0},
 * never {@code 2i}), strings as strings, booleans as booleans.
 *
 * <p>Dataset boundaries reach the backend through the client: {@link #open} calls
 * {@link LlamaDbClient#beginDataset}, {@link PointWriter#commit()} calls {@link LlamaDbClient#flush()}
 * and closing a writer with points not committed calls {@link LlamaDbClient#discard()}. This keeps one
 * sink for every backend, while each backend does what it can with the boundaries (DuckDB replaces the
 * dataset in one transaction; over HTTP a dataset written again overwrites identical points, since
 * InfluxDB keeps one point per series and timestamp). One writer at a time; not thread-safe. The sink
 * does not own the client: whoever connected it closes it.
 */
public final class LlamaDbPointSink implements PointSink {

    private final LlamaDbClient client;
    private final Tags tags = new Tags();
    private final Fields fields = new Fields();
    private Writer current;

    /** A sink writing through {@code client}, which the caller keeps and closes. */
    public LlamaDbPointSink(LlamaDbClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** False while the client's circuit breaker is open (the HTTP backend); the worker then takes no job. */
    @Override
    public boolean available() {
        return client.available();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException while the previous writer is still open
     * @throws LlamaDbException when the backend cannot start the dataset
     */
    @Override
    public PointWriter open(Dataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        if (current != null && !current.closed) {
            throw new IllegalStateException("the writer of dataset " + current.dataset.datasetId() + " is still open");
        }
        client.beginDataset(dataset.toothbrushId(), dataset.datasetId());
        current = new Writer(dataset);
        return current;
    }

    /** The writer of one dataset. */
    private final class Writer implements PointWriter {
        final Dataset dataset;
        boolean uncommitted = true;
        boolean closed;

        Writer(Dataset dataset) {
            this.dataset = dataset;
        }

        @Override
        public void write(PointBatch batch) {
            checkOpen();
            uncommitted = true;
            tags.clear().add(TOOTHBRUSH_ID, dataset.toothbrushId());
            for (int row = 0, n = batch.size(); row < n; row++) {
                if (batch.isBrushing(row)) {
                    writeBrushing(batch, row);
                } else {
                    writeSettings(batch, row);
                }
            }
        }

        @Override
        public void commit() {
            checkOpen();
            client.flush();
            uncommitted = false;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (uncommitted) {
                client.discard();
            }
        }

        private void writeBrushing(PointBatch batch, int row) {
            fields.clear()
                    .addLong(TICK, batch.tick(row))
                    .addLong(TOOTH, batch.tooth(row))
                    .addDouble(PERCENT_CLEAN, batch.percentClean(row))
                    .addString(DATASET_ID, dataset.datasetId());
            addExtras(batch.extras(row), BRUSHING, TOOTH, PERCENT_CLEAN);
            client.insert(BRUSHING, batch.timeNanos(row), tags, fields);
        }

        private void writeSettings(PointBatch batch, int row) {
            fields.clear().addLong(TICK, batch.tick(row));
            if (batch.batteryKnown(row)) {
                fields.addDouble(BATTERY, batch.battery(row));
            }
            fields.addDouble(TICK_INTERVAL, batch.tickInterval(row)).addString(DATASET_ID, dataset.datasetId());
            addExtras(batch.extras(row), SETTINGS, BATTERY, TICK_INTERVAL);
            client.insert(SETTINGS, batch.timeNanos(row), tags, fields);
        }

        /**
         * Adds the extra fields; an extra named like one of the point's own fields (or {@code time},
         * {@code toothbrush_id}) is a programming error upstream (B3, S8 drop them; P2).
         */
        private void addExtras(List<ExtraField> extras, String measurement, String own1, String own2) {
            for (int i = 0; i < extras.size(); i++) {
                ExtraField extra = extras.get(i);
                String name = extra.name();
                if (name.equals(TICK)
                        || name.equals(own1)
                        || name.equals(own2)
                        || name.equals(DATASET_ID)
                        || name.equals(TOOTHBRUSH_ID)
                        || name.equals(TIME)) {
                    throw new IllegalArgumentException("extra field " + name + " of a " + measurement
                            + " point of dataset " + dataset.datasetId() + " would replace a point field");
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

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("the writer of dataset " + dataset.datasetId() + " is closed");
            }
        }
    }
}
