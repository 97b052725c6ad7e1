package toothbrush.ingest.application.port;

import java.util.Objects;
import toothbrush.ingest.domain.rules.RejectReason;

/**
 * One physical line of a stream as its parser saw it (L6 line numbers are 1-based).
 *
 * @param <R> the record a valid line parses to
 */
public sealed interface ParsedLine<R> {

    /** 1-based physical line number in its stream. */
    long lineNumber();

    /** A line whose syntax and values are valid; ordering rules are applied later by the domain. */
    record Parsed<R>(long lineNumber, R record) implements ParsedLine<R> {
        public Parsed {
            Objects.requireNonNull(record, "record");
        }
    }

    /** L4: empty or whitespace only. */
    record Blank<R>(long lineNumber) implements ParsedLine<R> {}

    /** B2: the header line, or a later repetition of it. */
    record Header<R>(long lineNumber) implements ParsedLine<R> {}

    /** A line rejected by the parser (L3, L5, B1-B6, S1-S3). */
    record Rejected<R>(long lineNumber, RejectReason reason) implements ParsedLine<R> {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
