package toothbrush.ingest.adapter.llamadb;

/**
 * The names of the points (SPEC P1, P2), in one place for every backend: the sink builds points with
 * them, DuckDB's tables have columns of the same names ({@link DuckDbTable}), and the line-protocol
 * encoder's fast path prints them ({@link LineProtocolEncoder#encodePlainBrushing}).
 */
public final class PointSchema {

    /** P1 measurement. */
    public static final String BRUSHING = "brushing";
    /** P2 measurement. */
    public static final String SETTINGS = "settings";
    /** The one tag of every point. */
    public static final String TOOTHBRUSH_ID = "toothbrush_id";
    /** The field naming the dataset a point belongs to. */
    public static final String DATASET_ID = "dataset_id";
    /** P1, P2: the device tick (integer field). */
    public static final String TICK = "tick";
    /** P1: the tooth index (integer field). */
    public static final String TOOTH = "tooth";
    /** P1: the percent clean (float field). */
    public static final String PERCENT_CLEAN = "percent_clean";
    /** P2: the battery level (float field, absent when unknown). */
    public static final String BATTERY = "battery";
    /** P2: the tick interval in seconds (float field). */
    public static final String TICK_INTERVAL = "tick_interval";
    /** The point's timestamp: a name no field may take. */
    public static final String TIME = "time";

    /**
     * True for the point the sink writes for most lines: a P1 brushing point without extra fields, its
     * fields in the sink's order ({@code tick, tooth, percent_clean, dataset_id}) and the tooth an int.
     * The line-protocol encoder takes a shortcut for it ({@link LineProtocolEncoder#encodePlainBrushing})
     * that writes what the generic path would.
     */
    static boolean isPlainBrushing(String measurement, Tags tags, Fields fields) {
        return fields.size() == 4
                && tags.size() == 1
                && measurement.equals(BRUSHING)
                && tags.key(0).equals(TOOTHBRUSH_ID)
                && fields.key(0).equals(TICK)
                && fields.type(0) == Fields.Type.INTEGER
                && fields.key(1).equals(TOOTH)
                && fields.type(1) == Fields.Type.INTEGER
                && (int) fields.longValue(1) == fields.longValue(1)
                && fields.key(2).equals(PERCENT_CLEAN)
                && fields.type(2) == Fields.Type.FLOAT
                && fields.key(3).equals(DATASET_ID)
                && fields.type(3) == Fields.Type.STRING;
    }

    private PointSchema() {}
}
