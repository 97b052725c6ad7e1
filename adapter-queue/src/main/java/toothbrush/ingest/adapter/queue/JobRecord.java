package toothbrush.ingest.adapter.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * What a queue holds about one job, for operators ({@code jobs list}, {@code jobs show}). Stream URIs are as
 * stored (the queue redacts nothing on enqueue); the caller redacts what it shows.
 *
 * @param id          the id {@link JobQueue#enqueue} returned
 * @param lastError   the F1 code of the last failure, or {@code null}
 * @param enqueuedAt  when the job was enqueued, or {@code null} for a hand-written job file without it
 * @param finishedAt  when the job reached done or failed, or {@code null}
 * @param leaseHolder the worker claim holding a running job, or {@code null}
 * @param leaseUntil  when that claim ends unless renewed, or {@code null}
 * @param reportJson  the stored report (the final one for done and failed, the last attempt's for pending), or
 *                    {@code null}
 */
public record JobRecord(
        String id,
        String datasetId,
        String toothbrushId,
        String brushingUri,
        String settingsUri,
        JobState state,
        int attempts,
        String lastError,
        Instant enqueuedAt,
        Instant finishedAt,
        String leaseHolder,
        Instant leaseUntil,
        String reportJson) {
    public JobRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(state, "state");
    }
}
