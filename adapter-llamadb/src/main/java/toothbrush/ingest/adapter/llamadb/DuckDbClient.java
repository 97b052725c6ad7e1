package toothbrush.ingest.adapter.llamadb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Objects;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The {@code duckdb:PATH} backend: an embedded DuckDB database file with one table per measurement,
 * written through DuckDB's {@link DuckDBAppender} (never row-by-row {@code INSERT}s).
 *
 * <p>Schema (created if absent):
 * <pre>
 * brushing(time TIMESTAMP_NS, toothbrush_id VARCHAR, dataset_id VARCHAR,
 *          tick BIGINT, tooth INTEGER, percent_clean DOUBLE, extra JSON)
 * settings(time TIMESTAMP_NS, toothbrush_id VARCHAR, dataset_id VARCHAR,
 *          tick BIGINT, battery DOUBLE, tick_interval DOUBLE, extra JSON)
 * </pre>
 * {@code time} is a {@code TIMESTAMP_NS} (UTC, nanosecond precision: the appender writes epoch nanos
 * exactly; {@code epoch_ns(time)} gives them back). Fields named like a column go to that column
 * ({@code battery} is {@code NULL} while unknown); every other field (the extra fields of B3 and S8)
 * goes into the JSON object {@code extra}, keeping its type: floats as JSON numbers written like
 * {@code Double.toString} ({@code 2.0}, never {@code 2}), strings as JSON strings, booleans as
 * {@code true}/{@code false}. {@code extra} is {@code NULL} when a point has no extra field. Query an
 * extra field with {@code extra->>'name'} (text) or {@code CAST(extra->'name' AS DOUBLE)}. A single
 * JSON column keeps the schema fixed while streams add arbitrary columns; a column per extra name would
 * need {@code ALTER TABLE} mid-transaction and break the appender.
 *
 * <p>P4, U5: {@link #beginDataset} deletes the dataset's earlier rows from both tables ({@code WHERE
 * toothbrush_id = ? AND dataset_id = ?}: a job naming another toothbrush's dataset id never deletes
 * that toothbrush's rows) in the same transaction the following inserts are appended in; {@link #flush()}
 * commits it (DuckDB syncs its write-ahead log on commit), {@link #discard()} rolls it back, so a
 * dataset is replaced atomically. The connection runs with a bounded {@code memory_limit} and few
 * threads so a worker's memory stays bounded; a large transaction spills to the database file.
 * A DuckDB file can be open read-write in one process only.
 */
final class DuckDbClient implements LlamaDbClient {

    /** DuckDB's {@code memory_limit}: bounds the worker's native memory. */
    static final String MEMORY_LIMIT = "256MB";
    /** DuckDB's {@code threads}: appends are single-threaded; the rest needs little. */
    static final int THREADS = 2;

    private static final String TOOTHBRUSH_ID = "toothbrush_id";
    private static final Table BRUSHING = new Table("brushing",
            new Column("dataset_id", "VARCHAR", Fields.Type.STRING),
            new Column("tick", "BIGINT", Fields.Type.INTEGER),
            new Column("tooth", "INTEGER", Fields.Type.INTEGER),
            new Column("percent_clean", "DOUBLE", Fields.Type.FLOAT));
    private static final Table SETTINGS = new Table("settings",
            new Column("dataset_id", "VARCHAR", Fields.Type.STRING),
            new Column("tick", "BIGINT", Fields.Type.INTEGER),
            new Column("battery", "DOUBLE", Fields.Type.FLOAT),
            new Column("tick_interval", "DOUBLE", Fields.Type.FLOAT));
    private static final Table[] TABLES = {BRUSHING, SETTINGS};

    private final String uri;
    private final DuckDBConnection connection;
    private final PreparedStatement[] deletes = new PreparedStatement[TABLES.length];
    private final DuckDBAppender[] appenders = new DuckDBAppender[TABLES.length];
    private final int[] fieldOfColumn = new int[4];
    private final StringBuilder extra = new StringBuilder(256);
    private boolean pending;
    private String datasetId;
    private boolean closed;

    private DuckDbClient(String uri, DuckDBConnection connection) {
        this.uri = uri;
        this.connection = connection;
    }

    /**
     * Opens (or creates) the database file at {@code path} and creates the tables if absent.
     *
     * @throws LlamaDbException when the database cannot be opened (e.g. another process holds it)
     */
    static DuckDbClient connect(String uri, String path) {
        DuckDBConnection connection = null;
        try {
            connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + path);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
                statement.execute("SET threads = " + THREADS);
                for (Table table : TABLES) {
                    statement.execute(table.createSql());
                }
            }
            connection.setAutoCommit(false);
            DuckDbClient client = new DuckDbClient(uri, connection);
            for (int t = 0; t < TABLES.length; t++) {
                client.deletes[t] = connection.prepareStatement(
                        "DELETE FROM " + TABLES[t].name + " WHERE toothbrush_id = ? AND dataset_id = ?");
            }
            return client;
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw new LlamaDbException(uri, null, "cannot open the database", true, e);
        }
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public void beginDataset(String toothbrushId, String datasetId) {
        Objects.requireNonNull(toothbrushId, "toothbrushId");
        Objects.requireNonNull(datasetId, "datasetId");
        checkOpen();
        if (pending) {
            throw new IllegalStateException("dataset " + this.datasetId + " is neither flushed nor discarded");
        }
        this.datasetId = datasetId;
        pending = true;
        try {
            for (PreparedStatement delete : deletes) {
                delete.setString(1, toothbrushId);
                delete.setString(2, datasetId);
                delete.executeUpdate();
            }
        } catch (SQLException e) {
            LlamaDbException failure = failure("cannot delete the earlier points", e);
            rollBack(failure);
            throw failure;
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException for a measurement other than {@code brushing} and
     *     {@code settings}, a tag other than {@code toothbrush_id} (or none), or a column field of the
     *     wrong type (e.g. {@code tick} as a float)
     */
    @Override
    public void insert(String measurement, long timeNanos, Tags tags, Fields fields) {
        checkOpen();
        int t = tableIndex(measurement);
        Table table = TABLES[t];
        String toothbrushId = toothbrushId(tags);
        int[] columnField = fieldOfColumn;
        Arrays.fill(columnField, -1);
        StringBuilder json = extra;
        json.setLength(0);
        for (int i = 0; i < fields.size(); i++) {
            String key = fields.key(i);
            int c = table.columnIndex(key);
            if (c < 0) {
                appendExtra(json, fields, i);
            } else if (fields.type(i) != table.columns[c].type) {
                throw new IllegalArgumentException("field " + key + " of " + measurement + " must be "
                        + table.columns[c].type + ", not " + fields.type(i));
            } else if (table.columns[c].int32 && (int) fields.longValue(i) != fields.longValue(i)) {
                throw new IllegalArgumentException("field " + key + " of " + measurement
                        + " does not fit an INTEGER column: " + fields.longValue(i));
            } else if (columnField[c] >= 0) {
                throw new IllegalArgumentException("field " + key + " of " + measurement + " given twice");
            } else {
                columnField[c] = i;
            }
        }
        pending = true;
        try {
            DuckDBAppender appender = appender(t);
            appender.beginRow().appendEpochNanos(timeNanos).append(toothbrushId);
            Column[] columns = table.columns;
            for (int c = 0; c < columns.length; c++) {
                int i = columnField[c];
                if (i < 0) {
                    appender.appendNull();
                } else if (columns[c].int32) {
                    appender.append((int) fields.longValue(i));
                } else {
                    switch (columns[c].type) {
                        case INTEGER -> appender.append(fields.longValue(i));
                        case FLOAT -> appender.append(fields.doubleValue(i));
                        case STRING -> appender.append(fields.stringValue(i));
                        case BOOLEAN -> appender.append(fields.booleanValue(i));
                    }
                }
            }
            if (json.length() == 0) {
                appender.appendNull();
            } else {
                appender.append(json.append('}').toString());
            }
            appender.endRow();
        } catch (SQLException e) {
            throw failure("cannot append to " + table.name, e);
        }
    }

    @Override
    public void flush() {
        checkOpen();
        try {
            for (DuckDBAppender appender : appenders) {
                if (appender != null) {
                    appender.flush();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw failure("cannot commit", e);
        }
        pending = false;
    }

    @Override
    public void discard() {
        checkOpen();
        LlamaDbException failure = null;
        try {
            closeAppenders();
        } catch (SQLException e) {
            // The rows being dropped could not be handed to the transaction: nothing to keep.
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure = failure("cannot roll back", e);
        }
        pending = false;
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (pending) {
                discard();
            }
            closeAppenders();
            for (PreparedStatement delete : deletes) {
                delete.close();
            }
            connection.close();
        } catch (SQLException e) {
            throw failure("cannot close the database", e);
        } finally {
            closed = true;
        }
    }

    private DuckDBAppender appender(int t) throws SQLException {
        DuckDBAppender appender = appenders[t];
        if (appender == null) {
            appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLES[t].name);
            appenders[t] = appender;
        }
        return appender;
    }

    private void closeAppenders() throws SQLException {
        SQLException failure = null;
        for (int t = 0; t < appenders.length; t++) {
            DuckDBAppender appender = appenders[t];
            appenders[t] = null;
            if (appender != null) {
                try {
                    appender.close();
                } catch (SQLException e) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void rollBack(LlamaDbException failure) {
        try {
            connection.rollback();
            pending = false;
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static int tableIndex(String measurement) {
        for (int t = 0; t < TABLES.length; t++) {
            if (TABLES[t].name.equals(measurement)) {
                return t;
            }
        }
        throw new IllegalArgumentException("DuckDB has no table for measurement " + measurement
                + ": expected brushing or settings");
    }

    private static String toothbrushId(Tags tags) {
        if (tags.size() != 1 || !tags.key(0).equals(TOOTHBRUSH_ID)) {
            throw new IllegalArgumentException("DuckDB points carry exactly one tag, toothbrush_id; got "
                    + tags.size() + " tags");
        }
        return tags.value(0);
    }

    /** Appends {@code ,"key":value} (or the opening brace and {@code "key":value}) to the extra JSON. */
    private static void appendExtra(StringBuilder json, Fields fields, int i) {
        json.append(json.length() == 0 ? '{' : ',');
        appendJsonString(json, fields.key(i));
        json.append(':');
        switch (fields.type(i)) {
            case INTEGER -> json.append(fields.longValue(i));
            case FLOAT -> json.append(fields.doubleValue(i));
            case STRING -> appendJsonString(json, fields.stringValue(i));
            case BOOLEAN -> json.append(fields.booleanValue(i));
        }
    }

    /** Appends {@code text} as a JSON string (RFC 8259): quotes, backslashes, controls escaped. */
    static void appendJsonString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }

    private LlamaDbException failure(String what, SQLException cause) {
        return new LlamaDbException(uri, datasetId, what, true, cause);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("LlamaDB client " + uri + " is closed");
        }
    }

    /** A typed column a field of the same name goes to. */
    private record Column(String name, String sqlType, Fields.Type type, boolean int32) {
        /** A column; {@code int32} (an {@code INTEGER} column takes an int) follows from the SQL type. */
        Column(String name, String sqlType, Fields.Type type) {
            this(name, sqlType, type, sqlType.equals("INTEGER"));
        }
    }

    /** A measurement's table: time, toothbrush_id, the typed columns, extra. */
    private static final class Table {
        final String name;
        final Column[] columns;

        Table(String name, Column... columns) {
            this.name = name;
            this.columns = columns;
        }

        int columnIndex(String key) {
            for (int c = 0; c < columns.length; c++) {
                if (columns[c].name.equals(key)) {
                    return c;
                }
            }
            return -1;
        }

        String createSql() {
            StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(name)
                    .append(" (time TIMESTAMP_NS NOT NULL, toothbrush_id VARCHAR NOT NULL");
            for (Column column : columns) {
                sql.append(", ").append(column.name).append(' ').append(column.sqlType);
            }
            return sql.append(", extra JSON)").toString();
        }
    }
}
