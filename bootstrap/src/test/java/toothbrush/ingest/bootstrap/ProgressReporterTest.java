package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.application.port.Dataset;

class ProgressReporterTest {
    private static final Dataset DATASET = new Dataset("ds-1", "tb-1", "b.csv", "s.jsonl");

    @Test
    @DisplayName("a progress line gives bytes, percent, rate, points and ETA")
    void progressLine_givesBytesPercentRatePointsAndEta() {
        // 512 MiB of 2 GiB after 4 s: 128 MiB/s, 25 %, 1.5 GiB left -> 12 s.
        assertEquals(
                "dataset ds-1: 512.0 MiB of 2.0 GiB (25%) at 128.0 MiB/s, 1000 points, ETA 12s",
                ProgressReporter.describe(DATASET, 512L << 20, 2L << 30, 1000, 4_000_000_000L));
        // Unknown size (a pipe): no percent, no ETA.
        assertEquals(
                "dataset ds-1: 3.0 KiB at 1.5 KiB/s, 7 points",
                ProgressReporter.describe(DATASET, 3072, -1, 7, 2_000_000_000L));
    }

    @Test
    @DisplayName("on a terminal the line is redrawn in place, at most once per interval, and ended by finish")
    void terminalLine_isRedrawnAtMostOncePerInterval() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] now = {0};
        ProgressReporter reporter = new ProgressReporter(
                new PrintStream(out, true, StandardCharsets.UTF_8), Duration.ofSeconds(1), () -> now[0]);
        reporter.update(DATASET, 0, 1000, 0); // the first batch of a dataset starts its clock
        now[0] = 500_000_000L;
        reporter.update(DATASET, 100, 1000, 1); // too soon: nothing
        now[0] = 1_000_000_000L;
        reporter.update(DATASET, 200, 1000, 2); // drawn
        now[0] = 1_500_000_000L;
        reporter.update(DATASET, 300, 1000, 3); // too soon again
        reporter.finish();
        assertEquals(
                "\rdataset ds-1: 200 B of 1000 B (20%) at 200 B/s, 2 points, ETA 4s\u001b[K\n",
                out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
