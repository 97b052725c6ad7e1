package toothbrush.ingest.bootstrap.oracle;

import java.util.Map;
import java.util.TreeMap;

/**
 * One point as the oracle sees it: measurement, tags, typed fields and a nanosecond timestamp.
 *
 * <p>Field values are {@link Long} (integer), {@link Double} (float), {@link String} or
 * {@link Boolean}.
 */
record OraclePoint(String measurement, Map<String, String> tags, Map<String, Object> fields, long timestampNs) {

    OraclePoint {
        tags = new TreeMap<>(tags);
        fields = new TreeMap<>(fields);
    }

    /** Type name of a field value as SPEC and line protocol call it. */
    static String typeOf(Object value) {
        if (value instanceof Long) {
            return "integer";
        }
        if (value instanceof Double) {
            return "float";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        throw new IllegalArgumentException("unsupported field value " + value);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(measurement);
        tags.forEach((k, v) -> text.append(',').append(k).append('=').append(v));
        text.append(' ');
        boolean first = true;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (!first) {
                text.append(',');
            }
            first = false;
            text.append(field.getKey()).append('=');
            Object value = field.getValue();
            if (value instanceof String s) {
                text.append('"').append(escapeForDisplay(s)).append('"');
            } else if (value instanceof Long l) {
                text.append(l).append('i');
            } else {
                text.append(value);
            }
        }
        return text.append(' ').append(timestampNs).toString();
    }

    private static String escapeForDisplay(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
