package toothbrush.ingest.application.service;

/**
 * Limits of the ingestion use case: points per batch handed to the writer, and how many rejected lines
 * per stream the report lists.
 */
public record IngestSettings(int batchSize, int maxRejectionSamples) {

    /** Points per {@code PointWriter.write} call. */
    public static final int DEFAULT_BATCH_SIZE = 5_000;
    /** Rejected lines per stream listed in the report (the first ones). */
    public static final int DEFAULT_MAX_REJECTION_SAMPLES = 10;

    public IngestSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1: " + batchSize);
        }
        if (maxRejectionSamples < 0) {
            throw new IllegalArgumentException("maxRejectionSamples must be >= 0: " + maxRejectionSamples);
        }
    }

    /** The default settings. */
    public static IngestSettings defaults() {
        return new IngestSettings(DEFAULT_BATCH_SIZE, DEFAULT_MAX_REJECTION_SAMPLES);
    }

    /** These settings with another batch size. */
    public IngestSettings withBatchSize(int newBatchSize) {
        return new IngestSettings(newBatchSize, maxRejectionSamples);
    }

    /** These settings with another number of rejection samples. */
    public IngestSettings withMaxRejectionSamples(int newMaxRejectionSamples) {
        return new IngestSettings(batchSize, newMaxRejectionSamples);
    }
}
