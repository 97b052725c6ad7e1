package toothbrush.ingest.adapter.llamadb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.PointWriter;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.point.Point;

/**
 * Measures how many points per second each backend takes (a benchmark to run by hand, not a test):
 * the client alone (one reused {@link Fields} per insert: the DuckDB appender's own rate), and the
 * whole sink (points built in batches of 10,000, mapped, inserted, committed in one transaction).
 * Each figure is printed twice: a JIT warm-up run, then the measured one. Files go to a temporary
 * directory that is deleted at the end.
 *
 * <p>Run, after {@code ./mvnw -B -q -DskipTests package}: {@code java -cp
 * adapter-llamadb/target/classes:adapter-llamadb/target/test-classes:bootstrap/target/toothbrush-ingest.jar
 * toothbrush.ingest.adapter.llamadb.LlamaDbThroughput 2000000}
 */
public final class LlamaDbThroughput {
    private static final long START = 1_595_896_877_637_498_000L;
    private static final long TICK_NANOS = 250_000_000L;

    private LlamaDbThroughput() {}

    /** Argument: the number of points per run (default 2,000,000). */
    public static void main(String[] args) throws IOException {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        Path dir = Files.createTempDirectory("llamadb-throughput");
        for (int round = 0; round < 2; round++) {
            String label = round == 0 ? "warm-up " : "";
            client(label, "duckdb:" + dir.resolve("client-" + round + ".duckdb"), points);
            sink(label, "duckdb:" + dir.resolve("sink-" + round + ".duckdb"), points);
            client(label, "lp:" + dir.resolve("client-" + round + ".lp"), points);
            sink(label, "lp:" + dir.resolve("sink-" + round + ".lp"), points);
        }
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    private static void client(String label, String uri, int points) {
        Tags tags = new Tags().add("toothbrush_id", "tb-42");
        Fields fields = new Fields();
        try (LlamaDbClient client = LlamaDb.connect(uri)) {
            long start = System.nanoTime();
            client.beginDataset("tb-42", "ds-1");
            for (int tick = 0; tick < points; tick++) {
                fields.clear()
                        .addLong("tick", tick)
                        .addLong("tooth", tick & 31)
                        .addDouble("percent_clean", (tick % 1000) / 1000.0)
                        .addString("dataset_id", "ds-1");
                client.insert("brushing", START + tick * TICK_NANOS, tags, fields);
            }
            client.flush();
            report(label + "client.insert", uri, points, System.nanoTime() - start);
        }
    }

    private static void sink(String label, String uri, int points) {
        Dataset dataset = new Dataset("ds-1", "tb-42", "brushing.csv", "settings.jsonl");
        try (LlamaDbClient client = LlamaDb.connect(uri)) {
            LlamaDbPointSink sink = new LlamaDbPointSink(client);
            long start = System.nanoTime();
            try (PointWriter writer = sink.open(dataset)) {
                List<Point> batch = new ArrayList<>(10_000);
                for (int tick = 0; tick < points; tick++) {
                    batch.add(new Point.Brushing(
                            START + tick * TICK_NANOS,
                            new BrushingEvent(tick, tick & 31, (tick % 1000) / 1000.0, List.of())));
                    if (batch.size() == 10_000) {
                        writer.write(batch);
                        batch.clear();
                    }
                }
                writer.write(batch);
                writer.commit();
            }
            report(label + "sink.write", uri, points, System.nanoTime() - start);
        }
    }

    private static void report(String what, String uri, int points, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf(
                "%-22s %-8s %,d points in %.2f s = %,.0f points/s%n",
                what, uri.substring(0, uri.indexOf(':')), points, seconds, points / seconds);
    }
}
