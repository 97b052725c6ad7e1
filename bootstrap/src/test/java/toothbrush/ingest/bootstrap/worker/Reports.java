package toothbrush.ingest.bootstrap.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two report JSON objects field by field. Numbers compare by value, since a PostgreSQL queue stores the
 * report as {@code jsonb} (whose numbers print as plain decimals: {@code 1.595896877637E9} comes back as
 * {@code 1595896877.637}); key order never matters.
 */
final class Reports {
    private Reports() {}

    /** Throws naming the first differing path, with both reports, unless {@code actual} equals {@code expected}. */
    static void assertSameReport(JsonNode expected, JsonNode actual, String context) {
        String difference = difference("", expected, actual);
        if (difference != null) {
            throw new AssertionError(context + ": the report differs at " + difference + "\nexpected: " + expected
                    + "\nactual:   " + actual);
        }
    }

    /** The path of the first difference, or {@code null} when the two are equal. */
    static String difference(String path, JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null || expected.isNull() || actual.isNull()) {
            boolean bothAbsent = (expected == null || expected.isNull()) && (actual == null || actual.isNull());
            return bothAbsent ? null : path;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return new BigDecimal(expected.asText()).compareTo(new BigDecimal(actual.asText())) == 0 ? null : path;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String inner = difference(path + "/" + name, expected.get(name), actual.get(name));
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return path + " (sizes " + expected.size() + " and " + actual.size() + ")";
            }
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext(); i++) {
                String inner = difference(path + "/" + i, e.next(), a.next());
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        return expected.equals(actual) ? null : path;
    }
}
