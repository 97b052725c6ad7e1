package toothbrush.ingest.generator;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic dataset of any size in one streaming pass, deterministic for a seed: a brushing
 * CSV (header, one line per tick, the tooth moving on every 10-25 ticks while its percent clean rises)
 * and a settings JSON-lines stream ({@link Timeline}), with gaps, garbage lines and duplicates at the
 * given rates. Every garbage line is rejected by a known SPEC rule and never changes the engine's state,
 * so the report figures are known exactly ({@link ExpectedFigures}). Memory does not grow with size.
 */
public final class DatasetGenerator {
    /** The brushing stream's file name in a dataset directory ({@code .gz} appended with gzip). */
    public static final String BRUSHING_FILE = "brushing.csv";
    /** The settings stream's file name in a dataset directory ({@code .gz} appended with gzip). */
    public static final String SETTINGS_FILE = "settings.jsonlines";
    /** The expected figures' file name in a dataset directory. */
    public static final String EXPECTED_FILE = "expected.json";
    /** Appended to the stream file names with gzip. */
    public static final String GZIP_SUFFIX = ".gz";
    /** The brushing header line. */
    public static final String HEADER = "tick,tooth,percent_clean";
    /** The longest gap, in ticks. */
    public static final int MAX_GAP_TICKS = 50;
    /** The stream path that means standard output. */
    public static final String STANDARD_OUTPUT = "-";

    private static final int BRUSHING_BUFFER_BYTES = 1 << 20;
    private static final int SETTINGS_BUFFER_BYTES = 1 << 16;
    private static final int GZIP_BUFFER_BYTES = 1 << 16;
    private static final int TIMELINE_STREAM = 1;
    private static final int SETTINGS_STREAM = 2;
    private static final int BRUSHING_STREAM = 3;

    private DatasetGenerator() {}

    /**
     * Writes {@code dir}/brushing.csv, {@code dir}/settings.jsonlines ({@code .gz} with gzip) and
     * {@code dir}/expected.json (the figures as JSON), creating {@code dir} if needed.
     */
    public static ExpectedFigures writeDirectory(GeneratorOptions options, Path dir) throws IOException {
        Files.createDirectories(dir);
        String suffix = options.gzip() ? GZIP_SUFFIX : "";
        ExpectedFigures figures =
                write(options, dir.resolve(BRUSHING_FILE + suffix), dir.resolve(SETTINGS_FILE + suffix));
        Files.writeString(dir.resolve(EXPECTED_FILE), figures.toJson() + "\n", StandardCharsets.UTF_8);
        return figures;
    }

    /**
     * Writes the brushing stream to {@code brushingPath} and the settings stream to {@code settingsPath};
     * either may be null (that stream is not written; without brushing the loop over the ticks is not run
     * and the figures that need it are null). One seed gives the same bytes whichever streams are written.
     *
     * <p>A settings path that exists and is not a regular file (a named pipe, {@code /dev/stdout}) is
     * written while the brushing stream is, in tick order, each line flushed together with the brushing
     * lines before it and always one settings event ahead of the brushing lines, and closed as soon as its
     * last event is out: an ingest reading both streams from pipes never waits for a line that is not
     * written yet. Otherwise the settings stream is written whole and closed before the brushing path is
     * opened (a reader of a brushing pipe may then start on the complete settings file).
     */
    public static ExpectedFigures write(GeneratorOptions options, Path brushingPath, Path settingsPath)
            throws IOException {
        return write(options, brushingPath, settingsPath, System.out);
    }

    /**
     * {@link #write(GeneratorOptions, Path, Path)}, where a path {@value #STANDARD_OUTPUT} (one of the two
     * at most) writes that stream to {@code standardOutput}, which is flushed but not closed. Settings
     * on standard output are written in step with the brushing stream, as to a named pipe.
     */
    public static ExpectedFigures write(
            GeneratorOptions options, Path brushingPath, Path settingsPath, OutputStream standardOutput)
            throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(standardOutput, "standardOutput");
        if (brushingPath == null && settingsPath == null) {
            throw new IllegalArgumentException("no stream to write: give a brushing path, a settings path or both");
        }
        if (isStandardOutput(brushingPath) && isStandardOutput(settingsPath)) {
            throw new IllegalArgumentException("only one of the two streams can go to standard output");
        }
        boolean interleaved = brushingPath != null
                && settingsPath != null
                && (isStandardOutput(settingsPath) || Files.exists(settingsPath) && !Files.isRegularFile(settingsPath));
        return new Run(options, interleaved, standardOutput).execute(brushingPath, settingsPath);
    }

    /** True for the path {@value #STANDARD_OUTPUT}. */
    public static boolean isStandardOutput(Path path) {
        return path != null && path.toString().equals(STANDARD_OUTPUT);
    }

    private static AsciiOut open(
            String stream, Path path, boolean gzip, boolean syncFlush, int bufferBytes, OutputStream standardOutput)
            throws IOException {
        if (path == null) {
            return new AsciiOut(stream + " (not written)", OutputStream.nullOutputStream(), bufferBytes);
        }
        if (isStandardOutput(path)) {
            return wrap(stream + " stream on standard output", keptOpen(standardOutput), gzip, syncFlush, bufferBytes);
        }
        String name = stream + " stream " + path;
        OutputStream raw;
        try {
            raw = Files.newOutputStream(path);
        } catch (IOException e) {
            throw new IOException(name + ": cannot open: " + e, e);
        }
        return wrap(name, raw, gzip, syncFlush, bufferBytes);
    }

    private static AsciiOut wrap(String name, OutputStream raw, boolean gzip, boolean syncFlush, int bufferBytes)
            throws IOException {
        if (!gzip) {
            return new AsciiOut(name, raw, bufferBytes);
        }
        try {
            return new AsciiOut(name, new GZIPOutputStream(raw, GZIP_BUFFER_BYTES, syncFlush), bufferBytes);
        } catch (IOException e) {
            raw.close();
            throw new IOException(name + ": cannot start gzip: " + e, e);
        }
    }

    /**
     * {@code out} with {@code close()} only flushing it, and a {@link PrintStream}'s swallowed failure
     * (a reader that went away) turned back into an {@link IOException}, so generation stops.
     */
    private static OutputStream keptOpen(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                check();
            }

            @Override
            public void flush() throws IOException {
                out.flush();
                check();
            }

            @Override
            public void close() throws IOException {
                flush();
            }

            private void check() throws IOException {
                if (out instanceof PrintStream print && print.checkError()) {
                    throw new IOException("standard output refused the write (closed by its reader?)");
                }
            }
        };
    }

    /** One generation: the three random streams, the two outputs and the counts. */
    private static final class Run {
        private static final byte[] FIRMWARE = ", \"firmware\": \"2.1.0\"".getBytes(StandardCharsets.US_ASCII);

        private final GeneratorOptions options;
        private final boolean interleaved;
        private final OutputStream standardOutput;
        private final long lastTick;

        // settings
        private final Timeline timeline;
        private final SplitMix64 settingsRandom;
        private final byte[] settingsLine = new byte[256];
        private final byte[] settingsGarbage = new byte[256];
        private AsciiOut settingsOut;
        private boolean settingsDone;
        private long settingsFrontier = -1;
        private long settingsEvents;
        private long settingsMalformed;
        private long settingsBadTimestamp;
        private long startMicros;
        private long endMicros;

        // brushing
        private final SplitMix64 brushingRandom;
        private final Timeline clock;
        private final byte[] line = new byte[64];
        private final byte[] garbage = new byte[64];
        private AsciiOut brushingOut;
        private long brushingAccepted;
        private long duplicates;
        private long badTick;
        private long badTooth;
        private long badPercent;
        private long malformed;
        private long lostTicks;
        private long lostMicros;
        private int tooth = 31;
        private int toothTicksLeft;
        private int percentMilli;
        private int percentStep;

        Run(GeneratorOptions options, boolean interleaved, OutputStream standardOutput) {
            this.options = options;
            this.interleaved = interleaved;
            this.standardOutput = standardOutput;
            this.lastTick = options.ticks() - 1;
            this.timeline = new Timeline(options, SplitMix64.forStream(options.seed(), TIMELINE_STREAM));
            this.clock = new Timeline(options, SplitMix64.forStream(options.seed(), TIMELINE_STREAM));
            this.settingsRandom = SplitMix64.forStream(options.seed(), SETTINGS_STREAM);
            this.brushingRandom = SplitMix64.forStream(options.seed(), BRUSHING_STREAM);
        }

        ExpectedFigures execute(Path brushingPath, Path settingsPath) throws IOException {
            try {
                settingsOut = open(
                        "settings", settingsPath, options.gzip(), interleaved, SETTINGS_BUFFER_BYTES, standardOutput);
                emitSettingsThrough(interleaved ? 0 : Long.MAX_VALUE);
                if (brushingPath != null) {
                    brushingOut = open(
                            "brushing", brushingPath, options.gzip(), false, BRUSHING_BUFFER_BYTES, standardOutput);
                    writeBrushing();
                    emitSettingsThrough(Long.MAX_VALUE);
                    brushingOut.close();
                }
            } finally {
                closeQuietly(settingsOut);
                closeQuietly(brushingOut);
            }
            return figures(brushingPath != null);
        }

        // ---- settings ----------------------------------------------------------------------------

        /** Writes every settings event at or before {@code tick} and the one after it (or the end). */
        private void emitSettingsThrough(long tick) throws IOException {
            while (!settingsDone && settingsFrontier <= tick) {
                if (!timeline.next()) {
                    settingsDone = true;
                    endMicros =
                            timeline.timestampMicros() + (lastTick - timeline.tick() + 1) * timeline.intervalMicros();
                    settingsOut.close();
                    return;
                }
                if (timeline.isFirst()) {
                    startMicros = timeline.timestampMicros();
                }
                int length = settingsLine();
                if (options.garbageRate() > 0 && settingsRandom.chance(SplitMix64.threshold(options.garbageRate()))) {
                    settingsGarbage(length);
                }
                settingsOut.put(settingsLine, 0, length);
                settingsEvents++;
                settingsFrontier = timeline.tick();
                if (interleaved) {
                    settingsOut.flush();
                }
            }
        }

        private int settingsLine() {
            byte[] s = settingsLine;
            int i = Ascii.putAscii(s, 0, "{\"timestamp\": ");
            i = Ascii.putDecimal(s, i, timeline.timestampMicros(), 6);
            i = Ascii.putAscii(s, i, ", \"tick\": ");
            i = Ascii.putLong(s, i, timeline.tick());
            if (timeline.carriesBattery()) {
                i = Ascii.putAscii(s, i, ", \"battery\": ");
                i = Ascii.putDecimal(s, i, timeline.batteryCenti(), 2);
            }
            if (timeline.carriesInterval()) {
                i = Ascii.putAscii(s, i, ", \"tick_interval\": ");
                i = Ascii.putDecimal(s, i, timeline.intervalMicros(), 6);
            }
            if (timeline.isFirst()) {
                System.arraycopy(FIRMWARE, 0, s, i, FIRMWARE.length);
                i += FIRMWARE.length;
            }
            s[i++] = '}';
            s[i++] = '\n';
            return i;
        }

        /** A line cut before its closing brace (S1 malformed) or with a text timestamp (S2 bad_timestamp). */
        private void settingsGarbage(int length) throws IOException {
            byte[] g = settingsGarbage;
            int i;
            if (settingsRandom.nextInt(2) == 0) {
                int kept = 1 + (int) settingsRandom.nextLong(length - 2);
                System.arraycopy(settingsLine, 0, g, 0, kept);
                i = kept;
                settingsMalformed++;
            } else {
                i = Ascii.putAscii(g, 0, "{\"timestamp\": \"soon\", \"tick\": ");
                i = Ascii.putLong(g, i, timeline.tick());
                g[i++] = '}';
                settingsBadTimestamp++;
            }
            g[i++] = '\n';
            settingsOut.put(g, 0, i);
        }

        // ---- brushing ----------------------------------------------------------------------------

        private void writeBrushing() throws IOException {
            byte[] header = (HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
            brushingOut.put(header, 0, header.length);
            long gapThreshold = SplitMix64.threshold(options.gapRate());
            long garbageThreshold = SplitMix64.threshold(options.garbageRate());
            long duplicateThreshold = SplitMix64.threshold(options.duplicateRate());
            SplitMix64 random = brushingRandom;
            clock.next();
            long clockNextTick = 0;
            long intervalMicros = 0;
            long gapLeft = 0;
            for (long t = 0; t <= lastTick; t++) {
                while (clockNextTick <= t) {
                    intervalMicros = clock.intervalMicros();
                    clockNextTick = clock.next() ? clock.tick() : Long.MAX_VALUE;
                }
                advanceTooth(random);
                if (gapLeft > 0) {
                    gapLeft--;
                    lostTicks++;
                    lostMicros += intervalMicros;
                    continue;
                }
                if (gapThreshold != 0 && t != 0 && t != lastTick && random.chance(gapThreshold)) {
                    gapLeft = Math.min(1 + random.nextInt(MAX_GAP_TICKS), lastTick - t) - 1;
                    lostTicks++;
                    lostMicros += intervalMicros;
                    continue;
                }
                if (!settingsDone && settingsFrontier <= t) {
                    brushingOut.flush();
                    emitSettingsThrough(t);
                }
                byte[] l = line;
                int comma1 = Ascii.putLong(l, 0, t);
                l[comma1] = ',';
                int comma2 = Ascii.putLong(l, comma1 + 1, tooth);
                l[comma2] = ',';
                int end = Ascii.putDecimal(l, comma2 + 1, percentMilli, 3);
                l[end++] = '\n';
                if (garbageThreshold != 0 && random.chance(garbageThreshold)) {
                    brushingGarbage(random, comma1, comma2, end);
                }
                brushingOut.put(l, 0, end);
                brushingAccepted++;
                if (duplicateThreshold != 0 && random.chance(duplicateThreshold)) {
                    brushingOut.put(l, 0, end);
                    duplicates++;
                }
            }
        }

        /** The brush stays 10-25 ticks on a tooth, its percent clean rising from about 5 % to about 90 %. */
        private void advanceTooth(SplitMix64 random) {
            if (toothTicksLeft == 0) {
                tooth = (tooth + 1) & 31;
                toothTicksLeft = 10 + random.nextInt(16);
                percentMilli = 30 + random.nextInt(41);
                percentStep = (900 - percentMilli) / toothTicksLeft;
            } else {
                percentMilli = Math.max(0, Math.min(1000, percentMilli + percentStep + random.nextInt(7) - 3));
            }
            toothTicksLeft--;
        }

        /**
         * A line that the engine rejects for a known reason before it looks at the tick order, derived
         * from the line it precedes: B4 bad_tick, B5 bad_tooth, B6 bad_percent, L5 malformed (bytes that
         * are never UTF-8) or B3 malformed (cut before the third field).
         */
        private void brushingGarbage(SplitMix64 random, int comma1, int comma2, int end) throws IOException {
            byte[] g = garbage;
            byte[] l = line;
            int i;
            switch (random.nextInt(5)) {
                case 0 -> {
                    System.arraycopy(l, 0, g, 0, comma1);
                    g[comma1] = '.';
                    g[comma1 + 1] = '5';
                    System.arraycopy(l, comma1, g, comma1 + 2, end - comma1);
                    i = end + 2;
                    badTick++;
                }
                case 1 -> {
                    System.arraycopy(l, 0, g, 0, comma1 + 1);
                    i = Ascii.putLong(g, comma1 + 1, 32 + random.nextInt(68));
                    System.arraycopy(l, comma2, g, i, end - comma2);
                    i += end - comma2;
                    badTooth++;
                }
                case 2 -> {
                    System.arraycopy(l, 0, g, 0, comma2 + 1);
                    i = comma2 + 1;
                    g[i++] = '1';
                    g[i++] = '.';
                    g[i++] = (byte) ('1' + random.nextInt(9));
                    g[i++] = '\n';
                    badPercent++;
                }
                case 3 -> {
                    System.arraycopy(l, 0, g, 0, end);
                    for (int k = random.nextInt(3); k >= 0; k--) {
                        g[random.nextInt(end - 1)] = (byte) (0xF8 | random.nextInt(8));
                    }
                    i = end;
                    malformed++;
                }
                default -> {
                    i = 1 + random.nextInt(comma2);
                    System.arraycopy(l, 0, g, 0, i);
                    g[i++] = '\n';
                    malformed++;
                }
            }
            brushingOut.put(g, 0, i);
        }

        // ---- figures -----------------------------------------------------------------------------

        private ExpectedFigures figures(boolean withBrushing) {
            Map<String, Long> settingsReasons = new LinkedHashMap<>();
            putIfPositive(settingsReasons, "malformed", settingsMalformed);
            putIfPositive(settingsReasons, "bad_timestamp", settingsBadTimestamp);
            long settingsRejected = settingsMalformed + settingsBadTimestamp;
            ExpectedFigures.StreamFigures settings = new ExpectedFigures.StreamFigures(
                    settingsEvents + settingsRejected,
                    settingsEvents,
                    settingsRejected,
                    0,
                    0,
                    settingsReasons,
                    settingsOut.bytesWritten());
            if (!withBrushing) {
                return new ExpectedFigures(
                        options.toothbrushId(),
                        options.seed(),
                        options.ticks(),
                        null,
                        settings,
                        null,
                        null,
                        null,
                        startMicros,
                        endMicros);
            }
            Map<String, Long> brushingReasons = new LinkedHashMap<>();
            putIfPositive(brushingReasons, "malformed", malformed);
            putIfPositive(brushingReasons, "bad_tick", badTick);
            putIfPositive(brushingReasons, "bad_tooth", badTooth);
            putIfPositive(brushingReasons, "bad_percent", badPercent);
            putIfPositive(brushingReasons, "duplicate", duplicates);
            long brushingRejected = malformed + badTick + badTooth + badPercent + duplicates;
            ExpectedFigures.StreamFigures brushing = new ExpectedFigures.StreamFigures(
                    1 + brushingAccepted + brushingRejected,
                    brushingAccepted,
                    brushingRejected,
                    0,
                    1,
                    brushingReasons,
                    brushingOut.bytesWritten());
            return new ExpectedFigures(
                    options.toothbrushId(),
                    options.seed(),
                    options.ticks(),
                    brushing,
                    settings,
                    brushingAccepted + settingsEvents,
                    lostTicks,
                    lostMicros,
                    startMicros,
                    endMicros);
        }

        private static void putIfPositive(Map<String, Long> reasons, String reason, long count) {
            if (count > 0) {
                reasons.put(reason, count);
            }
        }

        private static void closeQuietly(AsciiOut out) {
            if (out == null || out.isClosed()) {
                return;
            }
            try {
                out.close();
            } catch (IOException e) {
                // Already failing: the first exception is the one reported.
            }
        }
    }
}
