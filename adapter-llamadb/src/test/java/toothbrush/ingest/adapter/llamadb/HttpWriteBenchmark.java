package toothbrush.ingest.adapter.llamadb;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import toothbrush.ingest.application.testing.StoredPoint;

/**
 * Measures points per second through the {@code http(s)://} client into a real server (a benchmark run
 * by {@code bench/influxdb/run.sh}, not a test): reads a line-protocol file into memory first, as
 * ready-made {@link Tags} and {@link Fields} per point (not timed), optionally warms the JIT up by writing the first 200,000 points to a second URL, then times
 * {@code insert} of every point plus the final {@code flush} (every batch acknowledged).
 *
 * <p>Arguments: {@code FILE WRITE_URL [WARMUP_URL|-] [BATCH_SIZE] [IN_FLIGHT] [gzip|plain]}. The last
 * line printed is {@code RESULT <points> <nanoseconds>}.
 */
public final class HttpWriteBenchmark {
    private static final int WARMUP_POINTS = 200_000;

    private HttpWriteBenchmark() {}

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println(
                    "usage: HttpWriteBenchmark FILE WRITE_URL [WARMUP_URL|-] [BATCH_SIZE] [IN_FLIGHT] [gzip|plain]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        String url = args[1];
        String warmupUrl = args.length > 2 && !args[2].equals("-") ? args[2] : null;
        HttpWriteSettings settings = HttpWriteSettings.defaults();
        if (args.length > 3) {
            settings = settings.withBatchSize(Integer.parseInt(args[3]));
        }
        if (args.length > 4) {
            settings = settings.withMaxInFlightBatches(Integer.parseInt(args[4]));
        }
        if (args.length > 5) {
            settings = settings.withGzip(args[5].equals("gzip"));
        }

        long parseStart = System.nanoTime();
        List<Prepared> points = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isEmpty()) {
                    points.add(Prepared.of(LineProtocolReader.parse(line)));
                }
            }
        }
        System.out.printf(
                "read %,d points from %s in %.1f s (not timed)%n",
                points.size(), file, (System.nanoTime() - parseStart) / 1e9);

        if (warmupUrl != null) {
            long nanos = write(warmupUrl, settings, points.subList(0, Math.min(WARMUP_POINTS, points.size())));
            System.out.printf("warm-up: %,d points in %.2f s%n", Math.min(WARMUP_POINTS, points.size()), nanos / 1e9);
        }
        long cpuBefore = processCpuNanos();
        long nanos = write(url, settings, points);
        long cpuNanos = processCpuNanos() - cpuBefore;
        System.out.printf(
                "sink: %,d points in %.2f s = %,.0f points/s (batch %d, %d in flight, %s);"
                        + " the client's process used %.2f s of CPU meanwhile%n",
                points.size(),
                nanos / 1e9,
                points.size() / (nanos / 1e9),
                settings.batchSize(),
                settings.maxInFlightBatches(),
                settings.gzip() ? "gzip" : "plain",
                cpuNanos / 1e9);
        System.out.println("RESULT " + points.size() + " " + nanos);
    }

    /** CPU time of this process (all threads, JIT and GC included), in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Inserts every point and flushes; returns the nanoseconds taken. */
    private static long write(String url, HttpWriteSettings settings, List<Prepared> points) {
        try (LlamaDbClient client = LlamaDb.connect(url, System.out, settings)) {
            long start = System.nanoTime();
            client.beginDataset("tb-42", "bench");
            for (Prepared point : points) {
                client.insert(point.measurement, point.timeNanos, point.tags, point.fields);
            }
            client.flush();
            return System.nanoTime() - start;
        }
    }

    /** A point ready for {@code insert}: its own {@link Tags} and {@link Fields}, so the timed loop only inserts. */
    private record Prepared(String measurement, long timeNanos, Tags tags, Fields fields) {
        static Prepared of(StoredPoint point) {
            Tags tags = new Tags();
            for (Map.Entry<String, String> tag : point.tags().entrySet()) {
                tags.add(tag.getKey(), tag.getValue());
            }
            Fields fields = new Fields();
            for (Map.Entry<String, Object> field : point.fields().entrySet()) {
                Object value = field.getValue();
                if (value instanceof Long number) {
                    fields.addLong(field.getKey(), number);
                } else if (value instanceof Double number) {
                    fields.addDouble(field.getKey(), number);
                } else if (value instanceof Boolean bool) {
                    fields.addBoolean(field.getKey(), bool);
                } else {
                    fields.addString(field.getKey(), (String) value);
                }
            }
            return new Prepared(point.measurement().intern(), point.timeNanos(), tags, fields);
        }
    }
}
