package toothbrush.ingest.adapter.streams;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.port.ParsedLine;

/**
 * Compares the brushing parser's throughput with FastCSV parse-only on the same file, and measures the
 * settings parser (a benchmark to run by hand, not a test).
 *
 * <p>Run: {@code mvn -q -pl adapter-streams test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt && java -cp adapter-streams/target/classes:adapter-streams/target/test-classes:$(cat
 * adapter-streams/target/cp.txt) toothbrush.ingest.adapter.streams.StreamsThroughput 5000000}
 */
public final class StreamsThroughput {

    private StreamsThroughput() {}

    /** Argument: the number of lines per file (default 5,000,000). */
    public static void main(String[] args) throws IOException {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        Path dir = Files.createTempDirectory("streams-throughput");
        Path csv = dir.resolve("brushing.csv");
        Path jsonl = dir.resolve("settings.jsonl");
        write(csv, jsonl, lines);
        Dataset dataset = new Dataset("bench", "tb-1", csv.toString(), jsonl.toString());
        StreamsDatasetReader reader = new StreamsDatasetReader();
        double mb = Files.size(csv) / 1e6;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            long fast = fastCsv(csv);
            long t1 = System.nanoTime();
            long ours = count(reader.openBrushing(dataset));
            long t2 = System.nanoTime();
            double fastSeconds = (t1 - t0) / 1e9;
            double oursSeconds = (t2 - t1) / 1e9;
            System.out.printf(
                    "round %d: FastCSV %,d records %.0f MB/s | BrushingCsvParser %,d events %.0f MB/s"
                            + " (%.2f of FastCSV)%n",
                    round, fast, mb / fastSeconds, ours, mb / oursSeconds, fastSeconds / oursSeconds);
        }
        double jsonMb = Files.size(jsonl) / 1e6;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            long n = count(reader.openSettings(dataset));
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "round %d: SettingsJsonParser %,d updates %.0f MB/s, %.0f lines/s%n",
                    round, n, jsonMb / seconds, n / seconds);
        }
        Files.delete(csv);
        Files.delete(jsonl);
        Files.delete(dir);
    }

    private static void write(Path csv, Path jsonl, int lines) throws IOException {
        Random random = new Random(1);
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write("tick,tooth,percent_clean\n");
            for (int i = 0; i < lines; i++) {
                out.write(i + "," + random.nextInt(32) + "," + random.nextInt(1000) / 1000.0 + "\n");
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(jsonl)) {
            for (int i = 0; i < lines / 5; i++) {
                out.write("{\"timestamp\":" + (1595896877.637498 + i * 0.25) + ",\"tick\":" + i * 5 + ",\"battery\":"
                        + random.nextInt(100) / 100.0 + ",\"tick_interval\":0.25}\n");
            }
        }
    }

    /** FastCSV parse-only: every record's fields read as strings. */
    private static long fastCsv(Path csv) throws IOException {
        long n = 0;
        long chars = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            for (CsvRecord record : reader) {
                chars += record.getField(0).length();
                n++;
            }
        }
        return n + (chars == 0 ? 1 : 0);
    }

    private static long count(LineStream<?> stream) {
        long n = 0;
        try (stream) {
            ParsedLine<?> line;
            while ((line = stream.next()) != null) {
                if (line instanceof ParsedLine.Parsed) {
                    n++;
                }
            }
        }
        return n;
    }
}
