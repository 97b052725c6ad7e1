package toothbrush.ingest.adapter.llamadb;

import java.io.IOException;

/**
 * Encodes points as InfluxDB line protocol straight into a reusable byte buffer, handing full buffers
 * to a {@link Drain}. No per-point allocation: numbers are written digit by digit (floats through a
 * reused {@link StringBuilder}, which formats exactly like {@link Double#toString(double)}).
 *
 * <p>Escaping, as InfluxDB reads it: in the measurement {@code ,} and space are escaped with
 * {@code \}; in tag keys, tag values and field keys {@code ,}, {@code =} and space; string field
 * values are written in double quotes with {@code "} and {@code \} escaped. Integers are written
 * {@code 16i}, floats by {@code Double.toString} ({@code 0.5}, {@code 2.0}, {@code 1.0E-5}), booleans
 * {@code true}/{@code false}, the timestamp in nanoseconds. Text is UTF-8; an unpaired surrogate is
 * written {@code ?} (as {@link String#getBytes} does).
 *
 * <p>Line protocol cannot represent control characters (below U+0020) in a measurement, key or tag
 * value, nor keep a string value on one line if it holds a line break: any control character,
 * wherever it appears, is written as the six characters {@code \}{@code uXXXX} (upper-case hex), so a
 * point is always exactly one line. The domain never produces such values in string fields (B3, S8)
 * and ids are checked for them, so in practice this only affects hand-made points. Nor can it
 * represent a backslash that ends a measurement, key or tag value, or that comes before another
 * backslash or a character escaped there (InfluxDB would read it as an escape and misparse the
 * line): such a backslash is written as the text {@code \}{@code u005C}, so that a CSV header or JSON
 * key such as {@code a\} cannot make InfluxDB refuse a whole batch. Any other backslash is written as
 * is, which both InfluxDB 1.x and 2.x read back as a backslash.
 */
final class LineProtocolEncoder {

    /** Receives the encoded bytes when the buffer is full or {@link #drain()} is called. */
    @FunctionalInterface
    interface Drain {
        /** Consumes {@code bytes[0..length)}; the array is reused after the call returns. */
        void accept(byte[] bytes, int length) throws IOException;
    }

    /** The smallest buffer: enough for the longest single token written without a capacity check. */
    static final int MIN_CAPACITY = 64;

    private static final int ESCAPE_MEASUREMENT = 1;
    private static final int ESCAPE_KEY = 2;
    private static final int ESCAPE_STRING = 4;
    private static final byte[] ESCAPES = new byte[128];
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] TOOTH_KEY = "i,tooth=".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] PERCENT_KEY = "i,percent_clean=".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static {
        ESCAPES[','] = ESCAPE_MEASUREMENT | ESCAPE_KEY;
        ESCAPES[' '] = ESCAPE_MEASUREMENT | ESCAPE_KEY;
        ESCAPES['='] = ESCAPE_KEY;
        ESCAPES['"'] = ESCAPE_STRING;
        ESCAPES['\\'] = ESCAPE_STRING;
    }

    /** Entries of the text and float caches (powers of two). */
    private static final int TEXT_CACHE = 64;
    private static final int FLOAT_CACHE_BITS = 14;
    private static final int FLOAT_CACHE = 1 << FLOAT_CACHE_BITS;
    /** Texts longer than this are never cached. */
    private static final int MAX_CACHED_TEXT = 128;
    private static final long NO_FLOAT = Double.doubleToRawLongBits(Double.NaN);
    private static final byte[] TWO_DIGITS = new byte[200];
    private static final long EIGHT_DIGITS = 100_000_000L;
    private static final long SIXTEEN_DIGITS = EIGHT_DIGITS * EIGHT_DIGITS;
    private static final long TEN_DIGITS = 100 * EIGHT_DIGITS;

    static {
        for (int i = 0; i < 100; i++) {
            TWO_DIGITS[2 * i] = (byte) ('0' + i / 10);
            TWO_DIGITS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private final byte[] buffer;
    private final Drain drain;
    private final StringBuilder number = new StringBuilder(32);
    private int position;
    private long drains;

    // Most text of a point repeats: the measurement, tag key and value, field keys and the dataset id
    // are the same String instances point after point. A small identity-keyed cache keeps their encoded
    // bytes; a text is cached the second time it is seen, so texts that change every point (string
    // field values) cost no allocation.
    private final String[] textKeys = new String[TEXT_CACHE];
    private final int[] textModes = new int[TEXT_CACHE];
    private final byte[][] textBytes = new byte[TEXT_CACHE][];

    // Float fields repeat too (percent clean in steps, battery, tick interval): Double.toString's output
    // is cached by the value's bits, so it is computed once per distinct value that stays in the cache.
    private final long[] floatKeys = new long[FLOAT_CACHE];
    private long timeHighBase;
    private byte[] timeHighBytes;
    private String plainToothbrushId;
    private String plainDatasetId;
    private byte[] plainHead;
    private byte[] plainTail;
    private String seriesMeasurement;
    private int seriesTagCount;
    private String[] seriesTags = new String[2];
    private byte[] seriesBytes;
    private final byte[][] floatBytes = new byte[FLOAT_CACHE][];

    LineProtocolEncoder(int capacity, Drain drain) {
        if (capacity < MIN_CAPACITY) {
            throw new IllegalArgumentException("capacity must be >= " + MIN_CAPACITY + ": " + capacity);
        }
        this.buffer = new byte[capacity];
        this.drain = java.util.Objects.requireNonNull(drain, "drain");
        java.util.Arrays.fill(floatKeys, NO_FLOAT);
    }

    /**
     * Encodes one point as one line ending in {@code \n}.
     *
     * @throws IllegalArgumentException if there are no fields (line protocol needs one)
     * @throws IOException when the drain fails; the line may then be partly drained
     */
    void encode(String measurement, long timeNanos, Tags tags, Fields fields) throws IOException {
        if (fields.size() == 0) {
            throw new IllegalArgumentException("a " + measurement + " point needs at least one field");
        }
        putSeries(measurement, tags);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                putByte((byte) ',');
            }
            putText(fields.key(i), ESCAPE_KEY);
            putByte((byte) '=');
            switch (fields.type(i)) {
                case INTEGER -> {
                    putLong(fields.longValue(i));
                    putByte((byte) 'i');
                }
                case FLOAT -> putDouble(fields.doubleValue(i));
                case STRING -> {
                    putByte((byte) '"');
                    putText(fields.stringValue(i), ESCAPE_STRING);
                    putByte((byte) '"');
                }
                case BOOLEAN -> putBytes(fields.booleanValue(i) ? TRUE : FALSE);
            }
        }
        putByte((byte) ' ');
        putTimestamp(timeNanos);
        putByte((byte) '\n');
    }

    /**
     * Writes {@code measurement,tag=value,... } (with the space before the fields). Consecutive points
     * of one series pass the same String instances, so the last series' bytes are kept and copied
     * whole when the measurement and every tag are the same instances again.
     */
    private void putSeries(String measurement, Tags tags) throws IOException {
        int tagCount = tags.size();
        if (measurement == seriesMeasurement && tagCount == seriesTagCount && seriesBytes != null) {
            boolean same = true;
            for (int i = 0; i < tagCount && same; i++) {
                same = tags.key(i) == seriesTags[2 * i] && tags.value(i) == seriesTags[2 * i + 1];
            }
            if (same) {
                putBytes(seriesBytes);
                return;
            }
        }
        int start = position;
        long drainsBefore = drains;
        putText(measurement, ESCAPE_MEASUREMENT);
        for (int i = 0; i < tagCount; i++) {
            putByte((byte) ',');
            putText(tags.key(i), ESCAPE_KEY);
            putByte((byte) '=');
            putText(tags.value(i), ESCAPE_KEY);
        }
        putByte((byte) ' ');
        seriesMeasurement = measurement;
        seriesTagCount = tagCount;
        if (seriesTags.length < 2 * tagCount) {
            seriesTags = new String[2 * tagCount];
        }
        for (int i = 0; i < tagCount; i++) {
            seriesTags[2 * i] = tags.key(i);
            seriesTags[2 * i + 1] = tags.value(i);
        }
        seriesBytes = drains == drainsBefore ? java.util.Arrays.copyOfRange(buffer, start, position) : null;
    }

    /**
     * Encodes a brushing point without extra fields, byte for byte as {@link #encode} does with the
     * sink's field order: the constant text (measurement, tag, field keys, dataset id) is prepared once
     * per toothbrush and dataset, only the numbers are printed per point.
     */
    void encodePlainBrushing(String toothbrushId, String datasetId, long timeNanos, long tick, int tooth,
                             double percentClean) throws IOException {
        if (toothbrushId != plainToothbrushId || datasetId != plainDatasetId) {
            plainHead = constantBytes("brushing,toothbrush_id=", toothbrushId, ESCAPE_KEY, " tick=");
            plainTail = constantBytes(",dataset_id=\"", datasetId, ESCAPE_STRING, "\" ");
            plainToothbrushId = toothbrushId;
            plainDatasetId = datasetId;
        }
        putBytes(plainHead);
        putLong(tick);
        putBytes(TOOTH_KEY);
        putLong(tooth);
        putBytes(PERCENT_KEY);
        putDouble(percentClean);
        putBytes(plainTail);
        putTimestamp(timeNanos);
        putByte((byte) '\n');
    }

    /** {@code before} as is, {@code text} escaped for {@code mode}, {@code after} as is, in UTF-8. */
    private static byte[] constantBytes(String before, String text, int mode, String after) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        LineProtocolEncoder scratch = new LineProtocolEncoder(MIN_CAPACITY, (bytes, length) -> out.write(bytes, 0, length));
        scratch.encodeText(text, mode);
        scratch.drain();
        byte[] head = before.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] middle = out.toByteArray();
        byte[] tail = after.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] all = java.util.Arrays.copyOf(head, head.length + middle.length + tail.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }

    /** Hands every buffered byte to the drain. */
    void drain() throws IOException {
        if (position > 0) {
            int length = position;
            position = 0;
            drains++;
            drain.accept(buffer, length);
        }
    }

    /** Drops the buffered bytes without draining them. */
    void reset() {
        position = 0;
    }

    /** The number of bytes encoded but not drained yet. */
    int buffered() {
        return position;
    }

    private void ensure(int length) throws IOException {
        if (position + length > buffer.length) {
            drain();
        }
    }

    private void putByte(byte b) throws IOException {
        if (position == buffer.length) {
            drain();
        }
        buffer[position++] = b;
    }

    private void putBytes(byte[] bytes) throws IOException {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    private void putText(String text, int escapeMode) throws IOException {
        if (text.length() > MAX_CACHED_TEXT) {
            encodeText(text, escapeMode);
            return;
        }
        int slot = System.identityHashCode(text) & (TEXT_CACHE - 1);
        if (textKeys[slot] != text || textModes[slot] != escapeMode) {
            textKeys[slot] = text;
            textModes[slot] = escapeMode;
            textBytes[slot] = null;
            encodeText(text, escapeMode);
            return;
        }
        byte[] cached = textBytes[slot];
        if (cached != null) {
            putBytes(cached);
            return;
        }
        // Seen for the second time: encode it once more and keep its bytes, if no drain split them.
        ensure(text.length() * 6);
        int start = position;
        long drainsBefore = drains;
        encodeText(text, escapeMode);
        if (drains == drainsBefore) {
            textBytes[slot] = java.util.Arrays.copyOfRange(buffer, start, position);
        }
    }

    private void encodeText(String text, int escapeMode) throws IOException {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            ensure(6);
            byte[] buf = buffer;
            if (c < 0x80) {
                if (c < 0x20) {
                    buf[position++] = '\\';
                    buf[position++] = 'u';
                    buf[position++] = '0';
                    buf[position++] = '0';
                    buf[position++] = HEX[c >> 4];
                    buf[position++] = HEX[c & 0xF];
                } else if (c == '\\' && escapeMode != ESCAPE_STRING && ambiguousBackslash(text, i + 1, escapeMode)) {
                    buf[position++] = '\\';
                    buf[position++] = 'u';
                    buf[position++] = '0';
                    buf[position++] = '0';
                    buf[position++] = '5';
                    buf[position++] = 'C';
                } else {
                    if ((ESCAPES[c] & escapeMode) != 0) {
                        buf[position++] = '\\';
                    }
                    buf[position++] = (byte) c;
                }
            } else if (c < 0x800) {
                buf[position++] = (byte) (0xC0 | (c >> 6));
                buf[position++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                char low = i + 1 < length ? text.charAt(i + 1) : 0;
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
                    int codePoint = Character.toCodePoint(c, low);
                    buf[position++] = (byte) (0xF0 | (codePoint >> 18));
                    buf[position++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                    buf[position++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                    buf[position++] = (byte) (0x80 | (codePoint & 0x3F));
                    i++;
                } else {
                    buf[position++] = '?';
                }
            } else {
                buf[position++] = (byte) (0xE0 | (c >> 12));
                buf[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[position++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    /**
     * True when a backslash in a name, followed by {@code text.charAt(next)}, would be read as an
     * escape: at the end, before another backslash, a control character or a character this position
     * escapes.
     */
    private static boolean ambiguousBackslash(String text, int next, int escapeMode) {
        if (next == text.length()) {
            return true;
        }
        char c = text.charAt(next);
        return c == '\\' || c < 0x20 || (c < 0x80 && (ESCAPES[c] & escapeMode) != 0);
    }

    private void putLong(long value) throws IOException {
        if (value == Long.MIN_VALUE) {
            putBytes(MIN_LONG);
            return;
        }
        ensure(20);
        if (value < 0) {
            buffer[position++] = '-';
            value = -value;
        }
        // Nanosecond timestamps have 19 digits: split into 8-digit int chunks, so every division is an
        // int division by a constant (a multiplication) instead of 18 long divisions.
        if (value < EIGHT_DIGITS) {
            putPlainInt((int) value);
        } else if (value < SIXTEEN_DIGITS) {
            long high = value / EIGHT_DIGITS;
            putPlainInt((int) high);
            putEightDigits((int) (value - high * EIGHT_DIGITS));
        } else {
            long high = value / SIXTEEN_DIGITS;
            long rest = value - high * SIXTEEN_DIGITS;
            long middle = rest / EIGHT_DIGITS;
            putPlainInt((int) high);
            putEightDigits((int) middle);
            putEightDigits((int) (rest - middle * EIGHT_DIGITS));
        }
    }

    /**
     * Writes a timestamp. Consecutive points are close in time, so the digits above the last ten (a
     * 10 s window) usually repeat: they are kept and copied, and only the last ten are printed.
     */
    private void putTimestamp(long value) throws IOException {
        if (value >= TEN_DIGITS) {
            if (timeHighBytes == null || value < timeHighBase || value - timeHighBase >= TEN_DIGITS) {
                long high = value / TEN_DIGITS;
                ensure(20);
                int start = position;
                putLong(high);
                timeHighBytes = java.util.Arrays.copyOfRange(buffer, start, position);
                timeHighBase = high * TEN_DIGITS;
            } else {
                ensure(timeHighBytes.length + 10);
                System.arraycopy(timeHighBytes, 0, buffer, position, timeHighBytes.length);
                position += timeHighBytes.length;
            }
            long low = value - timeHighBase;
            int top = (int) (low / EIGHT_DIGITS);
            buffer[position++] = TWO_DIGITS[top * 2];
            buffer[position++] = TWO_DIGITS[top * 2 + 1];
            putEightDigits((int) (low - top * EIGHT_DIGITS));
        } else {
            putLong(value);
        }
    }

    /** Writes {@code 0 <= value < 10^8} without leading zeros. */
    private void putPlainInt(int value) {
        int length = value < 10 ? 1 : value < 100 ? 2 : value < 1_000 ? 3 : value < 10_000 ? 4
                : value < 100_000 ? 5 : value < 1_000_000 ? 6 : value < 10_000_000 ? 7 : 8;
        int end = position + length;
        int at = end;
        while (value >= 100) {
            int pair = (value % 100) * 2;
            value /= 100;
            buffer[--at] = TWO_DIGITS[pair + 1];
            buffer[--at] = TWO_DIGITS[pair];
        }
        if (value >= 10) {
            buffer[--at] = TWO_DIGITS[value * 2 + 1];
            buffer[--at] = TWO_DIGITS[value * 2];
        } else {
            buffer[--at] = (byte) ('0' + value);
        }
        position = end;
    }

    /** Writes {@code 0 <= value < 10^8} as exactly eight digits. */
    private void putEightDigits(int value) {
        int at = position + 8;
        for (int i = 0; i < 4; i++) {
            int pair = (value % 100) * 2;
            value /= 100;
            buffer[--at] = TWO_DIGITS[pair + 1];
            buffer[--at] = TWO_DIGITS[pair];
        }
        position += 8;
    }

    private void putDouble(double value) throws IOException {
        long bits = Double.doubleToRawLongBits(value);
        // Fibonacci hashing: the top bits of the product depend on every bit of the value.
        int slot = (int) (((bits ^ (bits >>> 32)) * 0x9E3779B97F4A7C15L) >>> (64 - FLOAT_CACHE_BITS));
        if (floatKeys[slot] == bits) {
            putBytes(floatBytes[slot]);
            return;
        }
        StringBuilder text = number;
        text.setLength(0);
        text.append(value);
        int length = text.length();
        byte[] encoded = new byte[length];
        for (int i = 0; i < length; i++) {
            encoded[i] = (byte) text.charAt(i);
        }
        floatKeys[slot] = bits;
        floatBytes[slot] = encoded;
        putBytes(encoded);
    }
}
