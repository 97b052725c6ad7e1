package toothbrush.ingest.adapter.llamadb;

import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.duckdb.DuckDBConnection;
import toothbrush.ingest.application.report.Retryability;
import toothbrush.ingest.domain.point.PointBatch;

/**
 * The {@code duckdb:PATH} backend: an embedded DuckDB database file, written through Java table
 * functions ({@link DuckDbRowsFunction}): rows are gathered column by column ({@link DuckDbRows}) and
 * moved into DuckDB by one {@code INSERT ... SELECT} per 122,880 rows, never row by row. Each table
 * has two sets of rows: while DuckDB inserts one on a background thread, the caller fills the other,
 * so parsing and storing overlap; every other use of the connection waits for that insert first.
 *
 * <p>Schema ({@link DuckDbSchema}, created if absent, migrated from the previous version on open):
 * <pre>
 * datasets(id INTEGER, toothbrush_id VARCHAR, dataset_id VARCHAR)
 * brushing_points(dataset INTEGER, time TIMESTAMP_NS, tick BIGINT, tooth INTEGER, percent_clean DOUBLE, extra JSON)
 * settings_points(dataset INTEGER, time TIMESTAMP_NS, tick BIGINT, battery DOUBLE, tick_interval DOUBLE, extra JSON)
 * views brushing(time, toothbrush_id, dataset_id, tick, tooth, percent_clean, extra)
 *       settings(time, toothbrush_id, dataset_id, tick, battery, tick_interval, extra)
 * </pre>
 * {@code time} is a {@code TIMESTAMP_NS} (UTC, nanosecond precision: epoch nanos written exactly;
 * {@code epoch_ns(time)} gives them back). The tag {@code toothbrush_id} and the field
 * {@code dataset_id} of a point name its row in {@code datasets}; fields named like a column go to that
 * column ({@code battery} is {@code NULL} while unknown); every other field (the extra fields of B3
 * and S8) goes into the JSON object {@code extra}, keeping its type: floats as JSON numbers written
 * like {@code Double.toString} ({@code 2.0}, never {@code 2}), strings as JSON strings, booleans as
 * {@code true}/{@code false}. {@code extra} is {@code NULL} when a point has no extra field. Query an
 * extra field with {@code extra->>'name'} (text) or {@code CAST(extra->'name' AS DOUBLE)}.
 *
 * <p>P4, U5: {@link #beginDataset} deletes the points of the dataset's key, that is of the same
 * toothbrush and dataset id (a job naming another toothbrush's dataset id never deletes that
 * toothbrush's rows), in the same transaction the following inserts go into; {@link #flush()} inserts
 * what is gathered and commits (DuckDB syncs its write-ahead log on commit), {@link #discard()} drops
 * it and rolls back, so a dataset is replaced atomically, also when the process is killed midway. The
 * connection runs with a bounded {@code memory_limit} and few threads so a worker's memory stays
 * bounded; a large transaction spills to the database file. A DuckDB file can be open read-write in
 * one process only.
 */
final class DuckDbClient implements LlamaDbClient {

    /** DuckDB's {@code memory_limit}: bounds the worker's native memory. */
    static final String MEMORY_LIMIT = "256MB";
    /**
     * DuckDB's {@code threads}: one, the inserting thread itself. The table function is then called on
     * that Java thread; on DuckDB's own worker threads each 2,048-row chunk attached a native thread to
     * the JVM, which hands every newly attached thread a fresh allocation buffer: about 0.9 GB of young
     * heap filled per 5M rows, and 10 % more CPU than one thread (bench/duckdb-vs-csv.sh, measured
     * alternately). The engine parses on the other core meanwhile.
     */
    static final int THREADS = 1;

    /** Why DuckDB's classes cannot start: its native library is neither beside the jar nor inside it. */
    static final String LIBRARY_MISSING = "cannot load DuckDB's native library: toothbrush-ingest.jar loads it"
            + " from the libduckdb_java.so_* files the build writes beside it (copy them with the jar);"
            + " toothbrush-ingest-all.jar carries it inside";

    private static final String TOOTHBRUSH_ID = PointSchema.TOOTHBRUSH_ID;
    private static final String DATASET_ID = PointSchema.DATASET_ID;

    private final String uri;
    private final DuckDBConnection connection;
    /** Per table: the rows being filled, and the spare ones (inserted in the background, or idle). */
    private final Slot[] rows = new Slot[DuckDbTable.ALL.length];

    private final Slot[] spare = new Slot[DuckDbTable.ALL.length];
    private final ExecutorService inserter;
    /** The background insert running, or null. */
    private Future<?> inFlight;

    private final PreparedStatement[] deletes = new PreparedStatement[DuckDbTable.ALL.length];
    private final PreparedStatement findDataset;
    private final PreparedStatement addDataset;
    private final int[] fieldOfColumn = new int[4];
    private final StringBuilder extra = new StringBuilder(256);
    private boolean pending;
    private String datasetId;
    /** The last dataset key looked up, for the ids below; -1 after a rollback (the key may be gone). */
    private int cachedKey = -1;

    private String cachedToothbrushId;
    private String cachedDatasetId;
    private boolean closed;

    private DuckDbClient(String uri, DuckDBConnection connection, int capacity, boolean bulk) throws SQLException {
        this.uri = uri;
        this.connection = connection;
        for (int t = 0; t < DuckDbTable.ALL.length; t++) {
            DuckDbTable table = DuckDbTable.ALL[t];
            rows[t] = new Slot(connection, new DuckDbRows(table, capacity), bulk);
            spare[t] = new Slot(connection, new DuckDbRows(table, capacity), bulk);
            deletes[t] = connection.prepareStatement("DELETE FROM " + table.pointTable() + " WHERE dataset = ?");
        }
        findDataset = connection.prepareStatement(
                "SELECT id FROM datasets WHERE toothbrush_id = ?" + " AND dataset_id IS NOT DISTINCT FROM ?");
        addDataset = connection.prepareStatement(
                "INSERT INTO datasets SELECT coalesce(max(id), 0) + 1, ?, ?" + " FROM datasets RETURNING id");
        inserter = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "duckdb-insert " + uri);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A set of rows, the table function that returns them and the statement that inserts them. */
    private static final class Slot {
        final DuckDbRows rows;
        final PreparedStatement insert;

        Slot(DuckDBConnection connection, DuckDbRows rows, boolean bulk) throws SQLException {
            this.rows = rows;
            String function = DuckDbRowsFunction.register(connection, rows, THREADS, bulk);
            insert = connection.prepareStatement(
                    "INSERT INTO " + rows.table.pointTable() + " SELECT ?, * FROM " + function + "()");
        }

        /** Inserts the rows (one statement) and forgets them, also when DuckDB refuses them. */
        void insert() throws SQLException {
            try {
                insert.setInt(1, rows.datasetKey());
                insert.execute();
            } finally {
                rows.clear();
            }
        }
    }

    /**
     * Opens (or creates) the database file at {@code path}, creates the schema if absent and migrates
     * a file of the previous version (one transaction, logged).
     *
     * @throws LlamaDbException when the database cannot be opened (e.g. another process holds it), or
     *     DuckDB's native library cannot be loaded (permanent)
     */
    static DuckDbClient connect(String uri, String path) {
        return connect(uri, path, DuckDbRows.DEFAULT_CAPACITY, true);
    }

    /** As {@link #connect(String, String)}, gathering {@code capacity} rows per insert, bulk copies or not. */
    static DuckDbClient connect(String uri, String path, int capacity, boolean bulk) {
        DuckDBConnection connection;
        try {
            connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + path);
        } catch (SQLException | RuntimeException | LinkageError e) {
            if (e instanceof LinkageError || !nativeLibraryLoads()) {
                throw new LlamaDbException(uri, null, LIBRARY_MISSING, Retryability.PERMANENT, e);
            }
            throw new LlamaDbException(uri, null, "cannot open the database", Retryability.RETRYABLE, e);
        }
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
                statement.execute("SET threads = " + THREADS);
                // Rows may be stored in any order (they are queried with ORDER BY): lets the table
                // function's chunks be inserted by several threads at once.
                statement.execute("SET preserve_insertion_order = false");
            }
            DuckDbSchema.prepare(connection, uri);
            connection.setAutoCommit(false);
            return new DuckDbClient(uri, connection, capacity, bulk);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw new LlamaDbException(uri, null, "cannot open the database", Retryability.RETRYABLE, e);
        }
    }

    /**
     * True when DuckDB's native library is loaded. duckdb_jdbc reports a missing library as a failed
     * connection (an {@code SQLException} without the cause), so a failed connection asks this.
     */
    private static boolean nativeLibraryLoads() {
        try {
            Class.forName("org.duckdb.DuckDBNative", true, DuckDbClient.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
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
            awaitInsert();
            int key = datasetKey(toothbrushId, datasetId);
            for (PreparedStatement delete : deletes) {
                delete.setInt(1, key);
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
        DuckDbTable table = DuckDbTable.ALL[t];
        String toothbrushId = toothbrushId(tags);
        int[] columnField = fieldOfColumn;
        Arrays.fill(columnField, -1);
        StringBuilder json = extra;
        json.setLength(0);
        String pointDatasetId = null;
        boolean datasetIdSeen = false;
        for (int i = 0; i < fields.size(); i++) {
            String key = fields.key(i);
            if (key.equals(DATASET_ID)) {
                if (fields.type(i) != Fields.Type.STRING) {
                    throw new IllegalArgumentException(
                            "field " + key + " of " + measurement + " must be STRING, not " + fields.type(i));
                }
                if (datasetIdSeen) {
                    throw new IllegalArgumentException("field " + key + " of " + measurement + " given twice");
                }
                datasetIdSeen = true;
                pointDatasetId = fields.stringValue(i);
                continue;
            }
            int c = table.columnIndex(key);
            if (c < 0) {
                appendExtra(json, fields, i);
            } else if (fields.type(i) != table.columns()[c].type()) {
                throw new IllegalArgumentException("field " + key + " of " + measurement + " must be "
                        + table.columns()[c].type() + ", not " + fields.type(i));
            } else if (table.columns()[c].int32() && (int) fields.longValue(i) != fields.longValue(i)) {
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
            DuckDbRows target = rowsFor(t, toothbrushId, pointDatasetId).rows;
            int row = target.addRow(cachedKey, timeNanos);
            DuckDbTable.Column[] columns = table.columns();
            for (int c = 0; c < columns.length; c++) {
                int i = columnField[c];
                if (i < 0) {
                    continue;
                }
                if (columns[c].int32()) {
                    target.setInt(row, c, (int) fields.longValue(i));
                } else if (columns[c].type() == Fields.Type.FLOAT) {
                    target.setDouble(row, c, fields.doubleValue(i));
                } else {
                    target.setLong(row, c, fields.longValue(i));
                }
            }
            if (json.length() > 0) {
                target.setExtra(row, json.append('}').toString());
            }
            drainIfFull(t);
        } catch (SQLException e) {
            throw failure("cannot insert into " + table.pointTable(), e);
        }
    }

    /**
     * {@inheritDoc} A brushing point without extra fields goes straight into its row, without the
     * field-by-field mapping (the point of most lines); every other point takes the generic path.
     */
    @Override
    public void insert(PointBatch batch, String toothbrushId, String datasetId) {
        checkOpen();
        PointMapping point = null;
        int n = batch.size();
        int row = 0;
        while (row < n) {
            if (isPlainBrushing(batch, row)) {
                row = insertPlainBrushing(batch, row, toothbrushId, datasetId);
            } else {
                if (point == null) {
                    point = new PointMapping();
                }
                String measurement = point.load(batch, row, toothbrushId, datasetId);
                insert(measurement, batch.timeNanos(row), point.tags(), point.fields());
                row++;
            }
        }
    }

    private static boolean isPlainBrushing(PointBatch batch, int row) {
        return batch.isBrushing(row) && batch.extras(row).isEmpty();
    }

    /**
     * The rows of the brushing points without extra fields from {@code from} on, as the generic path would
     * fill them, until another point or full rows; returns the next row of the batch.
     */
    private int insertPlainBrushing(PointBatch batch, int from, String toothbrushId, String datasetId) {
        pending = true;
        try {
            DuckDbRows target = rowsFor(0, toothbrushId, datasetId).rows;
            int key = cachedKey;
            int row = from;
            int n = batch.size();
            do {
                int r = target.addRow(key, batch.timeNanos(row));
                target.setLong(r, 0, batch.tick(row));
                target.setInt(r, 1, batch.tooth(row));
                target.setDouble(r, 2, batch.percentClean(row));
                row++;
            } while (row < n && !target.full() && isPlainBrushing(batch, row));
            drainIfFull(0);
            return row;
        } catch (SQLException e) {
            throw failure("cannot insert into brushing_points", e);
        }
    }

    @Override
    public void flush() {
        checkOpen();
        try {
            for (int t = 0; t < rows.length; t++) {
                awaitInsert();
                if (rows[t].rows.size() > 0) {
                    rows[t].insert();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            LlamaDbException failure = failure("cannot commit", e);
            rollBack(failure);
            throw failure;
        }
        pending = false;
    }

    @Override
    public void discard() {
        checkOpen();
        LlamaDbException failure = null;
        try {
            awaitInsert();
        } catch (SQLException e) {
            // The rows being dropped were refused: nothing to keep.
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure = failure("cannot roll back", e);
        }
        clearRows();
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
            inserter.shutdownNow();
            for (int t = 0; t < rows.length; t++) {
                rows[t].insert.close();
                spare[t].insert.close();
                deletes[t].close();
            }
            findDataset.close();
            addDataset.close();
            connection.close();
        } catch (SQLException e) {
            throw failure("cannot close the database", e);
        } finally {
            closed = true;
        }
    }

    /** The rows of table {@code t} for the given ids, drained first when they hold another dataset's. */
    private Slot rowsFor(int t, String toothbrushId, String pointDatasetId) throws SQLException {
        int key = datasetKey(toothbrushId, pointDatasetId);
        if (rows[t].rows.size() > 0 && rows[t].rows.datasetKey() != key) {
            drain(t);
        }
        return rows[t];
    }

    private void drainIfFull(int t) throws SQLException {
        if (rows[t].rows.full()) {
            drain(t);
        }
    }

    /**
     * Hands the rows gathered for table {@code t} to the background insert (after the previous one has
     * finished) and goes on with the spare rows.
     */
    private void drain(int t) throws SQLException {
        Slot full = rows[t];
        if (full.rows.size() == 0) {
            return;
        }
        awaitInsert();
        rows[t] = spare[t];
        spare[t] = full;
        inFlight = inserter.submit(() -> {
            full.insert();
            return null;
        });
    }

    /**
     * Waits for the background insert; throws what it threw. Waits through interrupts (one insert of
     * at most {@link DuckDbRows#capacity()} rows takes milliseconds), then restores the interrupt: the
     * connection must never be used by two threads at once, not even by a rollback after a deadline.
     */
    private void awaitInsert() throws SQLException {
        Future<?> running = inFlight;
        if (running == null) {
            return;
        }
        inFlight = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    running.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof SQLException refused) {
                        throw refused;
                    }
                    throw new SQLException("the background insert failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The key of (toothbrush id, dataset id) in {@code datasets}, added in the current transaction if new. */
    private int datasetKey(String toothbrushId, String pointDatasetId) throws SQLException {
        if (cachedKey >= 0
                && toothbrushId.equals(cachedToothbrushId)
                && Objects.equals(pointDatasetId, cachedDatasetId)) {
            return cachedKey;
        }
        awaitInsert();
        int key;
        findDataset.setString(1, toothbrushId);
        findDataset.setString(2, pointDatasetId);
        try (ResultSet found = findDataset.executeQuery()) {
            key = found.next() ? found.getInt(1) : -1;
        }
        if (key < 0) {
            addDataset.setString(1, toothbrushId);
            addDataset.setString(2, pointDatasetId);
            try (ResultSet added = addDataset.executeQuery()) {
                added.next();
                key = added.getInt(1);
            }
        }
        cachedKey = key;
        cachedToothbrushId = toothbrushId;
        cachedDatasetId = pointDatasetId;
        return key;
    }

    private void clearRows() {
        for (int t = 0; t < rows.length; t++) {
            rows[t].rows.clear();
            spare[t].rows.clear();
        }
        cachedKey = -1;
    }

    private void rollBack(LlamaDbException failure) {
        try {
            awaitInsert();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
        clearRows();
        try {
            connection.rollback();
            pending = false;
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static int tableIndex(String measurement) {
        for (int t = 0; t < DuckDbTable.ALL.length; t++) {
            if (DuckDbTable.ALL[t].name().equals(measurement)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "DuckDB has no table for measurement " + measurement + ": expected brushing or settings");
    }

    private static String toothbrushId(Tags tags) {
        if (tags.size() != 1 || !tags.key(0).equals(TOOTHBRUSH_ID)) {
            throw new IllegalArgumentException(
                    "DuckDB points carry exactly one tag, toothbrush_id; got " + tags.size() + " tags");
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
        return new LlamaDbException(uri, datasetId, what, Retryability.RETRYABLE, cause);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("LlamaDB client " + uri + " is closed");
        }
    }
}
