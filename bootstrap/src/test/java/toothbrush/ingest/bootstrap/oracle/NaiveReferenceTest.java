package toothbrush.ingest.bootstrap.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Hand-computed cases that make the naive reference trustworthy on its own. */
class NaiveReferenceTest {

    private static final String TB = "tb-1";
    private static final String DS = "ds-1";

    private static NaiveReference.Expected run(String brushing, String settings) {
        return NaiveReference.compute(
                brushing.getBytes(StandardCharsets.UTF_8), settings.getBytes(StandardCharsets.UTF_8), TB, DS);
    }

    private static String counts(
            int lines, int accepted, int rejected, int blank, int header, int invalid, String reasons) {
        return "{\"lines\":" + lines + ",\"accepted\":" + accepted + ",\"rejected\":" + rejected + ",\"blank\":"
                + blank + ",\"header\":" + header + ",\"invalid_fields\":" + invalid + ",\"rejected_by_reason\":"
                + reasons + "}";
    }

    private static List<OraclePoint> measurement(NaiveReference.Expected expected, String name) {
        return expected.points().stream()
                .filter(p -> p.measurement().equals(name))
                .collect(Collectors.toList());
    }

    private static OraclePoint brushingAt(NaiveReference.Expected expected, long tick) {
        return measurement(expected, "brushing").stream()
                .filter(p -> p.fields().get("tick").equals(tick))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no brushing point at tick " + tick));
    }

    private static void assertNanos(long expectedNanos, long actualNanos) {
        // P3 rounds seconds*1e9 in double: near 1.6e18 ns doubles are 256 ns apart.
        assertTrue(
                Math.abs(expectedNanos - actualNanos) <= 256, "expected ~" + expectedNanos + " but was " + actualNanos);
    }

    private static final String TWO_ANCHORS = """
            {"timestamp":1595896877.5,"tick":0,"battery":0.9,"tick_interval":0.25}
            {"timestamp":1595896878.5,"tick":4,"tick_interval":0.5}
            """;

    @Test
    @DisplayName("R1-R5, A2-A3, P1-P3: a small clean session with a header and two anchors")
    void cleanSession_isReportedAsByHand() {
        NaiveReference.Expected expected = run("""
                tick,tooth,percent_clean
                0,1,0.1
                1,1,0.2
                3,2,0.4
                4,2,0.5
                6,3,0.7
                """, TWO_ANCHORS);

        JsonNode report = expected.report();
        assertEquals(0, expected.exitCode());
        assertEquals("completed", report.get("outcome").asText());
        assertTrue(report.get("reason").isNull());
        assertEquals(1595896877.5, report.get("start").doubleValue());
        // brushing tick 6: 878.5 + 2 * 0.5 = 879.5, plus interval 0.5
        assertEquals(1595896880.0, report.get("end").doubleValue());
        // lost ticks 2 (0.25 s) and 5 (0.5 s)
        assertEquals(0.75, report.get("lost_seconds").doubleValue());
        assertEquals(7, report.get("points_written").intValue());
        assertEquals(counts(6, 5, 0, 0, 1, 0, "{}"), report.get("brushing").toString());
        assertEquals(counts(2, 2, 0, 0, 0, 0, "{}"), report.get("settings").toString());

        OraclePoint tick3 = brushingAt(expected, 3);
        assertEquals(Map.of("toothbrush_id", TB), tick3.tags());
        assertEquals(Map.of("tick", 3L, "tooth", 2L, "percent_clean", 0.4, "dataset_id", DS), tick3.fields());
        assertNanos(1_595_896_878_250_000_000L, tick3.timestampNs());

        OraclePoint secondSettings = measurement(expected, "settings").get(1);
        assertEquals(
                Map.of("tick", 4L, "battery", 0.9, "tick_interval", 0.5, "dataset_id", DS), secondSettings.fields());
        assertNanos(1_595_896_878_500_000_000L, secondSettings.timestampNs());
    }

    @Test
    @DisplayName("B2: header by name with aliases, reordered columns and named extra columns")
    void headerByName_mapsReorderedAndExtraColumns() {
        NaiveReference.Expected expected = run("""
                Clean,pressure,TOOTH_INDEX,tick,mode
                0.5,1.5,3,0,soft
                0.25,,4,1,"hard, very"
                """, TWO_ANCHORS);

        assertEquals(
                counts(3, 2, 0, 0, 1, 0, "{}"),
                expected.report().get("brushing").toString());
        assertEquals(
                Map.of(
                        "tick",
                        0L,
                        "tooth",
                        3L,
                        "percent_clean",
                        0.5,
                        "dataset_id",
                        DS,
                        "pressure",
                        1.5,
                        "mode",
                        "soft"),
                brushingAt(expected, 0).fields());
        assertEquals(
                Map.of("tick", 1L, "tooth", 4L, "percent_clean", 0.25, "dataset_id", DS, "mode", "hard, very"),
                brushingAt(expected, 1).fields());
    }

    @Test
    @DisplayName("B2: a repeated header is skipped case-insensitively after trimming; a different one is data")
    void repeatedHeader_isSkipped() {
        NaiveReference.Expected expected = run("""
                tick,tooth,percent_clean
                0,1,0.1
                 \tTICK,Tooth,PERCENT_CLEAN\s
                1,1,0.2
                tick,tooth,percent
                tick , tooth,percent_clean
                """, TWO_ANCHORS);

        assertEquals(
                counts(6, 2, 2, 0, 2, 0, "{\"bad_tick\":2}"),
                expected.report().get("brushing").toString());
    }

    @Test
    @DisplayName("B2, B3: a header without all three names maps by position and still names later columns")
    void headerWithoutAllNames_mapsByPosition() {
        NaiveReference.Expected expected = run("""
                a,b,c,d,,a
                0,1,0.1,x
                1,1,0.2,,
                2,1,0.2,,y
                3,1,0.3,7,,z,q
                4,1,0.4,,,z,,
                5,1
                """, TWO_ANCHORS);

        // line 4: column 5 has the empty name; line 5: column 7 is beyond the header; line 7: too few fields;
        // line 6: column 6 is named "a" like column 1, so it is ignored, not malformed
        assertEquals(
                counts(7, 3, 3, 0, 1, 0, "{\"malformed\":3}"),
                expected.report().get("brushing").toString());
        assertEquals("x", brushingAt(expected, 0).fields().get("d"));
        assertEquals(
                Map.of("tick", 1L, "tooth", 1L, "percent_clean", 0.2, "dataset_id", DS),
                brushingAt(expected, 1).fields());
        assertEquals(
                Map.of("tick", 4L, "tooth", 1L, "percent_clean", 0.4, "dataset_id", DS),
                brushingAt(expected, 4).fields());
    }

    @Test
    @DisplayName(
            "B2: without a header every additional non-empty field is malformed; a numeric first line is no header")
    void noHeader_extraFieldsAreMalformed() {
        NaiveReference.Expected expected = run("""
                0,1,0.1,
                1,1,0.2,x
                tick,tooth,percent_clean
                """, TWO_ANCHORS);

        assertEquals(
                counts(3, 1, 2, 0, 0, 0, "{\"bad_tick\":1,\"malformed\":1}"),
                expected.report().get("brushing").toString());
    }

    @Test
    @DisplayName("B1: quoting, escaped quotes, whitespace after the closing quote, unclosed and trailing text")
    void quotedFields_followB1() {
        NaiveReference.Expected expected = run(
                String.join(
                        "\n",
                        "\"0\" ,\"1\",\"  0.5  \"",
                        "\"1\"\"6\",3,0.5",
                        "\"1\"x,3,0.5",
                        "\"1,3,0.5",
                        " \"1\",3,0.5",
                        "1,\"2\"\t,0.5",
                        "2,3,0\"5"),
                TWO_ANCHORS);

        // line 2: tick 1"6; line 5: tick "1" with its quotes (not quoted: first char is a space); line 7: percent 0"5
        assertEquals(
                counts(7, 2, 5, 0, 0, 0, "{\"bad_percent\":1,\"bad_tick\":2,\"malformed\":2}"),
                expected.report().get("brushing").toString());
        assertEquals(0.5, brushingAt(expected, 0).fields().get("percent_clean"));
        assertEquals(2L, brushingAt(expected, 1).fields().get("tooth"));
        assertEquals(List.of("a\"b", "", "c"), NaiveReference.parseCsv("\"a\"\"b\",,c"));
    }

    @Test
    @DisplayName("B2: the header candidate is the first line not rejected by L3, L5 or B1 quoting")
    void headerCandidate_isTheFirstLineNotRejected() {
        byte[] brushing =
                ("\n\"unclosed,1,2\n\u00ff\ntick,tooth,clean\n0,1,0.5\n").getBytes(StandardCharsets.ISO_8859_1);
        NaiveReference.Expected expected =
                NaiveReference.compute(brushing, TWO_ANCHORS.getBytes(StandardCharsets.UTF_8), TB, DS);

        assertEquals(
                counts(5, 1, 2, 1, 1, 0, "{\"malformed\":2}"),
                expected.report().get("brushing").toString());
    }

    @Test
    @DisplayName("L1-L6: BOM, CRLF, whitespace-only lines, invalid UTF-8, too_long after CR removal, no final newline")
    void physicalLines_followL1ToL6() {
        String exact = "0,1,0.5" + " ".repeat(NaiveReference.MAX_LINE_BYTES - 7);
        String tooLong = "1,1,0.5" + " ".repeat(NaiveReference.MAX_LINE_BYTES - 6);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
        bytes.writeBytes(("tick,tooth,percent_clean\r\n \t\u000b\u000c\r\n" + exact + "\r\n" + tooLong + "\n")
                .getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'2', ',', '1', ',', (byte) 0xc0, (byte) 0x80, '\n'});
        bytes.writeBytes(new byte[] {'3', ',', '1', ',', '0', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '\n'});
        bytes.writeBytes("\r\n4,1,0.5".getBytes(StandardCharsets.UTF_8));
        NaiveReference.Expected expected =
                NaiveReference.compute(bytes.toByteArray(), TWO_ANCHORS.getBytes(StandardCharsets.UTF_8), TB, DS);

        assertEquals(
                counts(8, 2, 3, 2, 1, 0, "{\"malformed\":2,\"too_long\":1}"),
                expected.report().get("brushing").toString());
        assertEquals(List.of(), NaiveReference.splitLines(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}));
        assertEquals(
                1,
                NaiveReference.splitLines("a\n".getBytes(StandardCharsets.UTF_8))
                        .size());
    }

    @Test
    @DisplayName("B4, B5, B6: number syntax and ranges of tick, tooth and percent_clean")
    void numbers_followB4ToB6() {
        NaiveReference.Expected expected = run("""
                0.,0,.5
                1.00,31.0,5.
                1.00,31.0,+0.5
                016,00,1e-1
                17,31,1
                18.5,1,0.5
                1e3,1,0.5
                +19,1,0.5
                ,1,0.5
                20,32,0.5
                20,-1,0.5
                20,1.5,0.5
                20,1,NaN
                20,1,0x1
                20,1,1.01
                20,1,-0.1
                20,1,１
                """, TWO_ANCHORS);

        assertEquals(
                counts(17, 4, 13, 0, 0, 0, "{\"bad_percent\":6,\"bad_tick\":4,\"bad_tooth\":3}"),
                expected.report().get("brushing").toString());
        assertEquals(0.5, brushingAt(expected, 1).fields().get("percent_clean"));
        assertEquals(0.1, brushingAt(expected, 16).fields().get("percent_clean"));
        assertEquals(NaiveReference.MAX_TICK, NaiveReference.parseB4Integer("9007199254740992"));
        assertEquals(null, NaiveReference.parseB4Integer("9007199254740993"));
    }

    @Test
    @DisplayName("B7, B8: duplicate, out_of_order and implausible_tick against the first anchor, then the last tick")
    void brushingOrder_isCheckedAgainstTheAnchorThenTheLastTick() {
        NaiveReference.Expected expected = run("""
                10001,1,0.5
                10000,1,0.5
                10000,1,0.5
                20001,1,0.5
                20000,1,0.5
                9999,1,0.5
                """, TWO_ANCHORS);

        // line 1: 10001 > 0 + 10000 (first anchor); line 4: 20001 > 10000 + 10000 (last accepted tick)
        assertEquals(
                counts(6, 2, 4, 0, 0, 0, "{\"duplicate\":1,\"implausible_tick\":2,\"out_of_order\":1}"),
                expected.report().get("brushing").toString());
        // lost: ticks 0..3 at 0.25 s, and 4..19999 except 10000 (19,995 ticks) at 0.5 s
        assertEquals(
                4 * 0.25 + 19_995 * 0.5, expected.report().get("lost_seconds").doubleValue());
    }

    @Test
    @DisplayName("S6 before S7, and S7 checks in the order out_of_order, clock_regression, implausible_tick")
    void settingsOrder_isCheckedInTheSpecifiedOrder() {
        NaiveReference.Expected expected = run("", """
                {"timestamp":1600000000,"tick":5,"battery":0.5}
                {"timestamp":1600000001,"tick":10,"tick_interval":1}
                {"timestamp":1600000000,"tick":11}
                {"timestamp":1600000002,"tick":9}
                {"timestamp":1599999999,"tick":8}
                {"timestamp":1600000003,"tick":10011}
                {"timestamp":1600000003,"tick":10010}
                """);

        assertEquals(
                counts(
                        7,
                        2,
                        5,
                        0,
                        0,
                        0,
                        "{\"clock_regression\":1,\"implausible_tick\":1,\"no_initial_state\":1,\"out_of_order\":2}"),
                expected.report().get("settings").toString());
        // no brushing: every tick 10..10010 is lost, 10001 ticks of 1 s
        assertEquals(10_001.0, expected.report().get("lost_seconds").doubleValue());
        assertEquals(1600000001.0, expected.report().get("start").doubleValue());
        assertEquals(1600000004.0, expected.report().get("end").doubleValue());
        // battery 0.5 came with a rejected line: still unknown
        assertTrue(measurement(expected, "settings").stream()
                .noneMatch(p -> p.fields().containsKey("battery")));
    }

    @Test
    @DisplayName("S8, S9: type pinning only by accepted events, drops counted on rejected lines too")
    void settingsTypePinning_onlyByAcceptedEvents() {
        NaiveReference.Expected expected = run("", """
                {"timestamp":1600000000,"tick":0,"mode":"a"}
                {"timestamp":1600000000,"tick":0,"tick_interval":1,"mode":1}
                {"timestamp":1600000001,"tick":0,"mode":"b","battery":null}
                {"timestamp":1599999999,"tick":1,"mode":"c"}
                {"timestamp":1600000002,"tick":1,"mode":2}
                """);

        assertEquals(
                counts(5, 3, 2, 0, 0, 3, "{\"clock_regression\":1,\"no_initial_state\":1}"),
                expected.report().get("settings").toString());
        List<OraclePoint> settings = measurement(expected, "settings");
        assertEquals(
                Map.of("tick", 0L, "tick_interval", 1.0, "dataset_id", DS, "mode", 1.0),
                settings.get(0).fields());
        assertEquals(
                Map.of("tick", 0L, "tick_interval", 1.0, "dataset_id", DS),
                settings.get(1).fields());
        assertEquals(2.0, settings.get(2).fields().get("mode"));
    }

    @Test
    @DisplayName("S1-S3: malformed lines, timestamp and tick types and ranges")
    void settingsLines_followS1ToS3() {
        NaiveReference.Expected expected = run("", """
                not json
                [1,2]
                {"timestamp":1600000000,"tick":0,"tick_interval":1} x
                {"timestamp":1600000000,"tick":0,"tick_interval":1}{}
                {"timestamp":NaN,"tick":0,"tick_interval":1}
                {"timestamp":"1600000000","tick":0,"tick_interval":1}
                {"timestamp":4102444800,"tick":0,"tick_interval":1}
                {"tick":0,"tick_interval":1}
                {"timestamp":1600000000,"tick":0.5,"tick_interval":1}
                {"timestamp":1600000000,"tick":"1","tick_interval":1}
                {"timestamp":1600000000,"tick":9007199254740993,"tick_interval":1}
                {"timestamp":1600000000,"tick":-1,"tick_interval":1}
                {"timestamp":946684800,"tick":1.6e1,"tick_interval":1,"tick":5.0}
                \t{"timestamp":1600000000,"tick":6, "tick_interval":1}\s
                """);

        assertEquals(
                counts(14, 2, 12, 0, 0, 0, "{\"bad_tick\":4,\"bad_timestamp\":3,\"malformed\":5}"),
                expected.report().get("settings").toString());
        assertEquals(5L, measurement(expected, "settings").get(0).fields().get("tick"));
    }

    @Test
    @DisplayName("S4, S5, S8: invalid values dropped and counted, extras kept with their JSON type")
    void settingsFields_followS4S5S8() {
        NaiveReference.Expected expected = run("", """
                {"timestamp":1600000000,"tick":0,"tick_interval":0,"battery":1.5}
                {"timestamp":1600000000,"tick":0,"tick_interval":61,"battery":"0.5","n":null,"o":{},"a":[]}
                {"timestamp":1600000000,"tick":0,"tick_interval":0.5,"battery":1,"s":"","b":true,"f":2,"big":1e400}
                {"timestamp":1600000000,"tick":0,"c":"x\\u0001","u":"\\ud800","ok":"\\ud83d\\ude00","time":1}
                {"timestamp":1600000000,"tick":0,"toothbrush_id":"x","dataset_id":"y","":1,"tick_interval":-1}
                """);

        // line 1: 2 drops; line 2: 5; line 3: 1 (big); line 4: 3 (c, u, time); line 5: 4
        assertEquals(
                counts(5, 3, 2, 0, 0, 15, "{\"no_initial_state\":2}"),
                expected.report().get("settings").toString());
        List<OraclePoint> settings = measurement(expected, "settings");
        assertEquals(
                Map.of(
                        "tick",
                        0L,
                        "battery",
                        1.0,
                        "tick_interval",
                        0.5,
                        "dataset_id",
                        DS,
                        "s",
                        "",
                        "b",
                        true,
                        "f",
                        2.0),
                settings.get(0).fields());
        assertEquals(
                Map.of("tick", 0L, "battery", 1.0, "tick_interval", 0.5, "dataset_id", DS, "ok", "\ud83d\ude00"),
                settings.get(1).fields());
        assertEquals(
                Map.of("tick", 0L, "battery", 1.0, "tick_interval", 0.5, "dataset_id", DS),
                settings.get(2).fields());
    }

    @Test
    @DisplayName("A2, A3, R1-R4: ticks before the first anchor are extrapolated backwards and count for the range")
    void ticksBeforeTheFirstAnchor_areExtrapolatedBackwards() {
        NaiveReference.Expected expected =
                run("4,1,0.5\n10,1,0.5\n12,1,0.5\n", "{\"timestamp\":1600000010,\"tick\":10,\"tick_interval\":0.5}\n");

        JsonNode report = expected.report();
        assertEquals(1600000007.0, report.get("start").doubleValue());
        assertEquals(1600000011.5, report.get("end").doubleValue());
        // lost ticks 5..9 and 11 at 0.5 s
        assertEquals(3.0, report.get("lost_seconds").doubleValue());
        assertNanos(1_600_000_007_000_000_000L, brushingAt(expected, 4).timestampNs());
    }

    @Test
    @DisplayName("A2, A5, R2, S7: equal settings ticks, the later update wins, but each keeps its own end")
    void equalSettingsTicks_laterUpdateWins() {
        NaiveReference.Expected expected = run("2,1,0.5\n3,1,0.5\n", """
                {"timestamp":1600000000,"tick":0,"tick_interval":1}
                {"timestamp":1600000002,"tick":2,"tick_interval":1}
                {"timestamp":1600000002.5,"tick":2,"tick_interval":0.5}
                """);

        JsonNode report = expected.report();
        assertNanos(1_600_000_002_500_000_000L, brushingAt(expected, 2).timestampNs());
        assertNanos(1_600_000_003_000_000_000L, brushingAt(expected, 3).timestampNs());
        assertEquals(1600000000.0, report.get("start").doubleValue());
        assertEquals(1600000003.5, report.get("end").doubleValue());
        assertEquals(2.0, report.get("lost_seconds").doubleValue());
        assertEquals(5, report.get("points_written").intValue());
    }

    @Test
    @DisplayName("A7: no first anchor makes the dataset unsalvageable and the brushing stream is not read")
    void noFirstAnchor_isUnsalvageable() throws Exception {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write("{\"timestamp\":1600000000,\"tick\":0,\"battery\":0.5}\n\n{\"tick\":1}\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        NaiveReference.Expected expected =
                NaiveReference.compute("0,1,0.5\n".getBytes(StandardCharsets.UTF_8), gzipped.toByteArray(), TB, DS);

        JsonNode report = expected.report();
        assertEquals(3, expected.exitCode());
        assertEquals("failed", report.get("outcome").asText());
        assertEquals("no_initial_state", report.get("reason").asText());
        assertTrue(report.get("start").isNull()
                && report.get("end").isNull()
                && report.get("lost_seconds").isNull());
        assertEquals(0, report.get("points_written").intValue());
        assertEquals(counts(0, 0, 0, 0, 0, 0, "{}"), report.get("brushing").toString());
        assertEquals(
                counts(3, 0, 2, 1, 0, 0, "{\"bad_timestamp\":1,\"no_initial_state\":1}"),
                report.get("settings").toString());
        assertEquals(List.of(), expected.points());
    }

    @Test
    @DisplayName("B3: ignored columns, control characters, float or string typing and type pinning drops")
    void brushingExtras_followB3() {
        NaiveReference.Expected expected = run(
                String.join(
                                "\n",
                                "tick,tooth,clean,time,v,toothbrush_id,v,clean,dataset_id,w",
                                "0,1,0.5,9,1.5,x,2,3,4,1e999",
                                "1,1,0.5,,abc,,,,,2",
                                "2,1,0.5,,\"a\u0001b\",,,,,x",
                                "3,1,0.5,,7,,,,,")
                        + "\n",
                TWO_ANCHORS);

        // line 3: v string (pinned float) and w float (pinned string: "1e999" is not finite) dropped
        assertEquals(
                counts(5, 4, 0, 0, 1, 2, "{}"),
                expected.report().get("brushing").toString());
        assertEquals(
                Map.of("tick", 0L, "tooth", 1L, "percent_clean", 0.5, "dataset_id", DS, "v", 1.5, "w", "1e999"),
                brushingAt(expected, 0).fields());
        assertEquals(
                Map.of("tick", 1L, "tooth", 1L, "percent_clean", 0.5, "dataset_id", DS),
                brushingAt(expected, 1).fields());
        assertEquals(
                Map.of("tick", 2L, "tooth", 1L, "percent_clean", 0.5, "dataset_id", DS, "w", "x"),
                brushingAt(expected, 2).fields());
        assertEquals(7.0, brushingAt(expected, 3).fields().get("v"));
    }
}
