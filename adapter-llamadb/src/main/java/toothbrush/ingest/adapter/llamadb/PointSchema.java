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

    private PointSchema() {
    }
}
