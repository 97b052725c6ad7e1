package toothbrush.ingest.domain.rules;

/**
 * Why a line was rejected; {@link #code()} is the name SPEC.md gives and the report prints.
 */
public enum RejectReason {
    /** L3. */
    TOO_LONG("too_long"),
    /** L5, B1, B3, S1. */
    MALFORMED("malformed"),
    /** B4, S3. */
    BAD_TICK("bad_tick"),
    /** B5. */
    BAD_TOOTH("bad_tooth"),
    /** B6. */
    BAD_PERCENT("bad_percent"),
    /** B7. */
    DUPLICATE("duplicate"),
    /** B7, S7. */
    OUT_OF_ORDER("out_of_order"),
    /** B8, S7. */
    IMPLAUSIBLE_TICK("implausible_tick"),
    /** S2. */
    BAD_TIMESTAMP("bad_timestamp"),
    /** S6; also the reason of an unsalvageable dataset (A7). */
    NO_INITIAL_STATE("no_initial_state"),
    /** S7. */
    CLOCK_REGRESSION("clock_regression"),
    /** B10. */
    BAD_TIME("bad_time");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The SPEC.md name, e.g. {@code bad_tick}. */
    public String code() {
        return code;
    }
}
