package toothbrush.ingest.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both streams written into named pipes while a reader reads them the way the engine does (A6): the
 * settings stream up to its first event, only then the brushing stream, then both merged in tick order
 * with one settings event read ahead. The settings stream holds far more than a pipe buffers, so a
 * generator that wrote it ahead, or held back a settings line or the end of the stream, would deadlock.
 */
class NamedPipesTest {
    private static final GeneratorOptions OPTIONS = new GeneratorOptions(400_000, 5, 0.001, 0, 0, 4, 3, false, "tb");

    @TempDir
    Path work;

    @Test
    @DisplayName("A5, A6: a merge reader of two named pipes gets both streams whole, without deadlock")
    void twoNamedPipes_mergeReadWhileGenerating_sameBytesAsFiles() throws Exception {
        Path brushing = work.resolve("brushing.fifo");
        Path settings = work.resolve("settings.fifo");
        mkfifo(brushing);
        mkfifo(settings);
        ExpectedFigures stored = DatasetGenerator.writeDirectory(OPTIONS, work.resolve("stored"));
        // About 1,000 battery steps of ~50 bytes: more than a 64 KiB pipe holds.
        assertTrue(
                stored.settings().bytes() > 65_536,
                "settings bytes: " + stored.settings().bytes());

        MergeReader reader = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            CompletableFuture<ExpectedFigures> generator = CompletableFuture.supplyAsync(() -> {
                try {
                    return DatasetGenerator.write(OPTIONS, brushing, settings);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            MergeReader merge = new MergeReader(settings, brushing);
            merge.run();
            assertEquals(stored, generator.get(10, TimeUnit.SECONDS));
            return merge;
        });

        assertArrayEquals(
                Files.readAllBytes(work.resolve("stored").resolve(DatasetGenerator.SETTINGS_FILE)),
                reader.settingsBytes.toByteArray());
        assertArrayEquals(
                Files.readAllBytes(work.resolve("stored").resolve(DatasetGenerator.BRUSHING_FILE)),
                reader.brushingBytes.toByteArray());
        assertEquals(stored.brushing().accepted(), reader.brushingEvents);
        assertEquals(stored.settings().accepted(), reader.settingsEvents);
    }

    /** Reads like the engine: settings to the first event, then brushing, then the tick-ordered merge. */
    private static final class MergeReader {
        private final Path settingsPath;
        private final Path brushingPath;
        final ByteArrayOutputStream settingsBytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream brushingBytes = new ByteArrayOutputStream();
        long settingsEvents;
        long brushingEvents;

        MergeReader(Path settingsPath, Path brushingPath) {
            this.settingsPath = settingsPath;
            this.brushingPath = brushingPath;
        }

        void run() throws IOException {
            try (LineInput settings = new LineInput(Files.newInputStream(settingsPath), settingsBytes)) {
                long pendingSettings = settingsTick(settings);
                try (LineInput brushing = new LineInput(Files.newInputStream(brushingPath), brushingBytes)) {
                    brushing.next(); // the header
                    long pendingBrushing = brushingTick(brushing);
                    while (pendingSettings >= 0 || pendingBrushing >= 0) {
                        if (pendingSettings >= 0 && (pendingBrushing < 0 || pendingSettings <= pendingBrushing)) {
                            settingsEvents++;
                            pendingSettings = settingsTick(settings);
                        } else {
                            brushingEvents++;
                            pendingBrushing = brushingTick(brushing);
                        }
                    }
                }
            }
        }

        private static long settingsTick(LineInput in) throws IOException {
            String line = in.next();
            if (line == null) {
                return -1;
            }
            int at = line.indexOf("\"tick\": ") + 8;
            int end = at;
            while (Character.isDigit(line.charAt(end))) {
                end++;
            }
            return Long.parseLong(line.substring(at, end));
        }

        private static long brushingTick(LineInput in) throws IOException {
            String line = in.next();
            return line == null ? -1 : Long.parseLong(line.substring(0, line.indexOf(',')));
        }
    }

    /** Lines of a stream read with whatever each read returns (as a pipe reader gets them), kept as bytes. */
    private static final class LineInput implements AutoCloseable {
        private final InputStream in;
        private final ByteArrayOutputStream copy;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;

        LineInput(InputStream in, ByteArrayOutputStream copy) {
            this.in = in;
            this.copy = copy;
        }

        String next() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit < 0) {
                        limit = 0;
                        return line.length() == 0 ? null : line.toString();
                    }
                    copy.write(buffer, 0, limit);
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    return line.toString();
                }
                line.append((char) b);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, process.waitFor());
    }
}
