package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.StreamReport;
import toothbrush.ingest.domain.profile.DatasetProfile;

/** R5, V1-V5: the report's one JSON line with its {@code profile}, and reading it back exactly (for {@code picture}). */
class ReportJsonTest {
    @TempDir
    Path work;

    private String sampleReportLine() {
        InProcess.Run run = InProcess.run(JarRunner.ingestSample("lp:" + work.resolve("p.lp")));
        assertEquals(0, run.exit(), run.err());
        return run.out().strip();
    }

    @Test
    @DisplayName(
            "R5, R6, V1-V5: the sample's report is one line, profile last, its sums the report's; it reads back exactly")
    void R5_V1_theSampleReport_roundTrips() throws Exception {
        String line = sampleReportLine();
        assertFalse(line.contains("\n"));
        JsonNode json = PageChecks.JSON.readTree(line);
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(
                List.of(
                        "dataset_id",
                        "toothbrush_id",
                        "outcome",
                        "reason",
                        "message",
                        "start",
                        "end",
                        "lost_seconds",
                        "points_written",
                        "brushing",
                        "settings",
                        "profile"),
                keys);
        JsonNode profile = json.get("profile");
        assertEquals(1, profile.get("bin_ticks").asLong());
        assertEquals(541, profile.get("bins").size());
        assertEquals(32, profile.get("teeth").size());
        JsonNode bin100 = profile.get("bins").get(100);
        assertEquals(
                "{\"first_tick\":100,\"last_tick\":100,\"start\":1595896902.637,\"end\":1595896902.887,"
                        + "\"accepted\":0,\"lost_ticks\":1,\"lost_seconds\":0.25,\"clean_mean\":null,\"clean_min\":null,"
                        + "\"battery\":0.9}",
                bin100.toString());
        long accepted = 0;
        BigDecimal lost = BigDecimal.ZERO;
        for (Iterator<JsonNode> bins = profile.get("bins").elements(); bins.hasNext(); ) {
            JsonNode bin = bins.next();
            accepted += bin.get("accepted").asLong();
            lost = lost.add(bin.get("lost_seconds").decimalValue());
        }
        assertEquals(json.get("brushing").get("accepted").asLong(), accepted, "V3");
        assertEquals(0, json.get("lost_seconds").decimalValue().compareTo(lost), "V4: " + lost);

        IngestReport report = ReportJson.fromJson(line);
        assertEquals(line, ReportJson.toJson(report));
        assertEquals(new BigDecimal("3.65"), report.lostSeconds());
        assertEquals(report.lostSeconds(), report.profile().lostSeconds().toBigDecimal());
        // jobs show prints the job with its report inside.
        assertEquals(report, ReportJson.fromJson("{\"id\":\"7\",\"state\":\"done\",\"report\":" + line + "}"));
        // A report written before the profile existed reads without one.
        String withoutProfile = line.substring(0, line.indexOf(",\"profile\":")) + "}";
        IngestReport old = ReportJson.fromJson(withoutProfile);
        assertNull(old.profile());
        assertEquals(report.brushing(), old.brushing());
    }

    @Test
    @DisplayName("R6: a failed report has profile null, and reads back equal")
    void R5_aFailedReport_roundTrips() {
        IngestReport failed = IngestReport.failed(
                "ds-\u20ac \"x\"",
                "tb-1",
                FailureReason.STREAM_TOO_LARGE,
                "dataset ds: too large",
                0,
                StreamReport.unread(),
                new StreamReport(
                        3,
                        1,
                        2,
                        0,
                        0,
                        1,
                        Map.of("malformed", 2L),
                        List.of(new StreamReport.Rejection(2, "malformed"), new StreamReport.Rejection(3, "malformed")),
                        99));
        String line = ReportJson.toJson(failed);
        assertTrue(line.endsWith(",\"profile\":null}"), line);
        assertEquals(failed, ReportJson.fromJson(line));
    }

    @Test
    @DisplayName(
            "V1, U4: a report with 1,024 bins of the longest values stays far below the dir: queue's 1 MiB job file")
    void V1_theLargestReport_isBounded() {
        long width = 1L << 43;
        List<DatasetProfile.Bin> bins = new ArrayList<>();
        for (int k = 0; k < DatasetProfile.MAX_BINS; k++) {
            long first = k * width;
            bins.add(new DatasetProfile.Bin(
                    first,
                    first + width - 1,
                    toothbrush.ingest.domain.time.ExactSeconds.parse("4102444799.123456789"),
                    toothbrush.ingest.domain.time.ExactSeconds.parse("4102444799.987654321"),
                    width / 3,
                    width - width / 3,
                    toothbrush.ingest.domain.time.ExactSeconds.parse("12345678901.123456789"),
                    0.30000000000000004,
                    1.2345678901234567E-5,
                    0.30000000000000004));
        }
        List<DatasetProfile.Tooth> teeth = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            teeth.add(new DatasetProfile.Tooth(t, Long.MAX_VALUE / 64, 0.30000000000000004));
        }
        IngestReport report = new IngestReport(
                "d".repeat(256),
                "t".repeat(256),
                IngestReport.Outcome.COMPLETED,
                null,
                null,
                new BigDecimal("946684800"),
                new BigDecimal("4102444799.999999999"),
                new BigDecimal("12345678901234.123456789"),
                Long.MAX_VALUE,
                StreamReport.unread(),
                StreamReport.unread(),
                new DatasetProfile(width, bins, teeth));
        String line = ReportJson.toJson(report);
        assertTrue(line.length() < 400_000, "a report of " + line.length() + " characters");
        assertTrue(line.length() < (1 << 20) / 2);
        assertEquals(report, ReportJson.fromJson(line));
    }

    @Test
    @DisplayName("V7: what is not a report is refused with the reason, never half read")
    void notAReport_isRefusedWithTheReason() {
        String line = sampleReportLine();
        for (String bad : new String[] {
            "",
            "[]",
            "{}",
            "not json",
            line + " trailing",
            line.replace("\"outcome\":\"completed\"", "\"outcome\":\"maybe\""),
            line.replace("\"points_written\":530", "\"points_written\":-1"),
            line.replace("\"bin_ticks\":1", "\"bin_ticks\":3"),
            line.replace("\"lost_ticks\":1,", "\"lost_ticks\":2,"),
            line.replace("\"reason\":null", "\"reason\":\"no_such_reason\"")
        }) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> ReportJson.fromJson(bad),
                    bad.length() > 80 ? bad.substring(0, 80) : bad);
            assertFalse(e.getMessage().isBlank());
        }
        DatasetProfile profile = ReportJson.fromJson(line).profile();
        assertEquals(17, profile.lostTicks());
    }
}
