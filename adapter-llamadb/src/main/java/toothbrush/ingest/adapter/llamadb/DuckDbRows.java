package toothbrush.ingest.adapter.llamadb;

import java.util.Arrays;

/**
 * Rows of one point table held column by column in Java arrays, all of one dataset key, until
 * {@link DuckDbRowsFunction} hands them to DuckDB in one {@code INSERT ... SELECT}. Bounded: at most
 * {@link #capacity()} rows and about {@link #MAX_EXTRA_CHARS} characters of extra JSON; the client
 * drains the rows when {@link #full()}.
 *
 * <p>Typed columns are nullable (a point may lack a field): each has a validity bitset, one bit per
 * row, 64 rows per word, as DuckDB's own vectors have. {@code BIGINT} and {@code DOUBLE} values are
 * kept as 64-bit words (a double as its raw bits), {@code INTEGER} values as ints, so that a chunk of
 * a column is copied into DuckDB's vector in one bulk copy.
 */
final class DuckDbRows {

    /** Rows per drain: one DuckDB row group (122,880 rows), about 4 MB of arrays for brushing. */
    static final int DEFAULT_CAPACITY = 122_880;
    /** Characters of extra JSON per drain: the use case's 4 MiB bound of extra fields per batch. */
    static final long MAX_EXTRA_CHARS = 4L << 20;

    final DuckDbTable table;
    final long[] time;
    /** Per typed column: the values ({@code long} words, or {@code null} for an int column). */
    final long[][] words;
    /** Per typed column: the values of an {@code INTEGER} column, else {@code null}. */
    final int[][] ints;
    /** Per typed column: the validity bitset. */
    final long[][] valid;

    final String[] extra;
    /** The validity bitset of {@link #extra}: {@code NULL} where a point has no extra field. */
    final long[] extraValid;

    private final int capacity;
    private int size;
    private long extraChars;
    private int datasetKey = -1;

    DuckDbRows(DuckDbTable table, int capacity) {
        if (capacity <= 0 || capacity % 64 != 0) {
            throw new IllegalArgumentException("capacity must be a positive multiple of 64: " + capacity);
        }
        this.table = table;
        this.capacity = capacity;
        int columns = table.columns().length;
        time = new long[capacity];
        words = new long[columns][];
        ints = new int[columns][];
        valid = new long[columns][];
        for (int c = 0; c < columns; c++) {
            if (table.columns()[c].int32()) {
                ints[c] = new int[capacity];
            } else {
                words[c] = new long[capacity];
            }
            valid[c] = new long[capacity / 64];
        }
        extra = new String[capacity];
        extraValid = new long[capacity / 64];
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return size;
    }

    /** The dataset key of the rows held, or -1 when empty. */
    int datasetKey() {
        return datasetKey;
    }

    boolean full() {
        return size == capacity || extraChars >= MAX_EXTRA_CHARS;
    }

    /**
     * Starts a row of dataset {@code key} at {@code timeNanos}, every typed column {@code NULL} and no
     * extra; returns its index.
     *
     * @throws IllegalStateException when full or holding rows of another key (drain first)
     */
    int addRow(int key, long timeNanos) {
        if (size == capacity || (size > 0 && key != datasetKey)) {
            throw new IllegalStateException("rows of dataset key " + datasetKey + " must be drained first");
        }
        datasetKey = key;
        int row = size++;
        time[row] = timeNanos;
        if ((row & 63) == 0) {
            for (long[] bits : valid) {
                bits[row >>> 6] = 0;
            }
            extraValid[row >>> 6] = 0;
        }
        extra[row] = null;
        return row;
    }

    void setLong(int row, int column, long value) {
        words[column][row] = value;
        valid[column][row >>> 6] |= 1L << row;
    }

    void setInt(int row, int column, int value) {
        ints[column][row] = value;
        valid[column][row >>> 6] |= 1L << row;
    }

    void setDouble(int row, int column, double value) {
        words[column][row] = Double.doubleToRawLongBits(value);
        valid[column][row >>> 6] |= 1L << row;
    }

    void setExtra(int row, String json) {
        extra[row] = json;
        extraValid[row >>> 6] |= 1L << row;
        extraChars += json.length();
    }

    boolean isValid(int row, int column) {
        return (valid[column][row >>> 6] & (1L << row)) != 0;
    }

    /** Forgets every row (after they were inserted, or when the transaction is rolled back). */
    void clear() {
        Arrays.fill(extra, 0, size, null);
        size = 0;
        extraChars = 0;
        datasetKey = -1;
    }
}
