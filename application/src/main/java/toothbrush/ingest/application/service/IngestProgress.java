package toothbrush.ingest.application.service;

import toothbrush.ingest.application.port.Dataset;

/** Hears how far a long ingest has come; called once per batch of points, so it must be cheap. */
@FunctionalInterface
public interface IngestProgress {

    /** Hears nothing. */
    IngestProgress NONE = (dataset, bytesRead, totalBytes, pointsWritten) -> {};

    /**
     * The brushing stream's bytes read so far (compressed bytes for a compressed stream), its total size
     * or -1 when unknown, and the points handed to the sink so far.
     */
    void update(Dataset dataset, long bytesRead, long totalBytes, long pointsWritten);
}
