package toothbrush.ingest.adapter.llamadb;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes points as InfluxDB line protocol straight into a reusable byte buffer, handing full buffers
 * to a {@link Drain}. No per-point allocation: integers are printed four digits per store, floats are
 * {@link Double#toString(double)}'s text, computed once per distinct value and cached.
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
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    private static final String PLAIN_MEASUREMENT_AND_TAG =
            PointSchema.BRUSHING + "," + PointSchema.TOOTHBRUSH_ID + "=";
    private static final String PLAIN_TICK_KEY = " " + PointSchema.TICK + "=";
    private static final String PLAIN_DATASET_KEY = "," + PointSchema.DATASET_ID + "=\"";
    private static final PackedText TOOTH_KEY = PackedText.ascii("i," + PointSchema.TOOTH + "=");
    private static final PackedText PERCENT_KEY = PackedText.ascii("i," + PointSchema.PERCENT_CLEAN + "=");

    static {
        ESCAPES[','] = ESCAPE_MEASUREMENT | ESCAPE_KEY;
        ESCAPES[' '] = ESCAPE_MEASUREMENT | ESCAPE_KEY;
        ESCAPES['='] = ESCAPE_KEY;
        ESCAPES['"'] = ESCAPE_STRING;
        ESCAPES['\\'] = ESCAPE_STRING;
    }

    // Numbers and constant text are stored a word at a time through these views (explicitly
    // little-endian, so byte i of a value is byte i in the buffer on any machine). A word store may
    // write up to SLACK - 1 bytes past the end of what it means to write: every capacity check of a
    // word-writing token asks for SLACK bytes more, and whatever lies past the position is overwritten
    // by the next token or never drained.
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int SLACK = Long.BYTES;
    /** The longest decimal long, {@code -9223372036854775808}. */
    private static final int MAX_LONG_TEXT = 20;
    /** Longer than any {@link Double#toString(double)}. */
    private static final int MAX_DOUBLE_TEXT = 32;
    /** 0..9999 as four ASCII digits, the first digit in the lowest byte (the first in the buffer). */
    private static final int[] FOUR_DIGITS = new int[10_000];

    static {
        for (int i = 0; i < FOUR_DIGITS.length; i++) {
            FOUR_DIGITS[i] =
                    ('0' + i / 1000) | ('0' + i / 100 % 10) << 8 | ('0' + i / 10 % 10) << 16 | ('0' + i % 10) << 24;
        }
    }

    /** Entries of the text and float caches (powers of two). */
    private static final int TEXT_CACHE = 64;

    private static final int FLOAT_CACHE_BITS = 14;
    private static final int FLOAT_CACHE = 1 << FLOAT_CACHE_BITS;
    /** Texts longer than this are never cached. */
    private static final int MAX_CACHED_TEXT = 128;

    private static final long EIGHT_DIGITS = 100_000_000L;
    private static final long SIXTEEN_DIGITS = EIGHT_DIGITS * EIGHT_DIGITS;
    private static final long TEN_DIGITS = 100 * EIGHT_DIGITS;
    /** The numbers and fixed keys of a plain brushing point at their longest, with the slack. */
    private static final int PLAIN_BRUSHING_VARIABLE = MAX_LONG_TEXT
            + TOOTH_KEY.length()
            + MAX_LONG_TEXT
            + PERCENT_KEY.length()
            + MAX_DOUBLE_TEXT
            + MAX_LONG_TEXT
            + 1
            + SLACK;

    private final byte[] buffer;
    private final Drain drain;
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
    // A text of up to eight bytes (most: 0.347) is kept as one word and written with one store.
    private final long[] floatKeys = new long[FLOAT_CACHE];
    /** 0 for an empty slot (Double.toString is never empty). */
    private final byte[] floatLengths = new byte[FLOAT_CACHE];

    private final long[] floatWords = new long[FLOAT_CACHE];
    /** The whole text, for one longer than a word. */
    private final byte[][] floatBytes = new byte[FLOAT_CACHE][];

    // The digits of a timestamp above its last ten (its 10 s window), as last written.
    private long timeHighBase;
    private PackedText timeHigh;

    // The constant text of a plain brushing point, for the toothbrush and dataset last seen.
    private String plainToothbrushId;
    private String plainDatasetId;
    private PackedText plainHead;
    private PackedText plainTail;

    // The series (measurement and tags) last written, as String instances and as bytes.
    private String seriesMeasurement;
    private int seriesTagCount;
    private String[] seriesTags = new String[2];
    private byte[] seriesBytes;

    LineProtocolEncoder(int capacity, Drain drain) {
        if (capacity < MIN_CAPACITY) {
            throw new IllegalArgumentException("capacity must be >= " + MIN_CAPACITY + ": " + capacity);
        }
        this.buffer = new byte[capacity];
        this.drain = java.util.Objects.requireNonNull(drain, "drain");
    }

    /**
     * Encodes one point as one line ending in {@code \n}.
     *
     * @throws IllegalArgumentException if there are no fields (line protocol needs one)
     * @throws IOException when the drain fails; the line may then be partly drained
     */
    void encode(String measurement, long timeNanos, Tags tags, Fields fields) throws IOException {
        if (PointSchema.isPlainBrushing(measurement, tags, fields)) {
            encodePlainBrushing(
                    tags.value(0),
                    fields.stringValue(3),
                    timeNanos,
                    fields.longValue(0),
                    (int) fields.longValue(1),
                    fields.doubleValue(2));
            return;
        }
        encodeGeneric(measurement, timeNanos, tags, fields);
    }

    /** {@link #encode} without the plain-brushing shortcut: every point token by token. */
    void encodeGeneric(String measurement, long timeNanos, Tags tags, Fields fields) throws IOException {
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
        seriesBytes = drains == drainsBefore ? Arrays.copyOfRange(buffer, start, position) : null;
    }

    /**
     * Encodes a brushing point without extra fields, byte for byte as {@link #encodeGeneric} does with the
     * sink's field order: the constant text (measurement, tag, field keys, dataset id) is prepared once
     * per toothbrush and dataset, only the numbers are printed per point, after one capacity check for
     * the whole line.
     */
    void encodePlainBrushing(
            String toothbrushId, String datasetId, long timeNanos, long tick, int tooth, double percentClean)
            throws IOException {
        if (toothbrushId != plainToothbrushId || datasetId != plainDatasetId) {
            plainHead =
                    PackedText.of(constantBytes(PLAIN_MEASUREMENT_AND_TAG, toothbrushId, ESCAPE_KEY, PLAIN_TICK_KEY));
            plainTail = PackedText.of(constantBytes(PLAIN_DATASET_KEY, datasetId, ESCAPE_STRING, "\" "));
            plainToothbrushId = toothbrushId;
            plainDatasetId = datasetId;
        }
        PackedText head = plainHead;
        PackedText tail = plainTail;
        int longest = head.length() + tail.length() + PLAIN_BRUSHING_VARIABLE;
        if (position + longest > buffer.length) {
            drain();
            if (longest > buffer.length) {
                // ids too long for the buffer: token by token, draining between tokens
                putBytes(head.bytes());
                putLong(tick);
                putBytes(TOOTH_KEY.bytes());
                putLong(tooth);
                putBytes(PERCENT_KEY.bytes());
                putDouble(percentClean);
                putBytes(tail.bytes());
                putTimestamp(timeNanos);
                putByte((byte) '\n');
                return;
            }
        }
        byte[] buf = buffer;
        int at = head.writeTo(buf, position);
        at = writeLong(buf, at, tick);
        at = TOOTH_KEY.writeTo(buf, at);
        at = writeLong(buf, at, tooth);
        at = PERCENT_KEY.writeTo(buf, at);
        at = writeDouble(buf, at, percentClean);
        at = tail.writeTo(buf, at);
        at = writeTimestamp(buf, at, timeNanos);
        buf[at++] = '\n';
        position = at;
    }

    /** {@code before} as is, {@code text} escaped for {@code mode}, {@code after} as is, in UTF-8. */
    private static byte[] constantBytes(String before, String text, int mode, String after) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.US_ASCII));
        LineProtocolEncoder scratch =
                new LineProtocolEncoder(MIN_CAPACITY, (bytes, length) -> out.write(bytes, 0, length));
        scratch.encodeText(text, mode);
        scratch.drain();
        out.writeBytes(after.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
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
        if (bytes.length > buffer.length) {
            // longer than the whole buffer (a huge id in a small buffer): straight to the drain
            drain();
            drains++;
            drain.accept(bytes, bytes.length);
            return;
        }
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
            textBytes[slot] = Arrays.copyOfRange(buffer, start, position);
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
        ensure(MAX_LONG_TEXT + SLACK);
        position = writeLong(buffer, position, value);
    }

    private void putTimestamp(long value) throws IOException {
        ensure(MAX_LONG_TEXT + SLACK);
        position = writeTimestamp(buffer, position, value);
    }

    private void putDouble(double value) throws IOException {
        ensure(MAX_DOUBLE_TEXT + SLACK);
        position = writeDouble(buffer, position, value);
    }

    /**
     * Writes a timestamp at {@code at}, returning its end ({@code MAX_LONG_TEXT + SLACK} bytes of room
     * needed). Consecutive points are close in time, so the digits above the last ten (a 10 s window)
     * usually repeat: they are kept and copied, and only the last ten are printed.
     */
    private int writeTimestamp(byte[] buf, int at, long value) {
        if (value < TEN_DIGITS) {
            return writeLong(buf, at, value);
        }
        if (timeHigh == null || value < timeHighBase || value - timeHighBase >= TEN_DIGITS) {
            long high = value / TEN_DIGITS;
            int end = writeLong(buf, at, high);
            timeHigh = PackedText.of(Arrays.copyOfRange(buf, at, end));
            timeHighBase = high * TEN_DIGITS;
            at = end;
        } else {
            at = timeHigh.writeTo(buf, at);
        }
        long low = value - timeHighBase;
        int top = (int) (low / EIGHT_DIGITS);
        buf[at] = (byte) ('0' + top / 10);
        buf[at + 1] = (byte) ('0' + top % 10);
        return writeEightDigits(buf, at + 2, (int) (low - top * EIGHT_DIGITS));
    }

    /** Writes {@code value} at {@code at}, returning its end ({@code MAX_LONG_TEXT + SLACK} bytes of room needed). */
    static int writeLong(byte[] buf, int at, long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                System.arraycopy(MIN_LONG, 0, buf, at, MIN_LONG.length);
                return at + MIN_LONG.length;
            }
            buf[at++] = '-';
            value = -value;
        }
        // A nanosecond timestamp has 19 digits: split into 8-digit int chunks, so every division is an
        // int division by a constant (a multiplication) instead of 18 long divisions.
        if (value < EIGHT_DIGITS) {
            return writeUpToEightDigits(buf, at, (int) value);
        }
        if (value < SIXTEEN_DIGITS) {
            long high = value / EIGHT_DIGITS;
            at = writeUpToEightDigits(buf, at, (int) high);
            return writeEightDigits(buf, at, (int) (value - high * EIGHT_DIGITS));
        }
        long high = value / SIXTEEN_DIGITS;
        long rest = value - high * SIXTEEN_DIGITS;
        long middle = rest / EIGHT_DIGITS;
        at = writeUpToEightDigits(buf, at, (int) high);
        at = writeEightDigits(buf, at, (int) middle);
        return writeEightDigits(buf, at, (int) (rest - middle * EIGHT_DIGITS));
    }

    /** Writes {@code 0 <= value < 10^8} without leading zeros (may store 3 bytes past the end it returns). */
    private static int writeUpToEightDigits(byte[] buf, int at, int value) {
        if (value < 10_000) {
            return writeUpToFourDigits(buf, at, value);
        }
        int high = value / 10_000;
        at = writeUpToFourDigits(buf, at, high);
        INTS.set(buf, at, FOUR_DIGITS[value - high * 10_000]);
        return at + 4;
    }

    /** Writes {@code 0 <= value < 10^4} without leading zeros: the last digits of its four, in one store. */
    private static int writeUpToFourDigits(byte[] buf, int at, int value) {
        int leadingZeros = value < 10 ? 3 : value < 100 ? 2 : value < 1_000 ? 1 : 0;
        INTS.set(buf, at, FOUR_DIGITS[value] >>> (8 * leadingZeros));
        return at + 4 - leadingZeros;
    }

    /** Writes {@code 0 <= value < 10^8} as exactly eight digits. */
    private static int writeEightDigits(byte[] buf, int at, int value) {
        int high = value / 10_000;
        INTS.set(buf, at, FOUR_DIGITS[high]);
        INTS.set(buf, at + 4, FOUR_DIGITS[value - high * 10_000]);
        return at + 8;
    }

    /** Writes {@code Double.toString(value)} at {@code at}, returning its end ({@code MAX_DOUBLE_TEXT + SLACK} bytes of room needed). */
    private int writeDouble(byte[] buf, int at, double value) {
        long bits = Double.doubleToRawLongBits(value);
        // Fibonacci hashing: the top bits of the product depend on every bit of the value.
        int slot = (int) (((bits ^ (bits >>> 32)) * 0x9E3779B97F4A7C15L) >>> (64 - FLOAT_CACHE_BITS));
        int length = floatLengths[slot];
        if (floatKeys[slot] != bits || length == 0) {
            byte[] text = Double.toString(value).getBytes(StandardCharsets.US_ASCII);
            length = text.length;
            floatKeys[slot] = bits;
            floatLengths[slot] = (byte) length;
            floatWords[slot] = PackedText.word(text, 0);
            floatBytes[slot] = length > Long.BYTES ? text : null;
        }
        if (length <= Long.BYTES) {
            LONGS.set(buf, at, floatWords[slot]);
        } else {
            System.arraycopy(floatBytes[slot], 0, buf, at, length);
        }
        return at + length;
    }

    /**
     * Constant ASCII or UTF-8 text kept as little-endian words too, so that it is written with one
     * store per eight bytes (storing up to seven bytes past its end).
     */
    record PackedText(byte[] bytes, long[] words) {

        static PackedText ascii(String text) {
            return of(text.getBytes(StandardCharsets.US_ASCII));
        }

        static PackedText of(byte[] bytes) {
            long[] words = new long[(bytes.length + Long.BYTES - 1) / Long.BYTES];
            for (int i = 0; i < words.length; i++) {
                words[i] = word(bytes, i * Long.BYTES);
            }
            return new PackedText(bytes, words);
        }

        /** Up to eight bytes from {@code from} as a little-endian word, zero past the end. */
        static long word(byte[] bytes, int from) {
            long word = 0;
            for (int i = Math.min(bytes.length - from, Long.BYTES) - 1; i >= 0; i--) {
                word = word << 8 | (bytes[from + i] & 0xFF);
            }
            return word;
        }

        int length() {
            return bytes.length;
        }

        /** Writes the text at {@code at}, returning its end. */
        int writeTo(byte[] buf, int at) {
            long[] w = words;
            for (int i = 0; i < w.length; i++) {
                LONGS.set(buf, at + i * Long.BYTES, w[i]);
            }
            return at + bytes.length;
        }
    }
}
