package toothbrush.ingest.adapter.llamadb;

import java.util.LinkedHashMap;
import java.util.Map;
import toothbrush.ingest.application.testing.StoredPoint;

/** Reads InfluxDB line protocol back into {@link StoredPoint}s, undoing the escapes as InfluxDB does. */
final class LineProtocolReader {
    private final String line;
    private int at;

    private LineProtocolReader(String line) {
        this.line = line;
    }

    /** Parses one line (without its {@code \n}). */
    static StoredPoint parse(String line) {
        return new LineProtocolReader(line).point();
    }

    private StoredPoint point() {
        String measurement = token(", ", ", ");
        Map<String, String> tags = new LinkedHashMap<>();
        while (line.charAt(at) == ',') {
            at++;
            String key = token("=", ",= ");
            at++;
            tags.put(key, token(", ", ",= "));
        }
        expect(' ');
        Map<String, Object> fields = new LinkedHashMap<>();
        do {
            if (!fields.isEmpty()) {
                at++;
            }
            String key = token("=", ",= ");
            at++;
            fields.put(key, value());
        } while (line.charAt(at) == ',');
        expect(' ');
        long time = Long.parseLong(line.substring(at));
        StoredPoint.Builder point = new StoredPoint.Builder(measurement, time);
        tags.forEach(point::tag);
        fields.forEach(point::field);
        return point.build();
    }

    /** Reads up to an unescaped stop character; {@code \x} stands for x when x is escapable. */
    private String token(String stops, String escapable) {
        StringBuilder text = new StringBuilder();
        while (at < line.length() && stops.indexOf(line.charAt(at)) < 0) {
            char c = line.charAt(at++);
            if (c == '\\' && at < line.length() && escapable.indexOf(line.charAt(at)) >= 0) {
                c = line.charAt(at++);
            }
            text.append(c);
        }
        if (at == line.length()) {
            throw new IllegalArgumentException("truncated line: " + line);
        }
        return text.toString();
    }

    private Object value() {
        if (line.charAt(at) == '"') {
            at++;
            StringBuilder text = new StringBuilder();
            while (line.charAt(at) != '"') {
                char c = line.charAt(at++);
                if (c == '\\' && (line.charAt(at) == '"' || line.charAt(at) == '\\')) {
                    c = line.charAt(at++);
                }
                text.append(c);
            }
            at++;
            return text.toString();
        }
        int start = at;
        while (line.charAt(at) != ',' && line.charAt(at) != ' ') {
            at++;
        }
        String text = line.substring(start, at);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (text.endsWith("i")) {
            return Long.valueOf(text.substring(0, text.length() - 1));
        }
        return Double.valueOf(text);
    }

    private void expect(char c) {
        if (line.charAt(at) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + at + ": " + line);
        }
        at++;
    }
}
