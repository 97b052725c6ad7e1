package toothbrush.ingest.adapter.llamadb;

/**
 * One measurement in the DuckDB file: the point table that stores it ({@code brushing_points}), keyed
 * by the integer dataset key, and the view that shows it as before ({@code brushing}), with
 * {@code toothbrush_id} and {@code dataset_id} joined from {@code datasets}.
 *
 * @param name the measurement and the view's name
 * @param columns the typed columns between {@code time} and {@code extra}, fields of the same name
 */
record DuckDbTable(String name, Column... columns) {

    static final DuckDbTable BRUSHING = new DuckDbTable(
            PointSchema.BRUSHING,
            new Column(PointSchema.TICK, "BIGINT", Fields.Type.INTEGER),
            new Column(PointSchema.TOOTH, "INTEGER", Fields.Type.INTEGER),
            new Column(PointSchema.PERCENT_CLEAN, "DOUBLE", Fields.Type.FLOAT));
    static final DuckDbTable SETTINGS = new DuckDbTable(
            PointSchema.SETTINGS,
            new Column(PointSchema.TICK, "BIGINT", Fields.Type.INTEGER),
            new Column(PointSchema.BATTERY, "DOUBLE", Fields.Type.FLOAT),
            new Column(PointSchema.TICK_INTERVAL, "DOUBLE", Fields.Type.FLOAT));
    static final DuckDbTable[] ALL = {BRUSHING, SETTINGS};

    /** A typed column a field of the same name goes to; {@code int32}: an {@code INTEGER} column. */
    record Column(String name, String sqlType, Fields.Type type, boolean int32) {
        Column(String name, String sqlType, Fields.Type type) {
            this(name, sqlType, type, sqlType.equals("INTEGER"));
        }
    }

    /** The table that stores the points: {@code brushing_points}. */
    String pointTable() {
        return name + "_points";
    }

    int columnIndex(String key) {
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].name.equals(key)) {
                return c;
            }
        }
        return -1;
    }

    String createPointTableSql() {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ")
                .append(pointTable())
                .append(" (dataset INTEGER NOT NULL, time TIMESTAMP_NS NOT NULL");
        for (Column column : columns) {
            sql.append(", ").append(column.name).append(' ').append(column.sqlType);
        }
        return sql.append(", extra JSON)").toString();
    }

    /** The view with the columns and order of the tables before issue 12 (README, SPEC P1, P2). */
    String createViewSql() {
        StringBuilder sql = new StringBuilder("CREATE VIEW IF NOT EXISTS ")
                .append(name)
                .append(" AS SELECT p.time, d.")
                .append(PointSchema.TOOTHBRUSH_ID)
                .append(", d.")
                .append(PointSchema.DATASET_ID);
        for (Column column : columns) {
            sql.append(", p.").append(column.name);
        }
        return sql.append(", p.extra FROM ")
                .append(pointTable())
                .append(" p JOIN datasets d ON d.id = p.dataset")
                .toString();
    }

    /** Comma-separated typed column names: {@code tick, tooth, percent_clean}. */
    String columnList() {
        StringBuilder list = new StringBuilder();
        for (Column column : columns) {
            list.append(list.length() == 0 ? "" : ", ").append(column.name);
        }
        return list.toString();
    }
}
