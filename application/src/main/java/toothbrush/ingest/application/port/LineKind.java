package toothbrush.ingest.application.port;

/** What a physical line of a stream is, as its parser saw it (the kinds of {@link ParsedLine}). */
public enum LineKind {
    /** A line whose syntax and values are valid; ordering rules are applied later by the domain. */
    PARSED,
    /** L4: empty or whitespace only. */
    BLANK,
    /** B2: the header line, or a later repetition of it. */
    HEADER,
    /** A line rejected by the parser (L3, L5, B1-B6, S1-S3). */
    REJECTED
}
