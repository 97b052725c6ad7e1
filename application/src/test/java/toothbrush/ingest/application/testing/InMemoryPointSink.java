package toothbrush.ingest.application.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.PointSink;
import toothbrush.ingest.application.port.PointSinkException;
import toothbrush.ingest.application.port.PointWriter;
import toothbrush.ingest.application.report.Retryability;
import toothbrush.ingest.domain.point.Point;
import toothbrush.ingest.domain.point.PointBatch;

/**
 * A {@link PointSink} that keeps a copy of every batch it is given, records
 * commit and close per writer, and can throw {@link PointSinkException} on opening, on the Nth write or
 * on commit. It keeps the sink contract ({@link AbstractPointSinkContractTest}, run by
 * {@code InMemoryPointSinkTest}): one writer at a time, a closed writer refuses further use, and
 * {@link #stored()} is what a database would hold: per toothbrush and dataset, the last committed version (P4).
 */
public final class InMemoryPointSink implements PointSink {

    private final List<Writer> writers = new ArrayList<>();
    private final List<Writer> commitOrder = new ArrayList<>();
    private int failOnWrite;
    private boolean writeFailureRetryable;
    private Boolean failOnOpenRetryable;
    private Boolean failOnCommitRetryable;
    private int writes;

    /** The {@code n}th call to {@code write} (1-based, over all writers) throws. */
    public InMemoryPointSink failOnWrite(int n, boolean retryable) {
        this.failOnWrite = n;
        this.writeFailureRetryable = retryable;
        return this;
    }

    /** {@code open} throws. */
    public InMemoryPointSink failOnOpen(boolean retryable) {
        this.failOnOpenRetryable = retryable;
        return this;
    }

    /** {@code commit} throws. */
    public InMemoryPointSink failOnCommit(boolean retryable) {
        this.failOnCommitRetryable = retryable;
        return this;
    }

    @Override
    public PointWriter open(Dataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        if (failOnOpenRetryable != null) {
            throw new PointSinkException(
                    "LlamaDB unreachable for dataset " + dataset.datasetId(),
                    retryability(failOnOpenRetryable),
                    new IOException("connection refused"));
        }
        if (!writers.isEmpty() && !lastWriter().closed) {
            throw new IllegalStateException(
                    "dataset " + lastWriter().dataset.datasetId() + " is still being written: one writer at a time");
        }
        Writer writer = new Writer(dataset);
        writers.add(writer);
        return writer;
    }

    /** True once a writer was opened. */
    public boolean opened() {
        return !writers.isEmpty();
    }

    /** The writers opened so far, in order. */
    public List<Writer> writers() {
        return Collections.unmodifiableList(writers);
    }

    /** The last writer opened. */
    public Writer lastWriter() {
        if (writers.isEmpty()) {
            throw new IllegalStateException("no writer was opened");
        }
        return writers.get(writers.size() - 1);
    }

    /** The points of every committed writer, in write order. */
    public List<Point> committedPoints() {
        List<Point> points = new ArrayList<>();
        for (Writer writer : writers) {
            if (writer.committed) {
                points.addAll(writer.points());
            }
        }
        return points;
    }

    private static Retryability retryability(boolean retryable) {
        return retryable ? Retryability.RETRYABLE : Retryability.PERMANENT;
    }

    /**
     * What a database would hold now: per toothbrush and dataset id, the writer committed last (P4: writing a
     * dataset again replaces it; U5: another toothbrush's dataset of the same id stays), in commit order.
     * Writers closed without commit left nothing.
     */
    public List<Writer> stored() {
        Map<List<String>, Writer> latest = new LinkedHashMap<>();
        for (Writer writer : commitOrder) {
            List<String> key = List.of(writer.dataset.toothbrushId(), writer.dataset.datasetId());
            latest.remove(key);
            latest.put(key, writer);
        }
        return List.copyOf(latest.values());
    }

    /** A writer of one dataset; records its batches, commit and close. */
    public final class Writer implements PointWriter {
        private final Dataset dataset;
        private final List<List<Point>> batches = new ArrayList<>();
        private boolean committed;
        private boolean closed;

        private Writer(Dataset dataset) {
            this.dataset = dataset;
        }

        @Override
        public void write(PointBatch batch) {
            requireOpen("write");
            if (committed) {
                throw new IllegalStateException("write after commit");
            }
            writes++;
            if (writes == failOnWrite) {
                throw new PointSinkException(
                        "LlamaDB refused batch " + writes + " of dataset " + dataset.datasetId(),
                        retryability(writeFailureRetryable),
                        new IOException("HTTP 503"));
            }
            batches.add(batch.points());
        }

        @Override
        public void commit() {
            requireOpen("commit");
            if (failOnCommitRetryable != null) {
                throw new PointSinkException(
                        "LlamaDB did not acknowledge dataset " + dataset.datasetId(),
                        retryability(failOnCommitRetryable),
                        new IOException("timeout"));
            }
            if (!committed) {
                commitOrder.add(this);
            }
            committed = true;
        }

        @Override
        public void close() {
            closed = true;
            interruptedAtClose = Thread.currentThread().isInterrupted();
        }

        /** True when the closing thread was interrupted (a real writer's file channel would be lost, U1). */
        public boolean interruptedAtClose() {
            return interruptedAtClose;
        }

        private void requireOpen(String operation) {
            if (closed) {
                throw new IllegalStateException(operation + " after close");
            }
        }

        private boolean interruptedAtClose;

        /** The dataset this writer was opened for. */
        public Dataset dataset() {
            return dataset;
        }

        /** The batches written, as values (a batch is refilled once written, so it is copied). */
        public List<List<Point>> batches() {
            return Collections.unmodifiableList(batches);
        }

        /** All points written, in order. */
        public List<Point> points() {
            List<Point> points = new ArrayList<>();
            batches.forEach(points::addAll);
            return points;
        }

        /** True once {@link #commit()} succeeded. */
        public boolean committed() {
            return committed;
        }

        /** True once {@link #close()} was called. */
        public boolean closed() {
            return closed;
        }
    }
}
