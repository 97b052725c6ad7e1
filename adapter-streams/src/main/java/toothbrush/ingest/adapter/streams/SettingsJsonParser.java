package toothbrush.ingest.adapter.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import toothbrush.ingest.application.port.LineKind;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.event.SettingsUpdate;
import toothbrush.ingest.domain.rules.Limits;
import toothbrush.ingest.domain.rules.RejectReason;
import toothbrush.ingest.domain.time.ExactSeconds;

/**
 * Reads the settings JSON-lines stream as updates: applies, in S9's order, L3, L4, L5, S1, S2, S3 and
 * the value drops of S4, S5 and S8 (counted in {@link SettingsUpdate#droppedFields()}). S6, S7 and type
 * pinning are the domain's.
 *
 * <p>Each line goes through Jackson's streaming parser, configured strictly (RFC 8259: no comments,
 * {@code NaN}, single quotes, unquoted names, trailing commas, leading zeros), with duplicate
 * detection off because S1 lets the last value of a repeated key win.
 *
 * <p>Timestamp and tick interval are validated on their nearest double (S2, S5) and kept as the exact
 * decimal of the number's text (A3): a valid value is read from Jackson's text buffer, never through
 * a double.
 */
public final class SettingsJsonParser extends InputLineStream<SettingsUpdate> {

    /** One strict factory for every line; its limits let any JSON that fits in a line (L3) parse. */
    static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .disable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .disable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .disable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .disable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_MISSING_VALUES)
            .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .disable(JsonReadFeature.ALLOW_RS_CONTROL_CHAR)
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Limits.MAX_LINE_BYTES)
                    .maxStringLength(Limits.MAX_LINE_BYTES)
                    .maxNameLength(Limits.MAX_LINE_BYTES)
                    .maxNestingDepth(Limits.MAX_LINE_BYTES)
                    .build())
            .build();

    // what a top-level key's value was
    private static final byte ABSENT = 0;
    private static final byte STRING = 1;
    private static final byte FLOAT = 2;
    /** A JSON integer that fits a long ({@link #tickExact}). */
    private static final byte INTEGER = 3;
    /** A JSON integer beyond the long range. */
    private static final byte HUGE_INTEGER = 4;

    private static final byte BOOLEAN = 5;
    private static final byte NULL = 6;
    private static final byte OBJECT = 7;
    private static final byte ARRAY = 8;

    /** Extra keys compared linearly up to this many, then through {@link #extraIndex}. */
    private static final int LINEAR_LOOKUP_MAX = 16;

    // the line being parsed: one slot per known key, last value wins
    private byte timestampKind;
    private double timestamp;
    /** The exact timestamp when {@link #timestamp} is in S2's range, else null. */
    private ExactSeconds timestampExact;

    private byte tickKind;
    private long tickExact;
    private double tickDouble;
    private byte batteryKind;
    private double battery;
    private byte intervalKind;
    private double interval;
    /** The exact interval when {@link #interval} is in S5's range, else null. */
    private ExactSeconds intervalExact;
    // other keys, in order of first appearance
    private int extraCount;
    private String[] extraNames = new String[8];
    private byte[] extraKinds = new byte[8];
    private String[] extraStrings = new String[8];
    private double[] extraNumbers = new double[8];
    private boolean[] extraBooleans = new boolean[8];
    private final Map<String, Integer> extraIndex = new HashMap<>();
    /** The update of the current line when it parsed, else null. */
    private SettingsUpdate update;

    /** Parses the lines of {@code input}; closing this closes it. */
    public SettingsJsonParser(StreamInput input) {
        super(input);
    }

    @Override
    LineKind parseLine(byte[] b, int start, int end) {
        update = null;
        if (!readObject(b, start, end)) {
            return reject(RejectReason.MALFORMED);
        }
        return evaluate();
    }

    @Override
    SettingsUpdate record() {
        requireParsed();
        return update;
    }

    /**
     * S1: reads {@code b[from, to)} as exactly one JSON object into the per-key slots.
     *
     * @return false if it is not one JSON object (invalid JSON, another value, trailing garbage)
     */
    private boolean readObject(byte[] b, int from, int to) {
        int start = from;
        while (start < to && (b[start] == ' ' || b[start] == '\t' || b[start] == '\r')) {
            start++;
        }
        // Jackson guesses UTF-16/32 from NUL bytes among the first four; JSON text never has a raw NUL.
        if (start == to || b[start] != '{' || hasNul(b, start + 1, Math.min(start + 4, to))) {
            return false;
        }
        timestampKind = ABSENT;
        tickKind = ABSENT;
        batteryKind = ABSENT;
        intervalKind = ABSENT;
        clearExtras();
        try (JsonParser p = JSON.createParser(b, start, to - start)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken value = p.nextToken();
                switch (name) {
                    case "timestamp":
                        timestampKind = kindOf(p, value);
                        if (isNumber(timestampKind)) {
                            timestamp = p.getDoubleValue();
                            timestampExact =
                                    timestamp >= Limits.MIN_TIMESTAMP && timestamp < Limits.MAX_TIMESTAMP_EXCLUSIVE
                                            ? exactOf(p)
                                            : null;
                        }
                        break;
                    case "tick":
                        tickKind = kindOf(p, value);
                        if (tickKind == INTEGER) {
                            tickExact = p.getLongValue();
                        } else if (tickKind == FLOAT) {
                            tickDouble = p.getDoubleValue();
                        }
                        break;
                    case "battery":
                        batteryKind = kindOf(p, value);
                        if (isNumber(batteryKind)) {
                            battery = p.getDoubleValue();
                        }
                        break;
                    case "tick_interval":
                        intervalKind = kindOf(p, value);
                        if (isNumber(intervalKind)) {
                            interval = p.getDoubleValue();
                            intervalExact = interval > 0.0 && interval <= Limits.MAX_TICK_INTERVAL ? exactOf(p) : null;
                        }
                        break;
                    default:
                        readExtra(p, name, value);
                        break;
                }
            }
            return p.nextToken() == null;
        } catch (IOException e) {
            // Jackson's parse errors (JsonParseException, StreamConstraintsException) are IOExceptions
            return false;
        }
    }

    /** A3: the exact value of the number token at hand, from its text (its double passed S2 or S5). */
    private static ExactSeconds exactOf(JsonParser p) throws IOException {
        return ExactSeconds.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    private static boolean hasNul(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The kind of the value at {@code token}; skips the children of an object or array. */
    private static byte kindOf(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? HUGE_INTEGER : INTEGER;
            case VALUE_NUMBER_FLOAT:
                return FLOAT;
            case VALUE_STRING:
                return STRING;
            case VALUE_TRUE:
            case VALUE_FALSE:
                return BOOLEAN;
            case VALUE_NULL:
                return NULL;
            case START_OBJECT:
                p.skipChildren();
                return OBJECT;
            case START_ARRAY:
                p.skipChildren();
                return ARRAY;
            default:
                throw new IllegalStateException("unexpected JSON value token " + token);
        }
    }

    private static boolean isNumber(byte kind) {
        return kind == FLOAT || kind == INTEGER || kind == HUGE_INTEGER;
    }

    private void readExtra(JsonParser p, String name, JsonToken token) throws IOException {
        byte kind = kindOf(p, token);
        int slot = extraSlot(name);
        extraKinds[slot] = kind;
        extraStrings[slot] = null;
        if (kind == STRING) {
            extraStrings[slot] = p.getText();
        } else if (isNumber(kind)) {
            extraNumbers[slot] = p.getDoubleValue();
        } else if (kind == BOOLEAN) {
            extraBooleans[slot] = token == JsonToken.VALUE_TRUE;
        }
    }

    /** The slot of extra key {@code name}: its earlier slot when repeated (last value wins), else a new one. */
    private int extraSlot(String name) {
        if (extraCount <= LINEAR_LOOKUP_MAX) {
            for (int i = 0; i < extraCount; i++) {
                if (extraNames[i].equals(name)) {
                    return i;
                }
            }
            if (extraCount == LINEAR_LOOKUP_MAX) {
                for (int i = 0; i < extraCount; i++) {
                    extraIndex.put(extraNames[i], i);
                }
            }
        } else {
            Integer slot = extraIndex.get(name);
            if (slot != null) {
                return slot;
            }
        }
        if (extraCount == extraNames.length) {
            int capacity = extraCount * 2;
            extraNames = Arrays.copyOf(extraNames, capacity);
            extraKinds = Arrays.copyOf(extraKinds, capacity);
            extraStrings = Arrays.copyOf(extraStrings, capacity);
            extraNumbers = Arrays.copyOf(extraNumbers, capacity);
            extraBooleans = Arrays.copyOf(extraBooleans, capacity);
        }
        int slot = extraCount++;
        extraNames[slot] = name;
        if (extraCount > LINEAR_LOOKUP_MAX) {
            extraIndex.put(name, slot);
        }
        return slot;
    }

    private void clearExtras() {
        if (extraCount > LINEAR_LOOKUP_MAX) {
            extraIndex.clear();
        }
        for (int i = 0; i < extraCount; i++) {
            extraStrings[i] = null;
        }
        extraCount = 0;
    }

    /** S2, S3, then the drops of S4, S5 and S8, over the slots {@link #readObject} filled. */
    private LineKind evaluate() {
        if (!isNumber(timestampKind)
                || !(timestamp >= Limits.MIN_TIMESTAMP && timestamp < Limits.MAX_TIMESTAMP_EXCLUSIVE)) {
            return reject(RejectReason.BAD_TIMESTAMP);
        }
        long tick;
        if (tickKind == INTEGER && tickExact >= 0 && tickExact <= Limits.MAX_TICK) {
            tick = tickExact;
        } else if (tickKind == FLOAT
                && tickDouble >= 0
                && tickDouble <= Limits.MAX_TICK
                && tickDouble == Math.rint(tickDouble)) {
            tick = (long) tickDouble;
        } else {
            return reject(RejectReason.BAD_TICK);
        }
        int dropped = 0;
        Double batteryValue = null;
        if (isNumber(batteryKind) && battery >= 0.0 && battery <= 1.0) {
            batteryValue = battery + 0.0;
        } else if (batteryKind != ABSENT) {
            dropped++;
        }
        ExactSeconds intervalValue = null;
        if (isNumber(intervalKind) && interval > 0.0 && interval <= Limits.MAX_TICK_INTERVAL) {
            intervalValue = intervalExact;
        } else if (intervalKind != ABSENT) {
            dropped++;
        }
        List<ExtraField> extras = List.of();
        for (int i = 0; i < extraCount; i++) {
            FieldValue value = extraValue(i);
            if (value == null) {
                dropped++;
            } else {
                if (extras.isEmpty()) {
                    extras = new ArrayList<>(extraCount - i);
                }
                extras.add(new ExtraField(extraNames[i], value));
            }
        }
        update = new SettingsUpdate(timestampExact, tick, batteryValue, intervalValue, extras, dropped);
        return LineKind.PARSED;
    }

    /** S8: the value kept for extra key {@code i}, or null when it is dropped. */
    private FieldValue extraValue(int i) {
        String name = extraNames[i];
        if (name.isEmpty()
                || name.equals("time")
                || name.equals("toothbrush_id")
                || name.equals("dataset_id")
                || !isCleanText(name)) {
            return null;
        }
        switch (extraKinds[i]) {
            case STRING:
                return isCleanText(extraStrings[i]) ? new FieldValue.StringValue(extraStrings[i]) : null;
            case FLOAT:
            case INTEGER:
            case HUGE_INTEGER:
                return Double.isFinite(extraNumbers[i]) ? new FieldValue.FloatValue(extraNumbers[i]) : null;
            case BOOLEAN:
                return new FieldValue.BooleanValue(extraBooleans[i]);
            default:
                return null; // null, object, array
        }
    }

    /** S8: no control character below U+0020 and no unpaired surrogate. */
    static boolean isCleanText(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }
}
