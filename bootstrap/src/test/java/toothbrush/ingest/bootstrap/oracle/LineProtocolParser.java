package toothbrush.ingest.bootstrap.oracle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses InfluxDB line protocol as SPEC "Line protocol" describes it back into oracle points, strictly:
 * floats must be in Java {@code Double.toString} form, integers end in {@code i}.
 */
final class LineProtocolParser {

    /** A line that is not the line protocol SPEC describes. */
    static final class LineProtocolException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LineProtocolException(String message, String line) {
            super(message + " in line: " + line);
        }
    }

    private final String line;
    private int position;

    private LineProtocolParser(String line) {
        this.line = line;
    }

    /** Parses every non-empty line of a line protocol text. */
    static List<OraclePoint> parseAll(String text) {
        List<OraclePoint> points = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                points.add(parse(line));
            }
        }
        return points;
    }

    /** Parses one line. */
    static OraclePoint parse(String line) {
        return new LineProtocolParser(line).point();
    }

    private OraclePoint point() {
        String measurement = token(new char[] {',', ' '}, false);
        Map<String, String> tags = new LinkedHashMap<>();
        while (peek() == ',') {
            position++;
            String key = token(new char[] {'='}, true);
            expect('=');
            String value = token(new char[] {',', ' '}, true);
            if (tags.put(key, value) != null) {
                throw new LineProtocolException("duplicate tag " + key, line);
            }
        }
        expect(' ');
        Map<String, Object> fields = new LinkedHashMap<>();
        while (true) {
            String key = token(new char[] {'='}, true);
            expect('=');
            Object value = fieldValue();
            if (fields.put(key, value) != null) {
                throw new LineProtocolException("duplicate field " + key, line);
            }
            if (peek() == ',') {
                position++;
                continue;
            }
            break;
        }
        expect(' ');
        String timestamp = line.substring(position);
        if (!timestamp.matches("-?[0-9]+")) {
            throw new LineProtocolException("bad timestamp '" + timestamp + "'", line);
        }
        return new OraclePoint(measurement, tags, fields, Long.parseLong(timestamp));
    }

    private int peek() {
        return position < line.length() ? line.charAt(position) : -1;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new LineProtocolException("expected '" + c + "' at " + position, line);
        }
        position++;
    }

    /** Reads up to an unescaped stop character; a backslash escapes the next character when it is special. */
    private String token(char[] stops, boolean escapesEquals) {
        StringBuilder out = new StringBuilder();
        while (position < line.length()) {
            char c = line.charAt(position);
            if (c == '\\' && position + 1 < line.length()) {
                char next = line.charAt(position + 1);
                if (next == ',' || next == ' ' || (escapesEquals && next == '=')) {
                    out.append(next);
                    position += 2;
                    continue;
                }
            }
            for (char stop : stops) {
                if (c == stop) {
                    if (out.length() == 0) {
                        throw new LineProtocolException("empty name at " + position, line);
                    }
                    return out.toString();
                }
            }
            out.append(c);
            position++;
        }
        throw new LineProtocolException("unexpected end of line", line);
    }

    private Object fieldValue() {
        if (peek() == '"') {
            position++;
            StringBuilder out = new StringBuilder();
            while (position < line.length()) {
                char c = line.charAt(position);
                if (c == '\\'
                        && position + 1 < line.length()
                        && (line.charAt(position + 1) == '"' || line.charAt(position + 1) == '\\')) {
                    out.append(line.charAt(position + 1));
                    position += 2;
                } else if (c == '"') {
                    position++;
                    return out.toString();
                } else {
                    out.append(c);
                    position++;
                }
            }
            throw new LineProtocolException("unclosed string field", line);
        }
        int start = position;
        while (position < line.length() && line.charAt(position) != ',' && line.charAt(position) != ' ') {
            position++;
        }
        String text = line.substring(start, position);
        if (text.matches("-?[0-9]+i")) {
            return Long.parseLong(text.substring(0, text.length() - 1));
        }
        switch (text) {
            case "t", "T", "true", "True", "TRUE":
                return Boolean.TRUE;
            case "f", "F", "false", "False", "FALSE":
                return Boolean.FALSE;
            default:
                break;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new LineProtocolException("bad field value '" + text + "'", line);
        }
        if (!text.equals(Double.toString(value)) || !text.matches("[-0-9.E]+")) {
            throw new LineProtocolException("float '" + text + "' is not in Double.toString form", line);
        }
        return value;
    }
}
