package toothbrush.ingest.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's bytes: deterministic, well-formed, and the same whichever way they are written. */
class DatasetGeneratorTest {

    @TempDir
    Path work;

    private static GeneratorOptions faulty(long ticks, long seed, boolean gzip) {
        return new GeneratorOptions(ticks, seed, 0.01, 0.02, 0.02, 3, 3, gzip, "tb-7");
    }

    @Test
    @DisplayName("one seed gives the same bytes every time, another seed other bytes")
    void seed_generateTwice_sameBytes() throws IOException {
        DatasetGenerator.writeDirectory(faulty(20_000, 42, false), work.resolve("a"));
        DatasetGenerator.writeDirectory(faulty(20_000, 42, false), work.resolve("b"));
        DatasetGenerator.writeDirectory(faulty(20_000, 43, false), work.resolve("c"));
        for (String file : List.of(
                DatasetGenerator.BRUSHING_FILE, DatasetGenerator.SETTINGS_FILE, DatasetGenerator.EXPECTED_FILE)) {
            assertArrayEquals(bytes("a", file), bytes("b", file), file);
        }
        assertFalse(java.util.Arrays.equals(
                bytes("a", DatasetGenerator.BRUSHING_FILE), bytes("c", DatasetGenerator.BRUSHING_FILE)));
        assertFalse(java.util.Arrays.equals(
                bytes("a", DatasetGenerator.SETTINGS_FILE), bytes("c", DatasetGenerator.SETTINGS_FILE)));
    }

    @Test
    @DisplayName("B2, S6: ten fault-free ticks: a header, ticks 0-9 in order, one settings line with the whole state")
    void tenCleanTicks_generate_headerTenLinesAndOneFullSettingsLine() throws IOException {
        GeneratorOptions options = new GeneratorOptions(10, 5, 0, 0, 0, 0, 3, false, "tb-1");
        ExpectedFigures figures = DatasetGenerator.writeDirectory(options, work);

        List<String> brushing = Files.readAllLines(work.resolve(DatasetGenerator.BRUSHING_FILE));
        assertEquals(11, brushing.size());
        assertEquals("tick,tooth,percent_clean", brushing.get(0));
        for (int tick = 0; tick < 10; tick++) {
            String[] fields = brushing.get(tick + 1).split(",", -1);
            assertEquals(3, fields.length, brushing.get(tick + 1));
            assertEquals(String.valueOf(tick), fields[0]);
            // The brush stays at least 10 ticks on a tooth: all ten ticks are on tooth 0.
            assertEquals("0", fields[1]);
            double percent = Double.parseDouble(fields[2]);
            assertTrue(percent >= 0 && percent <= 1, fields[2]);
        }

        // Battery steps come at least 30 ticks apart and no interval change was asked: one settings line.
        List<String> settings = Files.readAllLines(work.resolve(DatasetGenerator.SETTINGS_FILE));
        assertEquals(1, settings.size());
        String first = settings.get(0);
        assertTrue(
                first.matches("\\{\"timestamp\": 15\\d{8}\\.\\d{1,6}, \"tick\": 0, \"battery\": (0\\.\\d{1,2}|1\\.0),"
                        + " \"tick_interval\": 0\\.(1|125|2|25|5), \"firmware\": \"2\\.1\\.0\"}"),
                first);

        // R2: one settings event at tick 0, so end = start + (9 - 0 + 1) * interval.
        long intervalMicros =
                Math.round(Double.parseDouble(first.replaceAll(".*\"tick_interval\": ([0-9.]+).*", "$1")) * 1e6);
        assertEquals(figures.startMicros() + 10 * intervalMicros, figures.endMicros());
        assertEquals(11, figures.pointsWritten());
        assertEquals(0, figures.lostTicks());
        assertEquals(
                new ExpectedFigures.StreamFigures(
                        11, 10, 0, 0, 1, Map.of(), Files.size(work.resolve(DatasetGenerator.BRUSHING_FILE))),
                figures.brushing());
        assertEquals(
                new ExpectedFigures.StreamFigures(1, 1, 0, 0, 0, Map.of(), first.length() + 1), figures.settings());
    }

    @Test
    @DisplayName("S7: settings ticks and timestamps never go back; interval-only and battery-only diffs both occur")
    void intervalChanges_generate_orderedDiffsOfBothKinds() throws IOException {
        GeneratorOptions options = new GeneratorOptions(100_000, 9, 0, 0, 0, 5, 50, false, "tb-1");
        DatasetGenerator.writeDirectory(options, work);
        List<String> settings = Files.readAllLines(work.resolve(DatasetGenerator.SETTINGS_FILE));
        long lastTick = -1;
        double lastTimestamp = 0;
        int intervalLines = 0;
        int batteryOnly = 0;
        for (String line : settings) {
            long tick = Long.parseLong(line.replaceAll(".*\"tick\": (\\d+).*", "$1"));
            double timestamp = Double.parseDouble(line.replaceAll(".*\"timestamp\": ([0-9.]+),.*", "$1"));
            assertTrue(tick > lastTick, line);
            assertTrue(timestamp >= lastTimestamp, line);
            assertTrue(tick < 99_999, "no settings event at or after the last tick: " + line);
            lastTick = tick;
            lastTimestamp = timestamp;
            if (line.contains("tick_interval")) {
                intervalLines++;
            }
            if (line.contains("battery") && !line.contains("tick_interval")) {
                batteryOnly++;
            }
        }
        // The first line and the five changes carry an interval.
        assertEquals(6, intervalLines);
        assertTrue(batteryOnly > 100, "battery steps: " + batteryOnly);
    }

    @Test
    @DisplayName(
            "S7: at any size, consecutive settings events are 1 to 9,000 ticks apart (S7 rejects jumps over 10,000)")
    void hundredMillionTicks_timeline_noSettingsJumpBeyondTheLimit() {
        GeneratorOptions options = new GeneratorOptions(100_000_000, 1, 0, 0, 0, 3, 3, false, "tb");
        Timeline timeline = new Timeline(options, SplitMix64.forStream(1, 1));
        assertTrue(timeline.next());
        long events = 1;
        long lastTick = timeline.tick();
        long lastTimestamp = timeline.timestampMicros();
        long widest = 0;
        while (timeline.next()) {
            long jump = timeline.tick() - lastTick;
            assertTrue(jump >= 1 && jump < 9_000, "jump " + jump + " to tick " + timeline.tick());
            assertTrue(timeline.timestampMicros() >= lastTimestamp);
            widest = Math.max(widest, jump);
            lastTick = timeline.tick();
            lastTimestamp = timeline.timestampMicros();
            events++;
        }
        assertTrue(lastTick < 99_999_999);
        // Battery steps every 3,000 to 9,000 ticks (mean 6,000): about 16,700 events.
        assertTrue(events > 11_000 && events < 34_000, "events: " + events);
        assertTrue(widest > 8_000, "widest jump: " + widest);
    }

    @Test
    @DisplayName("settings alone, then brushing alone, give the bytes of one directory run with the same seed")
    void sameSeed_streamsWrittenSeparately_sameBytesAsOneRun() throws IOException {
        GeneratorOptions options = faulty(30_000, 11, false);
        ExpectedFigures whole = DatasetGenerator.writeDirectory(options, work.resolve("whole"));
        Path settings = work.resolve("settings-only.jsonl");
        Path brushing = work.resolve("brushing-only.csv");
        ExpectedFigures settingsOnly = DatasetGenerator.write(options, null, settings);
        ExpectedFigures brushingOnly = DatasetGenerator.write(options, brushing, null);

        assertArrayEquals(bytes("whole", DatasetGenerator.SETTINGS_FILE), Files.readAllBytes(settings));
        assertArrayEquals(bytes("whole", DatasetGenerator.BRUSHING_FILE), Files.readAllBytes(brushing));
        assertEquals(whole, brushingOnly);
        assertEquals(whole.settings(), settingsOnly.settings());
        assertEquals(whole.endMicros(), settingsOnly.endMicros());
        assertNull(settingsOnly.brushing());
        assertNull(settingsOnly.pointsWritten());
    }

    @Test
    @DisplayName("with --gzip both streams are gzip files holding the plain bytes of the same seed")
    void gzip_generate_gunzipsToThePlainBytes() throws IOException {
        DatasetGenerator.writeDirectory(faulty(20_000, 3, false), work.resolve("plain"));
        DatasetGenerator.writeDirectory(faulty(20_000, 3, true), work.resolve("gz"));
        assertArrayEquals(
                bytes("plain", DatasetGenerator.BRUSHING_FILE),
                gunzip(work.resolve("gz").resolve(DatasetGenerator.BRUSHING_FILE + DatasetGenerator.GZIP_SUFFIX)));
        assertArrayEquals(
                bytes("plain", DatasetGenerator.SETTINGS_FILE),
                gunzip(work.resolve("gz").resolve(DatasetGenerator.SETTINGS_FILE + DatasetGenerator.GZIP_SUFFIX)));
        assertFalse(Files.exists(work.resolve("gz").resolve(DatasetGenerator.BRUSHING_FILE)));
    }

    @Test
    @DisplayName("options out of range are refused with a message naming the option")
    void badOptions_construct_refused() {
        assertEquals(
                "ticks must be in 2..4000000000: 1",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new GeneratorOptions(1, 1, 0, 0, 0, 0, 0, false, "tb"))
                        .getMessage());
        assertEquals(
                "gap rate must be in [0, 1): 1.0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new GeneratorOptions(100, 1, 1, 0, 0, 0, 0, false, "tb"))
                        .getMessage());
        // 3 changes need 4 spans of at least 4 ticks between tick 0 and the last tick: 17 ticks.
        assertEquals(
                "3 interval changes need at least 17 ticks, not 16",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new GeneratorOptions(16, 1, 0, 0, 0, 3, 0, false, "tb"))
                        .getMessage());
        new GeneratorOptions(17, 1, 0, 0, 0, 3, 0, false, "tb");
    }

    private byte[] bytes(String dir, String file) throws IOException {
        return Files.readAllBytes(work.resolve(dir).resolve(file));
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
