package toothbrush.ingest.application.report;

import java.util.Objects;

/** How ingesting one dataset ended; callers handle both cases with an exhaustive switch. */
public sealed interface JobResult {

    /** The report; for a failure, the counts reached before it, with its reason and message. */
    IngestReport report();

    /** Every point was written and acknowledged; the report is final. */
    record Completed(IngestReport report) implements JobResult {
        public Completed {
            Objects.requireNonNull(report, "report");
            if (report.outcome() != IngestReport.Outcome.COMPLETED) {
                throw new IllegalArgumentException("a completed result needs a completed report");
            }
        }
    }

    /** The dataset was not ingested; the report says why (F1). */
    record Failed(IngestReport report) implements JobResult {
        public Failed {
            Objects.requireNonNull(report, "report");
            if (report.outcome() != IngestReport.Outcome.FAILED) {
                throw new IllegalArgumentException("a failed result needs a failed report");
            }
        }

        /** F1: the failure's code. */
        public FailureReason reason() {
            return report.reason();
        }

        /** F1: the failure as one sentence naming the dataset (and stream, URI and offset where involved). */
        public String message() {
            return report.message();
        }

        /** True when another attempt later may succeed ({@link FailureReason#retryable()}). */
        public boolean retryable() {
            return report.reason().retryable();
        }
    }
}
