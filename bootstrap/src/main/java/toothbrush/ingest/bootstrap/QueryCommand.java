package toothbrush.ingest.bootstrap;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code query}: runs one SQL query against the embedded DuckDB database in a sandbox and prints
 * tab-separated rows. The database is opened read-only, without access to any other file or the network
 * ({@code enable_external_access=false}), without installing or loading extensions, and with its
 * configuration locked; only one statement is accepted, and only one that returns rows. A refused query
 * fails before it runs, so it has no side effect.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Runs one SQL query that returns rows against a duckdb: database, in a read-only sandbox"
                + " (no other files, no network, no extensions), and prints tab-separated rows with a header.")
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
        if (!isOneStatement(sql)) {
            // DuckDB's JDBC driver would run every statement but the last while preparing the last.
            console.err().println("toothbrush-ingest query: exactly one statement is allowed");
            return Main.EXIT_FAILURE;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + path, sandbox());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            // Preparing runs nothing: a statement that returns no rows (COPY, EXPORT, ATTACH, SET, INSERT)
            // is refused before it can have an effect.
            if (!(statement.getMetaData() instanceof DuckDBResultSetMetaData meta)
                    || meta.getReturnType() != StatementReturnType.QUERY_RESULT) {
                console.err().println("toothbrush-ingest query: only a query that returns rows is allowed"
                        + " (SELECT, WITH, DESCRIBE, SUMMARIZE ...)");
                return Main.EXIT_FAILURE;
            }
            try (ResultSet rows = statement.executeQuery()) {
                print(rows);
            }
            return Main.EXIT_COMPLETED;
        } catch (SQLException e) {
            console.err().println("toothbrush-ingest query: " + db + ": " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
    }

    /**
     * True when {@code sql} holds one statement: no {@code ;} outside string literals, quoted identifiers,
     * dollar-quoted strings and comments, but for one at the end.
     */
    static boolean isOneStatement(String sql) {
        int n = sql.length();
        boolean ended = false;
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol;
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 1;
                continue;
            }
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (ended) {
                return false; // something after the first statement's ';'
            }
            if (c == '\'' || c == '"') {
                int close = i + 1;
                while (close < n && sql.charAt(close) != c) {
                    close++;
                }
                i = close; // a doubled quote is two literals back to back, which is the same here
                continue;
            }
            if (c == '$') {
                int tagEnd = sql.indexOf('$', i + 1);
                if (tagEnd > 0 && sql.substring(i + 1, tagEnd).chars().allMatch(Character::isLetterOrDigit)) {
                    String tag = sql.substring(i, tagEnd + 1);
                    int close = sql.indexOf(tag, tagEnd + 1);
                    i = close < 0 ? n : close + tag.length() - 1;
                    continue;
                }
            }
            if (c == ';') {
                ended = true;
            }
        }
        return true;
    }

    /** The sandbox's connection settings, applied before any statement runs, then locked. */
    static Properties sandbox() {
        Properties config = new Properties();
        config.setProperty("duckdb.read_only", "true");
        config.setProperty("enable_external_access", "false");
        config.setProperty("autoinstall_known_extensions", "false");
        config.setProperty("autoload_known_extensions", "false");
        config.setProperty("allow_community_extensions", "false");
        config.setProperty("lock_configuration", "true");
        return config;
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
