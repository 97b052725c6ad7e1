package toothbrush.ingest.adapter.llamadb;

import java.util.Objects;
import java.util.function.Consumer;
import toothbrush.ingest.domain.point.PointBatch;

/**
 * The LlamaDB client API of the original problem ({@code connect}, {@code insert}, {@code close}),
 * typed for InfluxDB's data model and cheap per point, plus the hooks a backend needs to see dataset
 * boundaries. Obtain one with {@link LlamaDb#connect(String)}: line protocol to a file, DuckDB, or an
 * InfluxDB-compatible server over HTTP.
 *
 * <p>Life cycle per dataset: {@link #beginDataset}, any number of {@link #insert}s, then {@link #flush}
 * to make them durable, or {@link #discard} to drop them where the backend can. Inserts outside a
 * dataset are allowed too (they are made durable by the next {@code flush}). One client writes one
 * dataset at a time and is not thread-safe (except {@link #available()} and
 * {@link #onAvailabilityChange}).
 *
 * <p>Every method throws {@link LlamaDbException} (naming the backend URI and the current dataset id)
 * when the backend fails; {@link IllegalArgumentException} for a point the backend cannot represent
 * and {@link IllegalStateException} for calls out of order are programming errors.
 */
public interface LlamaDbClient extends AutoCloseable {

    /** The URI this client was connected with, e.g. {@code duckdb:llamadb.duckdb}. */
    String uri();

    /**
     * Starts the points of dataset {@code datasetId} of toothbrush {@code toothbrushId}. A backend that
     * stores points by dataset replaces the earlier points of the same dataset and toothbrush (never
     * another toothbrush's points that share the dataset id: U5) when the following inserts are flushed
     * (P4), atomically where it can (DuckDB); the line-protocol backend remembers where the dataset starts so that
     * {@link #discard} can cut it off again.
     *
     * @throws IllegalStateException if inserts or a dataset are pending (neither flushed nor discarded)
     */
    void beginDataset(String toothbrushId, String datasetId);

    /**
     * Inserts one point. Neither {@code tags} nor {@code fields} is kept after the call returns, so the
     * caller reuses them for the next point. May return before the point is durable.
     *
     * @param measurement e.g. {@code brushing}
     * @param timeNanos the point's timestamp in nanoseconds since the UNIX epoch
     */
    void insert(String measurement, long timeNanos, Tags tags, Fields fields);

    /**
     * Inserts every point of {@code batch}, of dataset {@code datasetId} of toothbrush
     * {@code toothbrushId}, as {@link PointMapping} maps it. This default makes one
     * {@link #insert(String, long, Tags, Fields)} per point; a backend may store the same more directly.
     * The batch is not kept after the call returns.
     *
     * @throws IllegalArgumentException for a point the backend cannot represent (see {@link PointMapping#load})
     */
    default void insert(PointBatch batch, String toothbrushId, String datasetId) {
        PointMapping point = new PointMapping();
        for (int row = 0, n = batch.size(); row < n; row++) {
            String measurement = point.load(batch, row, toothbrushId, datasetId);
            insert(measurement, batch.timeNanos(row), point.tags(), point.fields());
        }
    }

    /** Returns once every point inserted so far is durable and acknowledged; ends the dataset. */
    void flush();

    /**
     * Drops the points inserted since the last {@link #flush}, and the dataset's replacement of its
     * earlier points, where the backend can (DuckDB rolls back; a line-protocol file is cut back to
     * where the dataset started; standard output cannot take anything back, nor can an HTTP server
     * the batches it already acknowledged); ends the dataset.
     */
    void discard();

    /**
     * False while the database is known to be down (the HTTP backend's circuit breaker is open), so a
     * worker can stop taking jobs until it is true again; writes made meanwhile wait and retry. Always
     * true for the file and DuckDB backends. Thread-safe.
     */
    default boolean available() {
        return true;
    }

    /**
     * Registers {@code listener}, told {@code false} when {@link #available()} turns false and
     * {@code true} when it turns true again, on the thread that noticed the change. Backends that are
     * always available never call it. Thread-safe.
     */
    default void onAvailabilityChange(Consumer<Boolean> listener) {
        Objects.requireNonNull(listener, "listener");
    }

    /**
     * Registers {@code listener}, run once each time a write is retried (the HTTP backend's batch retries), e.g.
     * to count retries. Backends that never retry never call it. Thread-safe.
     */
    default void onRetry(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
    }

    /** Discards whatever was not flushed (see {@link #discard}) and releases the connection. */
    @Override
    void close();
}
