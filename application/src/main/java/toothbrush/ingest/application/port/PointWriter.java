package toothbrush.ingest.application.port;

import java.util.List;
import toothbrush.ingest.domain.point.Point;
import toothbrush.ingest.domain.point.PointBatch;

/** Writes the points of one dataset, in batches; see {@link PointSink#open}. */
public interface PointWriter extends AutoCloseable {

    /**
     * Writes a batch. May return before the batch is durable; may block while too much is in flight
     * (backpressure). The batch is not used after the call returns: the caller clears and refills it.
     *
     * @throws PointSinkException when the database refuses or cannot be reached (after retries)
     */
    void write(PointBatch batch);

    /** As {@link #write(PointBatch)}, for points held as values. */
    default void write(List<Point> points) {
        write(PointBatch.of(points));
    }

    /**
     * Returns once every point written so far is durable and acknowledged; a job's report is final
     * only after this.
     *
     * @throws PointSinkException when that cannot be done (after retries)
     */
    void commit();

    /** Releases the writer; points not committed are discarded where the backend can do so. */
    @Override
    void close();
}
