package toothbrush.ingest.bootstrap.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Compares what the engine produced with what the naive reference expects, field by field. */
final class EngineComparison {

    static final double FLOAT_RELATIVE_TOLERANCE = 1e-12;

    private static final String[] TOP_FIELDS = {"dataset_id", "toothbrush_id", "outcome", "reason"};
    private static final String[] SECONDS_FIELDS = {"start", "end", "lost_seconds"};
    private static final String[] COUNT_FIELDS = {"lines", "accepted", "rejected", "blank", "header", "invalid_fields"};

    private EngineComparison() {}

    /** Every difference between expected and actual, most important first; empty when they agree. */
    static List<String> differences(
            NaiveReference.Expected expected, int exitCode, JsonNode report, List<OraclePoint> points) {
        List<String> diffs = new ArrayList<>();
        if (exitCode != expected.exitCode()) {
            diffs.add("exit code: expected " + expected.exitCode() + " but was " + exitCode);
        }
        compareReport(expected.report(), report, diffs);
        comparePoints(expected.points(), points, diffs);
        return diffs;
    }

    /** Outcome first, then the per-stream counts (they say which rule differs), then times and totals. */
    private static void compareReport(JsonNode expected, JsonNode actual, List<String> diffs) {
        for (String field : TOP_FIELDS) {
            if (!actual.has(field)) {
                diffs.add("report." + field + ": missing (expected " + expected.get(field) + ")");
            } else if (!expected.get(field).equals(actual.get(field))) {
                diffs.add("report." + field + ": expected " + expected.get(field) + " but was " + actual.get(field));
            }
        }
        for (String stream : new String[] {"brushing", "settings"}) {
            JsonNode e = expected.get(stream);
            JsonNode a = actual.get(stream);
            if (a == null || !a.isObject()) {
                diffs.add("report." + stream + ": missing");
                continue;
            }
            Map<String, Long> expectedReasons = nonZero(e.get("rejected_by_reason"));
            Map<String, Long> actualReasons = nonZero(a.get("rejected_by_reason"));
            if (!expectedReasons.equals(actualReasons)) {
                diffs.add("report." + stream + ".rejected_by_reason: expected " + expectedReasons + " but was "
                        + actualReasons);
            }
            for (String field : COUNT_FIELDS) {
                if (a.get(field) == null
                        || !a.get(field).isIntegralNumber()
                        || a.get(field).longValue() != e.get(field).longValue()) {
                    diffs.add("report." + stream + "." + field + ": expected " + e.get(field) + " but was "
                            + a.get(field));
                }
            }
        }
        for (String field : SECONDS_FIELDS) {
            JsonNode e = expected.get(field);
            JsonNode a = actual.get(field);
            if (a == null) {
                diffs.add("report." + field + ": missing (expected " + e + ")");
            } else if (e.isNull() || a.isNull()) {
                if (e.isNull() != a.isNull()) {
                    diffs.add("report." + field + ": expected " + e + " but was " + a);
                }
            } else if (!a.isNumber() || e.decimalValue().compareTo(a.decimalValue()) != 0) {
                // P3, F3: exact, rounded once to the nanosecond (the report's JSON is read with BigDecimal floats)
                diffs.add("report." + field + ": expected " + e.decimalValue().toPlainString() + " but was " + a
                        + (a.isNumber()
                                ? " (difference "
                                        + a.decimalValue()
                                                .subtract(e.decimalValue())
                                                .toPlainString() + ")"
                                : ""));
            }
        }
        JsonNode written = actual.get("points_written");
        if (written == null
                || !written.isIntegralNumber()
                || written.longValue() != expected.get("points_written").longValue()) {
            diffs.add("report.points_written: expected " + expected.get("points_written") + " but was " + written);
        }
        compareProfile(expected, actual, diffs);
    }

    private static final String[] BIN_COUNTS = {"first_tick", "last_tick", "accepted", "lost_ticks"};
    private static final String[] BIN_SECONDS = {"start", "end", "lost_seconds"};
    private static final int SHOWN_BIN_DIFFERENCES = 5;

    /**
     * R6, V1-V5: bin by bin, counts and seconds exactly, the clean mean within a relative 1e-12 (a sum of doubles
     * in another order), minimum and battery exactly; then the engine's own sums against its report (V3, V4).
     */
    private static void compareProfile(JsonNode expectedReport, JsonNode actualReport, List<String> diffs) {
        JsonNode expected = expectedReport.get("profile");
        JsonNode actual = actualReport.get("profile");
        if (actual == null) {
            diffs.add("report.profile: missing");
            return;
        }
        if (expected.isNull() || actual.isNull()) {
            if (expected.isNull() != actual.isNull()) {
                diffs.add("report.profile: expected " + (expected.isNull() ? "null" : "a profile") + " but was "
                        + (actual.isNull() ? "null" : "a profile"));
            }
            return;
        }
        if (actual.path("bin_ticks").longValue() != expected.get("bin_ticks").longValue()
                || actual.path("bins").size() != expected.get("bins").size()) {
            diffs.add("report.profile: expected " + expected.get("bins").size() + " bins of "
                    + expected.get("bin_ticks") + " ticks but was "
                    + actual.path("bins").size() + " of "
                    + actual.get("bin_ticks"));
            return;
        }
        int shown = 0;
        long accepted = 0;
        java.math.BigDecimal lost = java.math.BigDecimal.ZERO;
        for (int k = 0; k < expected.get("bins").size(); k++) {
            JsonNode e = expected.get("bins").get(k);
            JsonNode a = actual.get("bins").get(k);
            accepted += a.path("accepted").longValue();
            lost = lost.add(a.path("lost_seconds").decimalValue());
            String difference = binDifference(e, a);
            if (difference != null && shown++ < SHOWN_BIN_DIFFERENCES) {
                diffs.add("report.profile.bins[" + k + "]: " + difference + "\n      expected " + e
                        + "\n      actual   " + a);
            }
        }
        for (int tooth = 0; tooth < 32; tooth++) {
            JsonNode e = expected.get("teeth").get(tooth);
            JsonNode a = actual.path("teeth").path(tooth);
            if (!a.path("events").isIntegralNumber()
                    || a.get("events").longValue() != e.get("events").longValue()
                    || !sameDouble(e.get("last_clean"), a.get("last_clean"))) {
                diffs.add("report.profile.teeth[" + tooth + "]: expected " + e + " but was " + a);
            }
        }
        if (accepted != actualReport.path("brushing").path("accepted").longValue()) {
            diffs.add("report.profile: V3: the bins accept " + accepted + " events, the report "
                    + actualReport.path("brushing").path("accepted"));
        }
        if (lost.compareTo(actualReport.path("lost_seconds").decimalValue()) != 0) {
            diffs.add("report.profile: V4: the bins lose " + lost.toPlainString() + " s, the report "
                    + actualReport.path("lost_seconds"));
        }
    }

    private static String binDifference(JsonNode e, JsonNode a) {
        for (String field : BIN_COUNTS) {
            if (!a.path(field).isIntegralNumber()
                    || a.get(field).longValue() != e.get(field).longValue()) {
                return field;
            }
        }
        for (String field : BIN_SECONDS) {
            if (!a.path(field).isNumber()
                    || a.get(field).decimalValue().compareTo(e.get(field).decimalValue()) != 0) {
                return field;
            }
        }
        if (!sameDouble(e.get("clean_min"), a.get("clean_min")) || !sameDouble(e.get("battery"), a.get("battery"))) {
            return "clean_min or battery";
        }
        JsonNode em = e.get("clean_mean");
        JsonNode am = a.get("clean_mean");
        if (em.isNull() || am == null || am.isNull()) {
            return em.isNull() && am != null && am.isNull() ? null : "clean_mean";
        }
        double de = em.doubleValue();
        double da = am.doubleValue();
        return Math.abs(de - da) > FLOAT_RELATIVE_TOLERANCE * Math.max(Math.abs(de), Math.abs(da))
                ? "clean_mean"
                : null;
    }

    private static boolean sameDouble(JsonNode expected, JsonNode actual) {
        if (actual == null) {
            return false;
        }
        if (expected.isNull() || actual.isNull()) {
            return expected.isNull() && actual.isNull();
        }
        return actual.isNumber() && expected.doubleValue() == actual.doubleValue();
    }

    private static Map<String, Long> nonZero(JsonNode reasons) {
        Map<String, Long> out = new TreeMap<>();
        if (reasons != null) {
            for (Map.Entry<String, JsonNode> entry : reasons.properties()) {
                if (entry.getValue().longValue() != 0) {
                    out.put(entry.getKey(), entry.getValue().longValue());
                }
            }
        }
        return out;
    }

    private static String groupKey(OraclePoint point) {
        return point.measurement() + "@" + point.fields().get("tick");
    }

    private static void comparePoints(List<OraclePoint> expected, List<OraclePoint> actual, List<String> diffs) {
        if (expected.size() != actual.size()) {
            diffs.add("points: expected " + expected.size() + " but the line protocol has " + actual.size());
        }
        Map<String, List<OraclePoint>> unmatched = new LinkedHashMap<>();
        for (OraclePoint point : actual) {
            unmatched.computeIfAbsent(groupKey(point), k -> new ArrayList<>()).add(point);
        }
        List<String> pointDiffs = new ArrayList<>();
        for (OraclePoint e : expected) {
            List<OraclePoint> candidates = unmatched.getOrDefault(groupKey(e), new ArrayList<>());
            OraclePoint match = null;
            for (Iterator<OraclePoint> it = candidates.iterator(); it.hasNext(); ) {
                OraclePoint candidate = it.next();
                if (pointDifference(e, candidate) == null) {
                    match = candidate;
                    it.remove();
                    break;
                }
            }
            if (match == null) {
                pointDiffs.add("point missing or different: expected " + e
                        + (candidates.isEmpty()
                                ? " but there is no " + e.measurement() + " point at that tick"
                                : "; nearest " + candidates.get(0) + ": " + pointDifference(e, candidates.get(0))));
            }
        }
        for (List<OraclePoint> rest : unmatched.values()) {
            for (OraclePoint point : rest) {
                pointDiffs.add("unexpected point " + point);
            }
        }
        diffs.addAll(pointDiffs);
    }

    /** Null when equal (timestamps exactly, float fields within a relative 1e-12), else what differs. */
    static String pointDifference(OraclePoint expected, OraclePoint actual) {
        if (!expected.measurement().equals(actual.measurement())) {
            return "measurement " + actual.measurement();
        }
        if (!expected.tags().equals(actual.tags())) {
            return "tags " + actual.tags();
        }
        if (expected.timestampNs() != actual.timestampNs()) { // P3: exact to the nanosecond, no tolerance
            return "timestamp " + actual.timestampNs() + " vs expected " + expected.timestampNs() + " (difference "
                    + (actual.timestampNs() - expected.timestampNs()) + " ns)";
        }
        if (!expected.fields().keySet().equals(actual.fields().keySet())) {
            return "field keys " + actual.fields().keySet() + " vs expected "
                    + expected.fields().keySet();
        }
        for (Map.Entry<String, Object> field : expected.fields().entrySet()) {
            Object e = field.getValue();
            Object a = actual.fields().get(field.getKey());
            if (!OraclePoint.typeOf(e).equals(OraclePoint.typeOf(a))) {
                return "field " + field.getKey() + " is " + OraclePoint.typeOf(a) + " " + a + ", expected "
                        + OraclePoint.typeOf(e) + " " + e;
            }
            if (e instanceof Double de) {
                double da = (Double) a;
                double scale = Math.max(Math.abs(de), Math.abs(da));
                if (Math.abs(de - da) > FLOAT_RELATIVE_TOLERANCE * scale) {
                    return "field " + field.getKey() + " = " + da + ", expected " + de;
                }
            } else if (!Objects.equals(e, a)) {
                return "field " + field.getKey() + " = " + a + ", expected " + e;
            }
        }
        return null;
    }
}
