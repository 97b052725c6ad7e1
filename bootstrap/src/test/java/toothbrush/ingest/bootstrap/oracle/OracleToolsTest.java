package toothbrush.ingest.bootstrap.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The line protocol parser and the comparison must not let a difference through. */
class OracleToolsTest {

    @Test
    @DisplayName("Line protocol: the SPEC example parses into typed fields")
    void lineProtocolParser_parsesTheSpecExample() {
        OraclePoint point = LineProtocolParser.parse("brushing,toothbrush_id=tb-42 tick=16i,tooth=3i,percent_clean=0.5,"
                + "dataset_id=\"ds-1\" 1595896877637498000");

        assertEquals("brushing", point.measurement());
        assertEquals(Map.of("toothbrush_id", "tb-42"), point.tags());
        assertEquals(Map.of("tick", 16L, "tooth", 3L, "percent_clean", 0.5, "dataset_id", "ds-1"), point.fields());
        assertEquals(1595896877637498000L, point.timestampNs());
    }

    @Test
    @DisplayName("Line protocol: escaped keys, tag values and string values, booleans and exponent floats")
    void lineProtocolParser_parsesEscapes() {
        OraclePoint point = LineProtocolParser.parse(
                "settings,toothbrush_id=tb\\ 1\\,x\\=y a\\ b=\"say \\\"hi\\\" \\\\ ok\",a\\,b=true,c\\=d=1.0E-5 7");

        assertEquals(Map.of("toothbrush_id", "tb 1,x=y"), point.tags());
        assertEquals(Map.of("a b", "say \"hi\" \\ ok", "a,b", true, "c=d", 1.0E-5), point.fields());
    }

    @Test
    @DisplayName("Line protocol: a float not in Double.toString form and an unclosed string are refused")
    void lineProtocolParser_refusesSloppyLines() {
        assertThrows(
                LineProtocolParser.LineProtocolException.class,
                () -> LineProtocolParser.parse("settings,toothbrush_id=t f=2 1"));
        assertThrows(
                LineProtocolParser.LineProtocolException.class,
                () -> LineProtocolParser.parse("settings,toothbrush_id=t s=\"open 1"));
    }

    @Test
    @DisplayName(
            "P3 comparison: a timestamp 1 ns off, seconds off in the last digit, a changed type and a missing point are differences")
    void pointComparison_seesDifferences() {
        NaiveReference.Expected expected = NaiveReference.compute(
                "0,1,0.5\n".getBytes(StandardCharsets.UTF_8),
                "{\"timestamp\":1600000000,\"tick\":0,\"tick_interval\":1}\n".getBytes(StandardCharsets.UTF_8),
                "tb",
                "ds");
        ObjectNode report = expected.report().deepCopy();
        List<OraclePoint> same = expected.points();
        assertEquals(List.of(), EngineComparison.differences(expected, 0, report, same));

        OraclePoint brushing = same.stream()
                .filter(p -> p.measurement().equals("brushing"))
                .findFirst()
                .orElseThrow();
        OraclePoint late = new OraclePoint("brushing", brushing.tags(), brushing.fields(), brushing.timestampNs() + 1);
        assertTrue(EngineComparison.pointDifference(brushing, late).startsWith("timestamp"));
        OraclePoint onTime = new OraclePoint("brushing", brushing.tags(), brushing.fields(), brushing.timestampNs());
        assertNull(EngineComparison.pointDifference(brushing, onTime));
        Map<String, Object> fields = new java.util.HashMap<>(brushing.fields());
        fields.put("tooth", 1.0);
        OraclePoint retyped = new OraclePoint("brushing", brushing.tags(), fields, brushing.timestampNs());
        assertTrue(EngineComparison.pointDifference(brushing, retyped).startsWith("field tooth is float"));

        report.put("lost_seconds", new java.math.BigDecimal("0.000000001"));
        ((ObjectNode) report.get("brushing")).put("blank", 1);
        List<String> diffs = EngineComparison.differences(expected, 3, report, List.of(same.get(0)));
        // exit code, blank, lost_seconds, V4 (the bins no longer add up to it), the point count, the missing point
        assertEquals(6, diffs.size(), diffs.toString());
        assertTrue(diffs.get(0).startsWith("exit code"));
        assertTrue(diffs.stream().anyMatch(d -> d.startsWith("report.profile: V4")), diffs.toString());
    }

    @Test
    @DisplayName(
            "R6, V1-V5 comparison: a bin's seconds, battery or clean mean off, a tooth off, a missing profile are differences")
    void profileComparison_seesDifferences() {
        NaiveReference.Expected expected = NaiveReference.compute(
                "0,1,0.5\n1,2,0.25\n4,2,0.75\n".getBytes(StandardCharsets.UTF_8),
                ("{\"timestamp\":1600000000,\"tick\":0,\"battery\":0.5,\"tick_interval\":0.25}\n"
                                + "{\"timestamp\":1600000001,\"tick\":3,\"battery\":0.4}\n")
                        .getBytes(StandardCharsets.UTF_8),
                "tb",
                "ds");
        ObjectNode profile = (ObjectNode) expected.report().get("profile");
        // Ticks 0-4 in one-tick bins; ticks 2 and 3 lost at 0.25 s; the battery 0.4 from tick 3.
        assertEquals(5, profile.get("bins").size());
        assertEquals(
                "0.25",
                profile.get("bins").get(2).get("lost_seconds").decimalValue().toPlainString());
        assertEquals(0.4, profile.get("bins").get(3).get("battery").doubleValue());
        assertEquals(0.75, profile.get("teeth").get(2).get("last_clean").doubleValue());
        assertEquals(
                List.of(),
                EngineComparison.differences(expected, 0, expected.report().deepCopy(), expected.points()));

        String[][] changes = {
            {"lost_seconds", "0.250000001"},
            {"battery", "0.5"},
            {"clean_mean", "0.2500001"},
            {"start", "1600000000.000000001"}
        };
        for (String[] change : changes) {
            ObjectNode report = expected.report().deepCopy();
            ObjectNode bin = (ObjectNode) report.get("profile").get("bins").get(change[0].equals("clean_mean") ? 1 : 3);
            bin.put(change[0], new java.math.BigDecimal(change[1]));
            List<String> diffs = EngineComparison.differences(expected, 0, report, expected.points());
            assertTrue(diffs.stream().anyMatch(d -> d.startsWith("report.profile.bins[")), change[0] + ": " + diffs);
        }
        ObjectNode tooth = expected.report().deepCopy();
        ((ObjectNode) tooth.get("profile").get("teeth").get(2)).put("events", 3);
        assertTrue(EngineComparison.differences(expected, 0, tooth, expected.points())
                .get(0)
                .startsWith("report.profile.teeth[2]"));
        ObjectNode none = expected.report().deepCopy();
        none.remove("profile");
        assertEquals(
                List.of("report.profile: missing"), EngineComparison.differences(expected, 0, none, expected.points()));
    }
}
