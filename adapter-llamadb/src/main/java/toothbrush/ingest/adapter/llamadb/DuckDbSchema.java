package toothbrush.ingest.adapter.llamadb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the DuckDB schema, and migrates a file written before issue 12 to it on open.
 *
 * <p>Schema: {@code datasets(id INTEGER, toothbrush_id VARCHAR, dataset_id VARCHAR)} names each
 * dataset once; the points reference it by its integer key in {@code brushing_points(dataset, time,
 * tick, tooth, percent_clean, extra)} and {@code settings_points(dataset, time, tick, battery,
 * tick_interval, extra)}; the views {@code brushing} and {@code settings} join them back into the
 * columns the tables had before ({@code time, toothbrush_id, dataset_id, ..., extra}), so every query
 * of the README works unchanged. Two strings per row cost DuckDB more than half of its storage work;
 * an integer key per row stores about twice as fast.
 *
 * <p>A file of the previous schema (tables {@code brushing} and {@code settings} holding the ids as
 * strings per row) is migrated in one transaction: datasets numbered, points copied, old tables
 * dropped, views created; a crash midway leaves the old file as it was.
 */
final class DuckDbSchema {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbSchema.class);

    private DuckDbSchema() {}

    /**
     * Creates what is missing, migrating the previous schema first (one transaction, one log line).
     * Leaves {@code connection} in auto-commit mode.
     *
     * @throws SQLException when DuckDB refuses (the message of an unknown schema says how to migrate)
     */
    static void prepare(Connection connection, String uri) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            String brushing = tableType(statement, "brushing");
            if ("BASE TABLE".equals(brushing)) {
                long started = System.nanoTime();
                long points = migrate(statement);
                LOG.info(
                        "{}: migrated the brushing and settings tables of an earlier version ({} points) to"
                                + " datasets, brushing_points and settings_points behind views, in {} ms",
                        uri,
                        points,
                        (System.nanoTime() - started) / 1_000_000);
            } else {
                create(statement);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void create(Statement statement) throws SQLException {
        statement.execute("CREATE TABLE IF NOT EXISTS datasets (id INTEGER NOT NULL,"
                + " toothbrush_id VARCHAR NOT NULL, dataset_id VARCHAR)");
        for (DuckDbTable table : DuckDbTable.ALL) {
            statement.execute(table.createPointTableSql());
            statement.execute(table.createViewSql());
        }
    }

    /** Moves the points of the previous schema into the new one; returns how many. */
    private static long migrate(Statement statement) throws SQLException {
        for (DuckDbTable table : DuckDbTable.ALL) {
            if (!"BASE TABLE".equals(tableType(statement, table.name()))) {
                throw new SQLException("cannot migrate: table " + table.name() + " of an earlier version is missing;"
                        + " export the file with DuckDB (EXPORT DATABASE), remove it and ingest the datasets again");
            }
        }
        statement.execute("CREATE TABLE datasets AS SELECT CAST(row_number() OVER (ORDER BY toothbrush_id, dataset_id)"
                + " AS INTEGER) AS id, toothbrush_id, dataset_id FROM (SELECT toothbrush_id, dataset_id FROM brushing"
                + " UNION SELECT toothbrush_id, dataset_id FROM settings)");
        long points = 0;
        for (DuckDbTable table : DuckDbTable.ALL) {
            statement.execute(table.createPointTableSql());
            points += statement.executeUpdate("INSERT INTO " + table.pointTable() + " SELECT d.id, o.time, "
                    + prefixed("o.", table) + ", o.extra FROM " + table.name() + " o JOIN datasets d"
                    + " ON d.toothbrush_id = o.toothbrush_id AND d.dataset_id IS NOT DISTINCT FROM o.dataset_id");
            statement.execute("DROP TABLE " + table.name());
            statement.execute(table.createViewSql());
        }
        return points;
    }

    private static String prefixed(String prefix, DuckDbTable table) {
        StringBuilder list = new StringBuilder();
        for (DuckDbTable.Column column : table.columns()) {
            list.append(list.length() == 0 ? "" : ", ").append(prefix).append(column.name());
        }
        return list.toString();
    }

    /** {@code BASE TABLE}, {@code VIEW}, or null when {@code name} does not exist in the main schema. */
    private static String tableType(Statement statement, String name) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT table_type FROM information_schema.tables"
                + " WHERE table_schema = 'main' AND table_name = '" + name + "'")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
