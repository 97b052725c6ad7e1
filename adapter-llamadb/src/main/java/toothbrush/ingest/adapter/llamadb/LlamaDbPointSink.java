package toothbrush.ingest.adapter.llamadb;

import java.util.Objects;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.PointSink;
import toothbrush.ingest.application.port.PointWriter;
import toothbrush.ingest.domain.point.PointBatch;

/**
 * Writes points to LlamaDB through a {@link LlamaDbClient}, any backend (P1, P2, P4).
 *
 * <p>Each batch goes to {@link LlamaDbClient#insert(PointBatch, String, String)}: every point with the
 * tag {@code toothbrush_id} and the fields {@link PointMapping} names.
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
            client.insert(batch, dataset.toothbrushId(), dataset.datasetId());
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

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("the writer of dataset " + dataset.datasetId() + " is closed");
            }
        }
    }
}
