package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams are read once, front to back: both come through named pipes from a running {@code generate},
 * are never stored, and the ingest runs with a 64 MB heap into {@code lp:/dev/null}. The report must give
 * the figures the generator knows.
 */
class PipeIngestIT {
    /** Floats as BigDecimal: report seconds are compared exactly (P3, F3). */
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    Path work;

    @Test
    @DisplayName("A6, L1-L6: a generated dataset through named pipes ingests with -Xmx64m to the generator's figures")
    void namedPipesWithSmallHeap_ingestToTheGeneratorsFigures() throws Exception {
        Path brushing = work.resolve("brushing.csv");
        Path settings = work.resolve("settings.jsonlines");
        assertEquals(
                0,
                new ProcessBuilder("mkfifo", brushing.toString(), settings.toString())
                        .start()
                        .waitFor());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = JarRunner.jar().toString();

        Path expectedFile = work.resolve("expected.json");
        Process generator = new ProcessBuilder(
                        java,
                        "-Xmx64m",
                        "-jar",
                        jar,
                        "generate",
                        "--brushing-out",
                        brushing.toString(),
                        "--settings-out",
                        settings.toString(),
                        "--ticks",
                        "2000000",
                        "--seed",
                        "11",
                        "--gap-rate",
                        "0.001",
                        "--garbage-rate",
                        "0.001",
                        "--duplicate-rate",
                        "0.001",
                        "--toothbrush-id",
                        "tb-pipe")
                .redirectError(expectedFile.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Path report = work.resolve("report.json");
        Path log = work.resolve("ingest.log");
        Process ingest = new ProcessBuilder(
                        java,
                        "-Xmx64m",
                        "-jar",
                        jar,
                        "ingest",
                        "--brushing",
                        brushing.toString(),
                        "--settings",
                        settings.toString(),
                        "--toothbrush-id",
                        "tb-pipe",
                        "--dataset-id",
                        "ds-pipe",
                        "--db",
                        "lp:/dev/null")
                .redirectOutput(report.toFile())
                .redirectError(log.toFile())
                .start();
        try {
            assertTrue(ingest.waitFor(180, TimeUnit.SECONDS), "ingest did not finish");
            assertTrue(generator.waitFor(30, TimeUnit.SECONDS), "generator did not finish");
        } finally {
            ingest.destroyForcibly();
            generator.destroyForcibly();
        }
        assertEquals(0, ingest.exitValue(), Files.readString(log));

        JsonNode expected = JSON.readTree(lastJsonLine(expectedFile));
        JsonNode actual = JSON.readTree(Files.readString(report, StandardCharsets.UTF_8));
        assertEquals("completed", actual.get("outcome").asText());
        assertEquals(
                expected.get("points_written").asLong(),
                actual.get("points_written").asLong());
        assertExactSeconds(expected, actual, "lost_seconds");
        assertExactSeconds(expected, actual, "start");
        assertExactSeconds(expected, actual, "end");
        for (String stream : List.of("brushing", "settings")) {
            for (String count : List.of("lines", "accepted", "rejected", "blank", "header", "invalid_fields")) {
                assertEquals(
                        expected.get(stream).get(count).asLong(),
                        actual.get(stream).get(count).asLong(),
                        stream + " " + count);
            }
            assertEquals(
                    expected.get(stream).get("rejected_by_reason"),
                    actual.get(stream).get("rejected_by_reason"),
                    stream + " rejected_by_reason");
        }
        assertTrue(actual.get("brushing").get("rejected").asLong() > 0, "the generator injected garbage");
    }

    private static String lastJsonLine(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("{")) {
                return lines.get(i);
            }
        }
        throw new AssertionError("no expected figures from generate: " + lines);
    }

    /** P3, F3: seconds in the report are exact, so they equal the expected decimal, not just nearly. */
    private static void assertExactSeconds(JsonNode expected, JsonNode actual, String field) {
        assertEquals(
                0,
                expected.get(field).decimalValue().compareTo(actual.get(field).decimalValue()),
                field + ": expected " + expected.get(field) + " but was " + actual.get(field));
    }
}
