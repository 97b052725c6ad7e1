package toothbrush.ingest.adapter.llamadb;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;

/**
 * A DuckDB table function (duckdb_jdbc 1.5.2+) that returns the rows a {@link DuckDbRows} holds:
 * {@code INSERT INTO brushing_points SELECT ?, * FROM brushing_rows_1()} moves them into the table
 * without a JNI call per value. DuckDB asks for 2,048-row chunks, from up to {@code threads} threads
 * at once (each claims the next chunk), and the function fills each chunk column by column.
 *
 * <p>Fixed-width columns are copied with one bulk copy per column and chunk into the vector's memory
 * (its {@code data} and {@code validity} buffers, reached by reflection, since duckdb_jdbc's public
 * setters take a lock and check bounds per value: measured 2.7M rows/s through the setters against
 * 4.8M with bulk copies, the table function alone). If those fields are missing (another duckdb_jdbc),
 * the public setters are used: slower, same rows. Extra JSON strings always go through
 * {@link DuckDBWritableVector#setString}.
 */
final class DuckDbRowsFunction implements DuckDBTableFunction<Object, AtomicInteger, Object> {

    private static final int CHUNK = 2048;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final Field DATA = field("data");
    private static final Field VALIDITY = field("validity");
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final DuckDbRows rows;
    private final int threads;
    private final boolean bulk;

    private DuckDbRowsFunction(DuckDbRows rows, int threads, boolean bulk) {
        this.rows = rows;
        this.threads = threads;
        this.bulk = bulk;
    }

    /** True when the vectors' memory can be written in bulk (else the per-value setters are used). */
    static boolean bulkCopyAvailable() {
        return DATA != null && VALIDITY != null;
    }

    /**
     * Registers a function returning {@code rows} on {@code connection}'s database under a name unique
     * in this JVM ({@code brushing_rows_7}), which it returns.
     *
     * @param bulk false forces the per-value setters (tests compare both ways)
     */
    static String register(DuckDBConnection connection, DuckDbRows rows, int threads, boolean bulk)
            throws SQLException {
        String name = rows.table.name() + "_rows_" + NAMES.incrementAndGet();
        DuckDBFunctions.tableFunction()
                .withName(name)
                .withFunction(new DuckDbRowsFunction(rows, threads, bulk && bulkCopyAvailable()))
                .register(connection);
        return name;
    }

    @Override
    public Object bind(DuckDBTableFunctionBindInfo info) {
        info.addResultColumn("time", DuckDBColumnType.TIMESTAMP_NS);
        for (DuckDbTable.Column column : rows.table.columns()) {
            info.addResultColumn(
                    column.name(),
                    switch (column.sqlType()) {
                        case "BIGINT" -> DuckDBColumnType.BIGINT;
                        case "INTEGER" -> DuckDBColumnType.INTEGER;
                        case "DOUBLE" -> DuckDBColumnType.DOUBLE;
                        default -> throw new IllegalStateException("no vector type for " + column.sqlType());
                    });
        }
        info.addResultColumn("extra", DuckDBColumnType.VARCHAR);
        return null;
    }

    @Override
    public AtomicInteger init(DuckDBTableFunctionInitInfo info) {
        info.setMaxThreads(threads);
        return new AtomicInteger();
    }

    @Override
    public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) throws Exception {
        AtomicInteger next = info.getInitData();
        int size = rows.size();
        int start = next.getAndAdd(CHUNK);
        if (start >= size) {
            return 0;
        }
        int n = Math.min(CHUNK, size - start);
        if (bulk) {
            DuckDBWritableVector time = out.vector(0);
            setAllValid(time, n);
            data(time).asLongBuffer().put(0, rows.time, start, n);
        } else {
            DuckDBWritableVector time = out.vector(0);
            for (int r = 0; r < n; r++) {
                long nanos = rows.time[start + r];
                time.setTimestamp(
                        r,
                        LocalDateTime.ofEpochSecond(
                                Math.floorDiv(nanos, NANOS_PER_SECOND),
                                (int) Math.floorMod(nanos, NANOS_PER_SECOND),
                                ZoneOffset.UTC));
            }
        }
        DuckDbTable.Column[] columns = rows.table.columns();
        for (int c = 0; c < columns.length; c++) {
            DuckDBWritableVector vector = out.vector(c + 1);
            if (bulk) {
                copyValidity(vector, rows.valid[c], start, n);
                if (columns[c].int32()) {
                    data(vector).asIntBuffer().put(0, rows.ints[c], start, n);
                } else {
                    data(vector).asLongBuffer().put(0, rows.words[c], start, n);
                }
            } else {
                setOneByOne(vector, columns[c], c, start, n);
            }
        }
        DuckDBWritableVector extra = out.vector(columns.length + 1);
        if (bulk) {
            copyValidity(extra, rows.extraValid, start, n);
        }
        for (int r = 0; r < n; r++) {
            String json = rows.extra[start + r];
            if (json != null) {
                extra.setString(r, json);
            } else if (!bulk) {
                extra.setNull(r);
            }
        }
        return n;
    }

    private void setOneByOne(DuckDBWritableVector vector, DuckDbTable.Column column, int c, int start, int n) {
        for (int r = 0; r < n; r++) {
            int row = start + r;
            if (!rows.isValid(row, c)) {
                vector.setNull(r);
            } else if (column.int32()) {
                vector.setInt(r, rows.ints[c][row]);
            } else if (column.type() == Fields.Type.FLOAT) {
                vector.setDouble(r, Double.longBitsToDouble(rows.words[c][row]));
            } else {
                vector.setLong(r, rows.words[c][row]);
            }
        }
    }

    /** Copies the validity bits of rows {@code start..start+n} ({@code start} is a multiple of 64). */
    private static void copyValidity(DuckDBWritableVector vector, long[] valid, int start, int n) {
        ByteBuffer validity = validity(vector);
        int words = (n + 63) >>> 6;
        validity.asLongBuffer().put(0, valid, start >>> 6, words);
    }

    private static void setAllValid(DuckDBWritableVector vector, int n) {
        ByteBuffer validity = validity(vector);
        for (int w = 0; w < (n + 63) >>> 6; w++) {
            validity.putLong(w * 8, -1L);
        }
    }

    private static ByteBuffer data(DuckDBWritableVector vector) {
        return buffer(DATA, vector);
    }

    private static ByteBuffer validity(DuckDBWritableVector vector) {
        return buffer(VALIDITY, vector);
    }

    private static ByteBuffer buffer(Field field, DuckDBWritableVector vector) {
        try {
            return ((ByteBuffer) field.get(vector)).duplicate().order(ByteOrder.nativeOrder());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach the vector's " + field.getName(), e);
        }
    }

    private static Field field(String name) {
        try {
            Field field = DuckDBWritableVector.class.getDeclaredField(name);
            if (field.getType() != ByteBuffer.class) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }
}
