import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * DuckDB's side of bench/duckdb-vs-csv.sh, run as its own process on the shaded jar's classpath
 * (DuckDB only, no engine code).
 *
 * <pre>
 * export DB CSV          writes the brushing rows of database file DB as CSV (time_ns, toothbrush_id,
 *                        dataset_id, tick, tooth, percent_clean): the same rows, for load
 * load old|new CSV DB    creates DB and loads CSV into it with INSERT ... SELECT ... FROM read_csv(...),
 *                        2 threads, memory_limit 256MB, one transaction, as `ingest` runs DuckDB:
 *                        old = the table brushing of the schema before issue 12 (time TIMESTAMP_NS,
 *                        toothbrush_id VARCHAR, dataset_id VARCHAR, tick BIGINT, tooth INTEGER,
 *                        percent_clean DOUBLE, extra JSON); new = brushing_points of issue 12 (the
 *                        ids as one INTEGER dataset key)
 * </pre>
 */
public final class DuckDbCsvLoad {

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("export")) {
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[1]);
                 Statement statement = connection.createStatement()) {
                statement.execute("COPY (SELECT epoch_ns(time) AS time_ns, toothbrush_id, dataset_id, tick, tooth,"
                        + " percent_clean FROM brushing) TO '" + args[2].replace("'", "''") + "' (HEADER)");
            }
            return;
        }
        if (args.length != 4 || !args[0].equals("load") || !(args[1].equals("old") || args[1].equals("new"))) {
            System.err.println("usage: DuckDbCsvLoad export DB CSV | load old|new CSV DB");
            System.exit(2);
        }
        boolean old = args[1].equals("old");
        String csv = args[2].replace("'", "''");
        Files.deleteIfExists(Path.of(args[3]));
        long start = System.nanoTime();
        long rows;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[3]);
             Statement statement = connection.createStatement()) {
            statement.execute("SET memory_limit = '256MB'");
            statement.execute("SET threads = 2");
            String read = "read_csv('" + csv + "', header = true, columns = {'time_ns': 'BIGINT',"
                    + " 'toothbrush_id': 'VARCHAR', 'dataset_id': 'VARCHAR', 'tick': 'BIGINT', 'tooth': 'INTEGER',"
                    + " 'percent_clean': 'DOUBLE'})";
            if (old) {
                statement.execute("CREATE TABLE brushing (time TIMESTAMP_NS NOT NULL, toothbrush_id VARCHAR NOT NULL,"
                        + " dataset_id VARCHAR, tick BIGINT, tooth INTEGER, percent_clean DOUBLE, extra JSON)");
            } else {
                statement.execute("CREATE TABLE brushing_points (dataset INTEGER NOT NULL, time TIMESTAMP_NS NOT NULL,"
                        + " tick BIGINT, tooth INTEGER, percent_clean DOUBLE, extra JSON)");
            }
            connection.setAutoCommit(false);
            if (old) {
                rows = statement.executeUpdate("INSERT INTO brushing SELECT make_timestamp_ns(time_ns), toothbrush_id,"
                        + " dataset_id, tick, tooth, percent_clean, NULL FROM " + read);
            } else {
                rows = statement.executeUpdate("INSERT INTO brushing_points SELECT 1, make_timestamp_ns(time_ns), tick,"
                        + " tooth, percent_clean, NULL FROM " + read);
            }
            connection.commit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("{\"rows\":%d,\"seconds\":%.3f}%n", rows, seconds);
    }
}
