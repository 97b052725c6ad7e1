package toothbrush.ingest.application.report;

import java.math.BigDecimal;
import java.util.Objects;
import toothbrush.ingest.domain.profile.DatasetProfile;

/**
 * R5: the report of one dataset. {@code start}, {@code end} and {@code lostSeconds} are seconds, exact and
 * rounded to the nanosecond (P3, F3), and {@code null} when the outcome is {@link Outcome#FAILED};
 * {@code reason} (the F1 code) and {@code message} (one sentence naming the dataset) are given exactly when
 * it is failed. {@code profile} (V1-V6) is given when the outcome is completed, {@code null} when it failed
 * (it may be {@code null} for a completed report read back from a version that did not write one).
 */
public record IngestReport(
        String datasetId,
        String toothbrushId,
        Outcome outcome,
        FailureReason reason,
        String message,
        BigDecimal start,
        BigDecimal end,
        BigDecimal lostSeconds,
        long pointsWritten,
        StreamReport brushing,
        StreamReport settings,
        DatasetProfile profile) {

    /** The outcome printed in the report. */
    public enum Outcome {
        COMPLETED("completed"),
        FAILED("failed");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        /** The name printed in the report. */
        public String code() {
            return code;
        }
    }

    /** A failed report with the counts reached so far and no statistics (F1). */
    public static IngestReport failed(
            String datasetId,
            String toothbrushId,
            FailureReason reason,
            String message,
            long pointsWritten,
            StreamReport brushing,
            StreamReport settings) {
        return new IngestReport(
                datasetId,
                toothbrushId,
                Outcome.FAILED,
                reason,
                message,
                null,
                null,
                null,
                pointsWritten,
                brushing,
                settings,
                null);
    }

    public IngestReport {
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(toothbrushId, "toothbrushId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(brushing, "brushing");
        Objects.requireNonNull(settings, "settings");
        if ((outcome == Outcome.FAILED) != (reason != null) || (reason != null) != (message != null)) {
            throw new IllegalArgumentException("reason and message must be given exactly when the outcome is failed");
        }
        if (outcome == Outcome.FAILED && profile != null) {
            throw new IllegalArgumentException("a failed report has no profile");
        }
    }
}
