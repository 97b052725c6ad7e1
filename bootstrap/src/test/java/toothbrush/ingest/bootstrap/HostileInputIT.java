package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * U4 on the jar with a 64 MB heap: inputs built to exhaust memory (thousands of named CSV columns, settings
 * lines full of new keys) ingest to the end, because batches are bounded by bytes and a stream pins at most
 * 1,024 extra names (B3, S8).
 */
class HostileInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T = 1_600_000_000L;

    @TempDir
    Path work;

    @Test
    @DisplayName(
            "U4, B3: 10,000 named CSV columns on 500 lines ingest at -Xmx64m; names past 1,024 are dropped and counted")
    void wideCsv_ingestsInA64MbHeap() throws Exception {
        int columns = 10_000;
        int lines = 500;
        Path brushing = work.resolve("wide.csv");
        try (BufferedWriter out = Files.newBufferedWriter(brushing, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("tick,tooth,percent_clean");
            for (int c = 0; c < columns; c++) {
                header.append(",c").append(c);
            }
            out.write(header.append('\n').toString());
            StringBuilder values = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                values.append(",v");
            }
            String extra = values.toString();
            for (int tick = 0; tick < lines; tick++) {
                out.write(tick + "," + (tick % 32) + ",0.5" + extra + "\n");
            }
        }
        Path settings = Files.writeString(
                work.resolve("settings.jsonlines"), "{\"timestamp\":" + T + ",\"tick\":0,\"tick_interval\":0.1}\n");

        JsonNode report = ingest(brushing, settings);

        assertEquals("completed", report.get("outcome").asText(), report.toString());
        assertEquals(lines, report.get("brushing").get("accepted").asLong());
        assertEquals(
                (long) lines * (columns - 1_024),
                report.get("brushing").get("invalid_fields").asLong());
        assertEquals(lines + 1, report.get("points_written").asLong());
    }

    @Test
    @DisplayName(
            "U4, S8: 200 settings lines of 5,000 new keys each ingest at -Xmx64m; keys past 1,024 are dropped and counted")
    void manyKeys_ingestInA64MbHeap() throws Exception {
        int lines = 200;
        int keysPerLine = 5_000;
        Path settings = work.resolve("settings.jsonlines");
        int key = 0;
        try (BufferedWriter out = Files.newBufferedWriter(settings, StandardCharsets.UTF_8)) {
            for (int tick = 0; tick < lines; tick++) {
                StringBuilder line = new StringBuilder("{\"timestamp\":")
                        .append(T + tick)
                        .append(",\"tick\":")
                        .append(tick)
                        .append(",\"tick_interval\":0.1");
                for (int k = 0; k < keysPerLine; k++) {
                    line.append(",\"").append(Integer.toString(key++, 36)).append("\":1");
                }
                out.write(line.append("}\n").toString());
            }
        }
        Path brushing = Files.writeString(work.resolve("brushing.csv"), "0,1,0.5\n1,2,0.75\n");

        JsonNode report = ingest(brushing, settings);

        assertEquals("completed", report.get("outcome").asText(), report.toString());
        assertEquals(lines, report.get("settings").get("accepted").asLong());
        assertEquals(
                (long) lines * keysPerLine - 1_024,
                report.get("settings").get("invalid_fields").asLong());
        assertEquals(lines + 2, report.get("points_written").asLong());
    }

    private JsonNode ingest(Path brushing, Path settings) throws IOException, InterruptedException {
        JarRunner.Run run = JarRunner.run(
                work,
                "ingest",
                "--brushing",
                brushing.toString(),
                "--settings",
                settings.toString(),
                "--toothbrush-id",
                "tb-hostile",
                "--dataset-id",
                "ds-hostile",
                "--db",
                "lp:/dev/null");
        assertEquals(0, run.exitCode(), run.stderr());
        return JSON.readTree(run.stdout());
    }
}
