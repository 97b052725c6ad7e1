package toothbrush.ingest.application.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * R5: the counts of one stream. {@code rejectedByReason} uses SPEC reason names in a stable order;
 * {@code firstRejections} holds the first few rejected lines.
 */
public record StreamReport(
        long lines,
        long accepted,
        long rejected,
        long blank,
        long header,
        long invalidFields,
        Map<String, Long> rejectedByReason,
        List<Rejection> firstRejections,
        long bytesRead) {
    public StreamReport {
        rejectedByReason = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(Objects.requireNonNull(rejectedByReason, "rejectedByReason")));
        firstRejections = List.copyOf(Objects.requireNonNull(firstRejections, "firstRejections"));
    }

    /** A stream that was never read (A7: the brushing stream of an unsalvageable dataset). */
    public static StreamReport unread() {
        return new StreamReport(0, 0, 0, 0, 0, 0, Map.of(), List.of(), 0);
    }

    /** One rejected line: its 1-based line number and the SPEC reason name. */
    public record Rejection(long line, String reason) {
        public Rejection {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
