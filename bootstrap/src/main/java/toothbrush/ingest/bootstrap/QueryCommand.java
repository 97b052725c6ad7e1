package toothbrush.ingest.bootstrap;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code query}: runs SQL against the embedded DuckDB database, read-only, and prints tab-separated rows. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Runs one SQL query against a duckdb: database (read-only) and prints tab-separated rows with a header.")
final class QueryCommand implements Callable<Integer> {
    private static final String DUCKDB = "duckdb:";

    private final Main.Console console;

    @Option(names = "--db", paramLabel = "URI", defaultValue = Wiring.DEFAULT_DB,
            description = "The database: duckdb:PATH (default: ${DEFAULT-VALUE}).")
    String db;

    @Parameters(index = "0", paramLabel = "SQL", description = "The query, e.g. \"SELECT count(*) FROM brushing\".")
    String sql;

    QueryCommand(Main.Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (!db.startsWith(DUCKDB) || db.length() == DUCKDB.length()) {
            console.err().println("toothbrush-ingest query: --db must be duckdb:PATH, not '" + db + "'");
            return Main.EXIT_USAGE;
        }
        String path = db.substring(DUCKDB.length());
        if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of(path))) {
            console.err().println("toothbrush-ingest query: no database file at " + path);
            return Main.EXIT_FAILURE;
        }
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + path, readOnly);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            print(rows);
            return Main.EXIT_COMPLETED;
        } catch (SQLException e) {
            console.err().println("toothbrush-ingest query: " + db + ": " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
    }

    private void print(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        StringBuilder line = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
            line.append(c > 1 ? "\t" : "").append(meta.getColumnLabel(c));
        }
        console.out().println(line);
        while (rows.next()) {
            line.setLength(0);
            for (int c = 1; c <= columns; c++) {
                Object value = rows.getObject(c);
                line.append(c > 1 ? "\t" : "").append(value == null ? "NULL" : value.toString());
            }
            console.out().println(line);
        }
        console.out().flush();
    }
}
