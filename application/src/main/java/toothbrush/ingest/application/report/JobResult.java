package toothbrush.ingest.application.report;

import java.util.Objects;

/** How ingesting one dataset ended; callers handle both cases with an exhaustive switch. */
public sealed interface JobResult {

    /** The report; for a failure, the counts reached before it. */
    IngestReport report();

    /** Every point was written and acknowledged; the report is final. */
    record Completed(IngestReport report) implements JobResult {
        public Completed {
            Objects.requireNonNull(report, "report");
        }
    }

    /**
     * The dataset was not ingested. {@code retryable} is false for an unsalvageable dataset (A7) or a
     * permanent error, true for outages worth another attempt.
     */
    record Failed(IngestReport report, String reason, boolean retryable) implements JobResult {
        public Failed {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
