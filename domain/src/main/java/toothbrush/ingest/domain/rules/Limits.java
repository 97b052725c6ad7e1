package toothbrush.ingest.domain.rules;

/** Named input limits of SPEC.md, in one place (jackson's StreamReadConstraints style). */
public final class Limits {
    /** L3: a line longer than this many bytes is rejected {@code too_long}. */
    public static final int MAX_LINE_BYTES = 65_536;
    /** B4, S3: the largest tick, 2^53. */
    public static final long MAX_TICK = 1L << 53;
    /** B8, S7: the largest forward jump of a tick over its reference. */
    public static final long MAX_TICK_JUMP = 10_000;
    /** B5: tooth indexes are 0..31. */
    public static final int MAX_TOOTH = 31;
    /** S2: timestamps are in [2000-01-01, 2100-01-01). */
    public static final double MIN_TIMESTAMP = 946_684_800d;
    /** S2: exclusive upper bound of timestamps. */
    public static final double MAX_TIMESTAMP_EXCLUSIVE = 4_102_444_800d;
    /** B3, S8 (U4): a stream pins at most this many extra field names; later new names are dropped. */
    public static final int MAX_EXTRA_FIELD_NAMES = 1_024;
    /** B10: the first nanosecond of S2's timestamp range (2000-01-01). */
    public static final long MIN_TIME_NANOS = 946_684_800_000_000_000L;
    /** B10: the exclusive upper bound of S2's timestamp range in nanoseconds (2100-01-01). */
    public static final long MAX_TIME_NANOS_EXCLUSIVE = 4_102_444_800_000_000_000L;
    /** S5: the largest tick interval in seconds (exclusive lower bound is 0). */
    public static final double MAX_TICK_INTERVAL = 60d;

    private Limits() {}

    /** B10: true when {@code nanos} lies in S2's range, 946684800 s <= time < 4102444800 s. */
    public static boolean isTimeInRange(long nanos) {
        return nanos >= MIN_TIME_NANOS && nanos < MAX_TIME_NANOS_EXCLUSIVE;
    }
}
