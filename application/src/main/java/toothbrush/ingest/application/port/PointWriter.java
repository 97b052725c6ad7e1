package toothbrush.ingest.application.port;

import java.util.List;
import toothbrush.ingest.domain.point.Point;

/** Writes the points of one dataset, in batches; see {@link PointSink#open}. */
public interface PointWriter extends AutoCloseable {

    /**
     * Writes a batch. May return before the batch is durable; may block while too much is in flight
     * (backpressure). The list is not used after the call returns.
     *
     * @throws PointSinkException when the database refuses or cannot be reached (after retries)
     */
    void write(List<Point> batch);

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
