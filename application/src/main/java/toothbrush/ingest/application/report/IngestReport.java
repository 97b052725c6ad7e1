package toothbrush.ingest.application.report;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * R5: the report of one dataset. {@code start}, {@code end} and {@code lostSeconds} are seconds, exact and
 * rounded to the nanosecond (P3, F3), and {@code null} when the outcome is {@link Outcome#FAILED}; {@code reason} is {@code null} unless failed.
 */
public record IngestReport(String datasetId, String toothbrushId, Outcome outcome, String reason,
                           BigDecimal start, BigDecimal end, BigDecimal lostSeconds, long pointsWritten,
                           StreamReport brushing, StreamReport settings) {

    /** The outcome printed in the report. */
    public enum Outcome {
        COMPLETED("completed"), FAILED("failed");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        /** The name printed in the report. */
        public String code() {
            return code;
        }
    }

    public IngestReport {
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(toothbrushId, "toothbrushId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(brushing, "brushing");
        Objects.requireNonNull(settings, "settings");
        if ((outcome == Outcome.FAILED) != (reason != null)) {
            throw new IllegalArgumentException("reason must be given exactly when the outcome is failed");
        }
    }
}
