package toothbrush.ingest.adapter.llamadb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;

/**
 * One SQL query against a {@code duckdb:} database, in a sandbox: the file is opened read-only, without
 * access to any other file or the network ({@code enable_external_access=false}), without installing or
 * loading extensions, and with its configuration locked; only one statement is accepted, and only one
 * that returns rows. A refused query fails before it runs, so it has no side effect.
 */
public final class DuckDbQuery {

    /** Receives the result: the column labels once, then each row, values as text ({@code NULL} for null). */
    public interface Rows {
        void header(List<String> labels);

        void row(List<String> values);
    }

    /** A query refused before it ran, or that failed; the message says which and why. */
    public static final class QueryException extends Exception {
        private static final long serialVersionUID = 1L;

        QueryException(String message) {
            super(message);
        }
    }

    private DuckDbQuery() {}

    /** True when {@code uri} names a DuckDB file this class can query ({@code duckdb:PATH}). */
    public static boolean accepts(String uri) {
        return uri.startsWith(LlamaDb.DUCKDB) && uri.length() > LlamaDb.DUCKDB.length();
    }

    /**
     * Runs {@code sql} against the {@code duckdb:} database {@code uri} and hands the result to {@code rows}.
     *
     * @throws IllegalArgumentException when {@code uri} is not {@link #accepts accepted}
     * @throws QueryException when there is no such file, the query is refused, or it fails
     */
    public static void run(String uri, String sql, Rows rows) throws QueryException {
        if (!accepts(uri)) {
            throw new IllegalArgumentException("not a duckdb:PATH URI: " + uri);
        }
        String path = uri.substring(LlamaDb.DUCKDB.length());
        if (!Files.isRegularFile(Path.of(path))) {
            throw new QueryException("no database file at " + path);
        }
        if (!isOneStatement(sql)) {
            // DuckDB's JDBC driver would run every statement but the last while preparing the last.
            throw new QueryException("exactly one statement is allowed");
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + path, sandbox());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            // Preparing runs nothing: a statement that returns no rows (COPY, EXPORT, ATTACH, SET, INSERT)
            // is refused before it can have an effect.
            if (!(statement.getMetaData() instanceof DuckDBResultSetMetaData meta)
                    || meta.getReturnType() != StatementReturnType.QUERY_RESULT) {
                throw new QueryException(
                        "only a query that returns rows is allowed" + " (SELECT, WITH, DESCRIBE, SUMMARIZE ...)");
            }
            try (ResultSet result = statement.executeQuery()) {
                hand(result, rows);
            }
        } catch (SQLException e) {
            throw new QueryException(uri + ": " + e.getMessage());
        }
    }

    private static void hand(ResultSet result, Rows rows) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        int columns = meta.getColumnCount();
        List<String> values = new ArrayList<>(columns);
        for (int c = 1; c <= columns; c++) {
            values.add(meta.getColumnLabel(c));
        }
        rows.header(List.copyOf(values));
        while (result.next()) {
            values.clear();
            for (int c = 1; c <= columns; c++) {
                Object value = result.getObject(c);
                values.add(value == null ? "NULL" : value.toString());
            }
            rows.row(List.copyOf(values));
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
}
