package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the shaded jar ingests the bundled sample with a 64 MB heap. The expected numbers are
 * computed by hand in the comments from sample/brushing.csv and sample/settings.jsonlines.
 */
class SampleIngestIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private JarRunner.Run ingestSample(String db, String... more) throws Exception {
        return JarRunner.run(work, JarRunner.ingestSample(db, more));
    }

    @Test
    @DisplayName("R1-R5, P1-P3: the sample's report and points, by hand")
    void sample_reportAndPointsAreAsWorkedOutByHand() throws Exception {
        Path lp = work.resolve("points.lp");
        JarRunner.Run run = ingestSample("lp:" + lp);
        assertEquals(0, run.exitCode(), run.stderr());

        JsonNode report = JSON.readTree(run.stdout());
        assertEquals("ds-sample", report.get("dataset_id").asText());
        assertEquals("tb-42", report.get("toothbrush_id").asText());
        assertEquals("completed", report.get("outcome").asText());
        assertTrue(report.get("reason").isNull());
        // R1: tick 0 of both streams, at the first anchor's timestamp.
        // P3, F3: printed exactly, without binary noise.
        assertTrue(run.stdout().contains("\"start\":1595896877.637,"), run.stdout());
        assertEquals(1595896877.637, report.get("start").asDouble());
        // R2: the last settings event (tick 540, 1595896997.64) plus its interval 0.2.
        assertTrue(run.stdout().contains("\"end\":1595896997.84,"), run.stdout());
        // R4: ticks 100-104 at 0.25 s (1.25) + tick 250 at 0.2 + ticks 300-309 at 0.2 (2.0)
        //     + tick 540 (settings only, the range's end) at 0.2 = 3.65 s.
        assertTrue(run.stdout().contains("\"lost_seconds\":3.65,"), run.stdout());
        // P5: 524 brushing + 6 settings events accepted.
        assertEquals(530, report.get("points_written").asLong());

        JsonNode brushing = report.get("brushing");
        // 1 header + 524 events + 6 bad lines + 1 blank line.
        assertEquals(532, brushing.get("lines").asLong());
        assertEquals(524, brushing.get("accepted").asLong());
        assertEquals(6, brushing.get("rejected").asLong());
        assertEquals(1, brushing.get("blank").asLong());
        assertEquals(1, brushing.get("header").asLong());
        assertEquals(0, brushing.get("invalid_fields").asLong());
        assertEquals(
                Map.of("malformed", 2L, "bad_tooth", 1L, "bad_percent", 1L, "bad_tick", 1L, "duplicate", 1L),
                counts(brushing.get("rejected_by_reason")));

        JsonNode settings = report.get("settings");
        assertEquals(8, settings.get("lines").asLong());
        assertEquals(6, settings.get("accepted").asLong());
        assertEquals(2, settings.get("rejected").asLong());
        assertEquals(Map.of("bad_timestamp", 1L, "malformed", 1L), counts(settings.get("rejected_by_reason")));

        List<String> points = Files.readAllLines(lp, StandardCharsets.UTF_8);
        assertEquals(530, points.size());
        // P2 with the S8 extra field; P3: 1595896877.637 exactly (through a double it was ...637000192).
        assertTrue(
                points.contains("settings,toothbrush_id=tb-42 tick=0i,battery=0.91,tick_interval=0.25,"
                        + "dataset_id=\"ds-sample\",firmware=\"2.1.0\" 1595896877637000000"),
                points.get(0));
        // P1: tick 539 timed from the anchor at tick 340: 1595896957.64 + 199 * 0.2.
        String last = points.stream()
                .filter(p -> p.startsWith("brushing,toothbrush_id=tb-42 tick=539i,"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "brushing,toothbrush_id=tb-42 tick=539i,tooth=31i,percent_clean=0.716,dataset_id=\"ds-sample\"",
                last.substring(0, last.lastIndexOf(' ')));
        // P3: exact, no tolerance.
        assertEquals(1595896997440000000L, Long.parseLong(last.substring(last.lastIndexOf(' ') + 1)));
    }

    @Test
    @DisplayName("P4: the default dataset id is derived from the inputs, so two runs write identical points")
    void derivedDatasetId_isStable() throws Exception {
        Path sample = JarRunner.sample();
        String[] args = {
            "ingest",
            "--brushing",
            sample.resolve("brushing.csv").toString(),
            "--settings",
            sample.resolve("settings.jsonlines").toString(),
            "--toothbrush-id",
            "tb-42",
            "--db",
            "lp:" + work.resolve("a.lp")
        };
        JarRunner.Run first = JarRunner.run(work, args);
        args[args.length - 1] = "lp:" + work.resolve("b.lp");
        JarRunner.Run second = JarRunner.run(work, args);
        assertEquals(0, first.exitCode(), first.stderr());
        String id = JSON.readTree(first.stdout()).get("dataset_id").asText();
        assertTrue(id.matches("ds-[0-9a-f]{16}"), id);
        assertEquals(id, JSON.readTree(second.stdout()).get("dataset_id").asText());
        assertEquals(Files.readAllLines(work.resolve("a.lp")), Files.readAllLines(work.resolve("b.lp")));
    }

    @Test
    @DisplayName("A7: no first anchor: exit 3, outcome failed, nothing written, brushing not read")
    void unsalvageable_exitsThree() throws Exception {
        Path settings = work.resolve("settings.jsonlines");
        Files.writeString(settings, "{\"timestamp\": 1595896877.6, \"tick\": 0, \"battery\": 0.5}\nnot json\n");
        Path lp = work.resolve("points.lp");
        JarRunner.Run run = JarRunner.run(
                work,
                "ingest",
                "--brushing",
                JarRunner.sample().resolve("brushing.csv").toString(),
                "--settings",
                settings.toString(),
                "--toothbrush-id",
                "tb-1",
                "--db",
                "lp:" + lp);
        assertEquals(3, run.exitCode(), run.stderr());
        JsonNode report = JSON.readTree(run.stdout());
        assertEquals("failed", report.get("outcome").asText());
        assertEquals("no_initial_state", report.get("reason").asText());
        assertTrue(report.get("start").isNull()
                && report.get("end").isNull()
                && report.get("lost_seconds").isNull());
        assertEquals(0, report.get("points_written").asLong());
        assertEquals(0, report.get("brushing").get("lines").asLong());
        assertEquals(
                Map.of("no_initial_state", 1L, "malformed", 1L),
                counts(report.get("settings").get("rejected_by_reason")));
        assertTrue(!Files.exists(lp) || Files.size(lp) == 0, "nothing is written");
    }

    @Test
    @DisplayName("usage errors exit 2 with a usage message on standard error")
    void usageError_exitsTwo() throws Exception {
        JarRunner.Run missing = JarRunner.run(work, "ingest", "--brushing", "x.csv");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.stderr().contains("Missing required options"), missing.stderr());
        assertTrue(missing.stdout().isEmpty(), "no report on a usage error");

        JarRunner.Run badDb = JarRunner.run(
                work,
                "ingest",
                "--brushing",
                "x.csv",
                "--settings",
                "y.jsonl",
                "--toothbrush-id",
                "tb",
                "--db",
                "mysql://nope");
        assertEquals(2, badDb.exitCode());
        assertTrue(badDb.stderr().contains("mysql://nope"), badDb.stderr());
    }

    @Test
    @DisplayName("a stream that cannot be opened exits 1 naming the dataset and the stream")
    void missingStream_exitsOne() throws Exception {
        JarRunner.Run run = JarRunner.run(
                work,
                "ingest",
                "--brushing",
                JarRunner.sample().resolve("brushing.csv").toString(),
                "--settings",
                work.resolve("missing.jsonlines").toString(),
                "--toothbrush-id",
                "tb-1",
                "--dataset-id",
                "ds-missing",
                "--db",
                "lp:" + work.resolve("p.lp"));
        assertEquals(1, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("ds-missing") && run.stderr().contains("missing.jsonlines"), run.stderr());
    }

    private static Map<String, Long> counts(JsonNode node) {
        Map<String, Long> counts = new TreeMap<>();
        node.properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }
}
