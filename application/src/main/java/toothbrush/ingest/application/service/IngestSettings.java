package toothbrush.ingest.application.service;

import java.time.Duration;
import toothbrush.ingest.application.support.Checks;

/**
 * Limits of the ingestion use case: points per batch handed to the writer and the bytes of extra
 * fields a batch may hold (U4), how many rejected lines per stream the report lists, and how long one
 * dataset may take (U1).
 *
 * @param batchSize points per {@code PointWriter.write} call, at most
 * @param maxBatchBytes estimated bytes of extra fields one batch may hold before it is handed on
 *     early (U4: 5,000 points of 64 KB lines must not fill the heap)
 * @param maxRejectionSamples rejected lines per stream listed in the report (the first ones)
 * @param jobTimeout how long one dataset may take, blocked reads included, before it fails with
 *     {@code deadline_exceeded} (U1)
 */
public record IngestSettings(int batchSize, long maxBatchBytes, int maxRejectionSamples, Duration jobTimeout) {

    /** Points per {@code PointWriter.write} call. */
    public static final int DEFAULT_BATCH_SIZE = 5_000;
    /** U4: 4 MiB of extra fields per batch. */
    public static final long DEFAULT_MAX_BATCH_BYTES = 4L << 20;
    /** Rejected lines per stream listed in the report (the first ones). */
    public static final int DEFAULT_MAX_REJECTION_SAMPLES = 10;
    /** U1: 24 hours, which a 50 GB dataset still fits over a link of 0.6 MB/s. */
    public static final Duration DEFAULT_JOB_TIMEOUT = Duration.ofHours(24);

    public IngestSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1: " + batchSize);
        }
        if (maxBatchBytes < 1) {
            throw new IllegalArgumentException("maxBatchBytes must be >= 1: " + maxBatchBytes);
        }
        if (maxRejectionSamples < 0) {
            throw new IllegalArgumentException("maxRejectionSamples must be >= 0: " + maxRejectionSamples);
        }
        Checks.requirePositive(jobTimeout, "jobTimeout");
    }

    /** The default settings. */
    public static IngestSettings defaults() {
        return new IngestSettings(
                DEFAULT_BATCH_SIZE, DEFAULT_MAX_BATCH_BYTES, DEFAULT_MAX_REJECTION_SAMPLES, DEFAULT_JOB_TIMEOUT);
    }

    /** These settings with another batch size. */
    public IngestSettings withBatchSize(int newBatchSize) {
        return new IngestSettings(newBatchSize, maxBatchBytes, maxRejectionSamples, jobTimeout);
    }

    /** These settings with another byte budget per batch. */
    public IngestSettings withMaxBatchBytes(long newMaxBatchBytes) {
        return new IngestSettings(batchSize, newMaxBatchBytes, maxRejectionSamples, jobTimeout);
    }

    /** These settings with another number of rejection samples. */
    public IngestSettings withMaxRejectionSamples(int newMaxRejectionSamples) {
        return new IngestSettings(batchSize, maxBatchBytes, newMaxRejectionSamples, jobTimeout);
    }

    /** These settings with another job timeout. */
    public IngestSettings withJobTimeout(Duration newJobTimeout) {
        return new IngestSettings(batchSize, maxBatchBytes, maxRejectionSamples, newJobTimeout);
    }
}
