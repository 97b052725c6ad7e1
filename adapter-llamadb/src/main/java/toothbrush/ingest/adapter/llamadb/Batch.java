package toothbrush.ingest.adapter.llamadb;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One batch buffer of the HTTP backend: the encoded lines, the request body made of them (gzipped or not),
 * and its state while in flight. Buffers are reused from batch to batch ({@link BatchPool}), so a dataset of
 * any size allocates only while the first batches grow them.
 */
final class Batch {
    final Bytes raw;
    Bytes body;
    int points;
    int attempts;
    long number;
    String datasetId;
    volatile boolean abandoned;
    /** The sender thread working on it; guarded by the pool's lock. */
    Thread sender;

    Batch(int capacity) {
        raw = new Bytes(capacity);
    }

    void reset() {
        raw.length = 0;
        points = 0;
    }

    /** "batch 3 (5000 points)", for messages. */
    String describe() {
        return "batch " + number + " (" + points + (points == 1 ? " point)" : " points)");
    }

    /**
     * Makes {@link #body}: the lines gzipped (fastest level: line protocol compresses ~10:1 anyway), or as
     * they are.
     */
    void prepareBody(boolean gzip) throws IOException {
        if (!gzip) {
            body = raw;
            return;
        }
        if (body == null || body == raw) {
            body = new Bytes(Math.max(1024, raw.length / 4));
        }
        body.length = 0;
        try (GZIPOutputStream out = new FastGzip(body)) {
            out.write(raw.bytes, 0, raw.length);
        }
    }

    /** A {@link GZIPOutputStream} at {@link Deflater#BEST_SPEED}. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
