package toothbrush.ingest.adapter.llamadb;

import java.util.Arrays;
import java.util.Objects;

/**
 * A reusable, ordered list of point tags (key and string value), in practice the one tag
 * {@code toothbrush_id}. Filled once and reused for every point of a dataset; not thread-safe.
 */
public final class Tags {

    private String[] keys = new String[2];
    private String[] values = new String[2];
    private int size;

    /** Removes every tag, keeping the arrays. */
    public Tags clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        return this;
    }

    /**
     * Adds a tag.
     *
     * @throws IllegalArgumentException if the key or the value is empty (InfluxDB refuses empty tags)
     */
    public Tags add(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isEmpty() || value.isEmpty()) {
            throw new IllegalArgumentException("tag key and value must not be empty: " + key + "=" + value);
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        return this;
    }

    /** The number of tags. */
    public int size() {
        return size;
    }

    /** The key of tag {@code i}, 0-based in insertion order. */
    public String key(int i) {
        checkIndex(i);
        return keys[i];
    }

    /** The value of tag {@code i}. */
    public String value(int i) {
        checkIndex(i);
        return values[i];
    }

    /** The value of the tag named {@code key}, or {@code null} when there is none. */
    public String get(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("tag " + i + " of " + size);
        }
    }
}
