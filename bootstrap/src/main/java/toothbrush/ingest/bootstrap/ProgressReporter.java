package toothbrush.ingest.bootstrap;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.service.IngestProgress;

/**
 * Shows how far a long ingest has come: on a terminal, one line redrawn in place on standard error;
 * otherwise a plain log line at a fixed interval (bytes, percent when the size is known, rate, ETA).
 */
final class ProgressReporter implements IngestProgress {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    /** How often a terminal line is redrawn. */
    static final Duration TERMINAL_INTERVAL = Duration.ofMillis(500);
    /** How often a progress line is logged when standard error is not a terminal. */
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final PrintStream terminal;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private Dataset current;
    private long startNanos;
    private long lastNanos;
    private boolean drawn;

    /**
     * @param terminal where to redraw a line, or {@code null} to log plain lines instead
     * @param interval the least time between two outputs
     */
    ProgressReporter(PrintStream terminal, Duration interval, LongSupplier nanoTime) {
        this.terminal = terminal;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.lastNanos = startNanos;
    }

    /** A reporter that logs a plain line every {@link #LOG_INTERVAL} (the worker's). */
    static ProgressReporter logging() {
        return new ProgressReporter(null, LOG_INTERVAL, System::nanoTime);
    }

    /** A reporter for the current process: a redrawn line when there is a console, else log lines. */
    static ProgressReporter forConsole(PrintStream err) {
        boolean interactive = System.console() != null;
        return new ProgressReporter(
                interactive ? err : null, interactive ? TERMINAL_INTERVAL : LOG_INTERVAL, System::nanoTime);
    }

    @Override
    public void update(Dataset dataset, long bytesRead, long totalBytes, long pointsWritten) {
        long now = nanoTime.getAsLong();
        if (dataset != current) {
            // A worker's next job: its rate and ETA start from its first batch.
            current = dataset;
            startNanos = now;
            lastNanos = now;
            return;
        }
        if (now - lastNanos < intervalNanos) {
            return;
        }
        lastNanos = now;
        String line = describe(dataset, bytesRead, totalBytes, pointsWritten, now - startNanos);
        if (terminal != null) {
            terminal.print("\r" + line + "\u001b[K");
            terminal.flush();
            drawn = true;
        } else {
            LOG.info(line);
        }
    }

    /** Ends a redrawn line so the next output starts on its own line. */
    void finish() {
        if (drawn) {
            terminal.println();
            drawn = false;
        }
    }

    static String describe(Dataset dataset, long bytesRead, long totalBytes, long points, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-9);
        double rate = bytesRead / seconds;
        StringBuilder text = new StringBuilder(96)
                .append("dataset ")
                .append(dataset.datasetId())
                .append(": ")
                .append(bytes(bytesRead));
        if (totalBytes > 0) {
            text.append(" of ")
                    .append(bytes(totalBytes))
                    .append(" (")
                    .append(Math.min(100, bytesRead * 100 / totalBytes))
                    .append("%)");
        }
        text.append(" at ")
                .append(bytes((long) rate))
                .append("/s, ")
                .append(points)
                .append(" points");
        if (totalBytes > 0 && rate > 0 && bytesRead < totalBytes) {
            text.append(", ETA ").append(duration((long) ((totalBytes - bytesRead) / rate)));
        }
        return text.toString();
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String duration(long seconds) {
        return seconds >= 3600
                ? (seconds / 3600) + "h" + (seconds % 3600 / 60) + "m"
                : seconds >= 60 ? (seconds / 60) + "m" + (seconds % 60) + "s" : seconds + "s";
    }
}
