package toothbrush.ingest.bootstrap.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.bootstrap.Main;
import toothbrush.ingest.generator.DatasetGenerator;

/**
 * {@code generate} then {@code ingest}, both through {@link Main#run} in this JVM: the ingest report
 * equals the figures the generator printed, for a clean dataset, with gaps, with garbage and
 * duplicates, and gzipped.
 */
class GenerateThenIngestTest {
    /** Floats as BigDecimal: report seconds are compared exactly (P3, F3). */
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final String TICKS = "60000";

    @TempDir
    Path work;

    /** What one command printed and returned. */
    private record Run(int status, byte[] outBytes, String err) {
        String out() {
            return new String(outBytes, StandardCharsets.UTF_8);
        }
    }

    private static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, outStream, errStream);
        }
        return new Run(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** Generates into work/data with {@code options}; returns the figures it printed on standard error. */
    private JsonNode generate(String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "generate", "--out", work.resolve("data").toString(), "--ticks", TICKS, "--toothbrush-id", "tb-9"));
        args.addAll(List.of(options));
        Run run = main(args.toArray(String[]::new));
        assertEquals(0, run.status(), run.err());
        JsonNode printed = JSON.readTree(run.err());
        assertEquals(
                printed,
                JSON.readTree(work.resolve("data")
                        .resolve(DatasetGenerator.EXPECTED_FILE)
                        .toFile()));
        return printed;
    }

    private JsonNode ingest(String brushing, String settings) throws IOException {
        Run run = main(
                "ingest",
                "--brushing",
                brushing,
                "--settings",
                settings,
                "--toothbrush-id",
                "tb-9",
                "--dataset-id",
                "ds-gen",
                "--db",
                "lp:" + work.resolve("points.lp"));
        assertEquals(0, run.status(), run.err());
        return JSON.readTree(run.out());
    }

    private JsonNode ingestDirectory(String suffix) throws IOException {
        Path data = work.resolve("data");
        return ingest(
                data.resolve(DatasetGenerator.BRUSHING_FILE + suffix).toString(),
                data.resolve(DatasetGenerator.SETTINGS_FILE + suffix).toString());
    }

    /** R1-R5: every figure the generator knows equals the report's. */
    private static void assertReportMatches(JsonNode expected, JsonNode report) {
        assertEquals("completed", report.get("outcome").asText());
        assertEquals(
                expected.get("points_written").asLong(),
                report.get("points_written").asLong());
        assertExactSeconds(expected, report, "start");
        assertExactSeconds(expected, report, "end");
        assertExactSeconds(expected, report, "lost_seconds");
        for (String stream : List.of("brushing", "settings")) {
            JsonNode want = expected.get(stream);
            JsonNode got = report.get(stream);
            for (String count : List.of("lines", "accepted", "rejected", "blank", "header", "invalid_fields")) {
                assertEquals(want.get(count).asLong(), got.get(count).asLong(), stream + " " + count);
            }
            assertEquals(counts(want.get("rejected_by_reason")), counts(got.get("rejected_by_reason")), stream);
        }
    }

    private static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> counts = new TreeMap<>();
        object.properties()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    @Test
    @DisplayName("R4, R5: a fault-free dataset: every line accepted, nothing lost")
    void cleanDataset_ingest_allAcceptedNothingLost() throws IOException {
        JsonNode expected = generate("--seed", "1");
        JsonNode report = ingestDirectory("");
        assertReportMatches(expected, report);
        // One line per tick and a header; one point per brushing and per settings line.
        assertEquals(60_001, report.get("brushing").get("lines").asLong());
        assertEquals(60_000, report.get("brushing").get("accepted").asLong());
        assertEquals(0, report.get("brushing").get("rejected").asLong());
        assertEquals(0, report.get("settings").get("rejected").asLong());
        assertEquals(0.0, report.get("lost_seconds").asDouble());
        assertEquals(
                60_000 + report.get("settings").get("accepted").asLong(),
                report.get("points_written").asLong());
    }

    @Test
    @DisplayName("R4: with gaps, the lost seconds are those of the skipped ticks")
    void gaps_ingest_lostSecondsAsGenerated() throws IOException {
        JsonNode expected = generate("--seed", "2", "--gap-rate", "0.01");
        JsonNode report = ingestDirectory("");
        assertReportMatches(expected, report);
        long lostTicks = expected.get("lost_ticks").asLong();
        assertTrue(lostTicks > 0);
        assertTrue(report.get("lost_seconds").asDouble() > 0);
        assertEquals(60_000 - lostTicks, report.get("brushing").get("accepted").asLong());
        assertEquals(0, report.get("brushing").get("rejected").asLong());
    }

    @Test
    @DisplayName("B3-B7, L5, S1, S2: garbage and duplicates are rejected with the generated reasons")
    void garbageAndDuplicates_ingest_rejectedAsGenerated() throws IOException {
        JsonNode expected = generate(
                "--seed",
                "3",
                "--garbage-rate",
                "0.02",
                "--duplicate-rate",
                "0.01",
                "--interval-changes",
                "6",
                "--drift-ms",
                "40");
        JsonNode report = ingestDirectory("");
        assertReportMatches(expected, report);
        JsonNode reasons = report.get("brushing").get("rejected_by_reason");
        for (String reason : List.of("malformed", "bad_tick", "bad_tooth", "bad_percent", "duplicate")) {
            assertTrue(reasons.path(reason).asLong() > 0, reason);
        }
        assertEquals(60_000, report.get("brushing").get("accepted").asLong());
    }

    @Test
    @DisplayName("gzip output is read by ingest with the same report")
    void gzip_ingest_sameReport() throws IOException {
        JsonNode expected = generate("--seed", "4", "--gzip", "--gap-rate", "0.001", "--garbage-rate", "0.01");
        JsonNode report = ingestDirectory(DatasetGenerator.GZIP_SUFFIX);
        assertReportMatches(expected, report);
    }

    @Test
    @DisplayName("--brushing-out - writes the brushing stream to standard output, byte for byte the file's")
    void brushingOutDash_generate_brushingOnStandardOutput() throws IOException {
        JsonNode expected = generate("--seed", "5", "--gap-rate", "0.001", "--garbage-rate", "0.01");
        Path settings = work.resolve("settings.jsonlines");
        Run run = main(
                "generate",
                "--brushing-out",
                "-",
                "--settings-out",
                settings.toString(),
                "--ticks",
                TICKS,
                "--toothbrush-id",
                "tb-9",
                "--seed",
                "5",
                "--gap-rate",
                "0.001",
                "--garbage-rate",
                "0.01");
        assertEquals(0, run.status(), run.err());
        assertEquals(expected, JSON.readTree(run.err()));
        Path data = work.resolve("data");
        assertArrayEquals(Files.readAllBytes(data.resolve(DatasetGenerator.BRUSHING_FILE)), run.outBytes());
        assertEquals(-1, Files.mismatch(data.resolve(DatasetGenerator.SETTINGS_FILE), settings));
    }

    @Test
    @DisplayName("--settings-out - writes the settings stream to standard output; ingest gives the generator's figures")
    void settingsOutDash_ingest_figuresAsGenerated() throws IOException {
        Path brushing = work.resolve("brushing.csv");
        Run run = main(
                "generate",
                "--brushing-out",
                brushing.toString(),
                "--settings-out",
                "-",
                "--ticks",
                TICKS,
                "--toothbrush-id",
                "tb-9",
                "--seed",
                "6",
                "--duplicate-rate",
                "0.01");
        assertEquals(0, run.status(), run.err());
        Path settings = work.resolve("settings.jsonlines");
        Files.write(settings, run.outBytes());
        assertReportMatches(JSON.readTree(run.err()), ingest(brushing.toString(), settings.toString()));
    }

    @Test
    @DisplayName("--brushing-out - with --settings-out - is a usage error (exit 2): one standard output")
    void bothStreamsOnStandardOutput_generate_usageError() {
        Run run = main("generate", "--brushing-out", "-", "--settings-out", "-", "--ticks", TICKS);
        assertEquals(Main.EXIT_USAGE, run.status());
        assertTrue(run.err().contains("cannot share standard output"), run.err());
        assertEquals("", run.out());
    }

    @Test
    @DisplayName("--out - is a usage error (exit 2): two streams need two paths")
    void outDash_generate_usageError() {
        Run run = main("generate", "--out", "-");
        assertEquals(Main.EXIT_USAGE, run.status());
        assertTrue(run.err().contains("--brushing-out PATH and --settings-out PATH"), run.err());
        assertEquals(Main.EXIT_USAGE, main("generate").status());
        assertEquals(
                Main.EXIT_USAGE,
                main("generate", "--out", work.toString(), "--gap-rate", "1.5").status());
    }

    /** P3, F3: seconds in the report are exact, so they equal the expected decimal, not just nearly. */
    private static void assertExactSeconds(JsonNode expected, JsonNode actual, String field) {
        assertEquals(
                0,
                expected.get(field).decimalValue().compareTo(actual.get(field).decimalValue()),
                field + ": expected " + expected.get(field) + " but was " + actual.get(field));
    }
}
