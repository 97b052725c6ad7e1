package toothbrush.ingest.adapter.llamadb;

import java.util.Arrays;
import java.util.Objects;

/**
 * A reusable, ordered list of point fields typed as in InfluxDB (integer, float, string, boolean).
 *
 * <p>Meant to be filled once per point and {@link #clear() cleared} for the next one: values are kept
 * in primitive arrays, so adding a field neither boxes nor allocates once the arrays have grown to the
 * largest point. The order of the fields is the order they were added in, and backends keep it. Field
 * keys are not checked for duplicates. Not thread-safe.
 */
public final class Fields {

    /** The type of a field value, as InfluxDB types them. */
    public enum Type {
        /** A 64-bit signed integer ({@code 16i} in line protocol). */
        INTEGER,
        /** A finite 64-bit float. */
        FLOAT,
        /** A string. */
        STRING,
        /** A boolean. */
        BOOLEAN
    }

    private static final int INITIAL_CAPACITY = 8;

    private String[] keys = new String[INITIAL_CAPACITY];
    private Type[] types = new Type[INITIAL_CAPACITY];
    private long[] bits = new long[INITIAL_CAPACITY];
    private String[] strings = new String[INITIAL_CAPACITY];
    private int size;

    /** Removes every field, keeping the arrays for the next point. */
    public Fields clear() {
        Arrays.fill(strings, 0, size, null);
        size = 0;
        return this;
    }

    /** Adds an integer field. */
    public Fields addLong(String key, long value) {
        int i = slot(key, Type.INTEGER);
        bits[i] = value;
        return this;
    }

    /**
     * Adds a float field.
     *
     * @throws IllegalArgumentException if the value is NaN or infinite (no database stores them)
     */
    public Fields addDouble(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("field " + key + " must be finite: " + value);
        }
        int i = slot(key, Type.FLOAT);
        bits[i] = Double.doubleToRawLongBits(value);
        return this;
    }

    /** Adds a string field. */
    public Fields addString(String key, String value) {
        Objects.requireNonNull(value, "value");
        int i = slot(key, Type.STRING);
        strings[i] = value;
        return this;
    }

    /** Adds a boolean field. */
    public Fields addBoolean(String key, boolean value) {
        int i = slot(key, Type.BOOLEAN);
        bits[i] = value ? 1 : 0;
        return this;
    }

    /** The number of fields. */
    public int size() {
        return size;
    }

    /** The key of field {@code i}, 0-based in insertion order. */
    public String key(int i) {
        checkIndex(i);
        return keys[i];
    }

    /** The type of field {@code i}. */
    public Type type(int i) {
        checkIndex(i);
        return types[i];
    }

    /** The value of integer field {@code i}. */
    public long longValue(int i) {
        checkType(i, Type.INTEGER);
        return bits[i];
    }

    /** The value of float field {@code i}. */
    public double doubleValue(int i) {
        checkType(i, Type.FLOAT);
        return Double.longBitsToDouble(bits[i]);
    }

    /** The value of string field {@code i}. */
    public String stringValue(int i) {
        checkType(i, Type.STRING);
        return strings[i];
    }

    /** The value of boolean field {@code i}. */
    public boolean booleanValue(int i) {
        checkType(i, Type.BOOLEAN);
        return bits[i] != 0;
    }

    private int slot(String key, Type type) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("field key must not be empty");
        }
        if (size == keys.length) {
            int capacity = size * 2;
            keys = Arrays.copyOf(keys, capacity);
            types = Arrays.copyOf(types, capacity);
            bits = Arrays.copyOf(bits, capacity);
            strings = Arrays.copyOf(strings, capacity);
        }
        int i = size++;
        keys[i] = key;
        types[i] = type;
        return i;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("field " + i + " of " + size);
        }
    }

    private void checkType(int i, Type type) {
        checkIndex(i);
        if (types[i] != type) {
            throw new IllegalStateException("field " + keys[i] + " is " + types[i] + ", not " + type);
        }
    }
}
