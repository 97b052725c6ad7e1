package toothbrush.ingest.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import toothbrush.ingest.adapter.llamadb.LlamaDb;
import toothbrush.ingest.adapter.llamadb.LlamaDbClient;
import toothbrush.ingest.adapter.llamadb.LlamaDbPointSink;
import toothbrush.ingest.adapter.streams.StreamsDatasetReader;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.port.ParsedLine;
import toothbrush.ingest.application.port.PointSink;
import toothbrush.ingest.application.port.PointWriter;
import toothbrush.ingest.application.report.JobResult;
import toothbrush.ingest.application.service.IngestService;
import toothbrush.ingest.application.service.IngestSettings;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.point.PointBatch;
import toothbrush.ingest.generator.DatasetGenerator;
import toothbrush.ingest.generator.ExpectedFigures;
import toothbrush.ingest.generator.GeneratorOptions;

/**
 * Brushing lines per second over the same generated dataset (2,000,000 fault-free brushing lines, a
 * settings stream with three interval changes and about a thousand battery steps): FastCSV parse-only
 * (every field of every record read), the engine's brushing parser alone, the engine up to a sink that
 * throws the points away, and the whole engine (settings and brushing parsers, the merge,
 * the report, points encoded) wired as the command line wires it, to line protocol that is thrown away
 * and into a fresh DuckDB file per run. Scores are lines/s ({@code ops/s}, one op = one brushing line).
 *
 * <p>"lp:/dev/null" is {@code lp:-} with a standard output that discards, as {@code ingest --db lp:-
 * >/dev/null} runs: the same encoder and client, minus the write system calls. ({@code lp:/dev/null}
 * itself fails at the first flush: the file backend forces the file to disk, and /dev/null refuses.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 3, time = 5)
public class EngineVsFastCsv {
    /** Brushing lines in the dataset (one per tick, no faults). */
    public static final int LINES = 2_000_000;

    private static final long SEED = 1;

    private Path directory;
    private Path brushing;
    private Path settings;
    private Dataset dataset;
    private long expectedPoints;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        directory = Files.createTempDirectory("engine-vs-fastcsv");
        brushing = directory.resolve(DatasetGenerator.BRUSHING_FILE);
        settings = directory.resolve(DatasetGenerator.SETTINGS_FILE);
        ExpectedFigures figures = DatasetGenerator.write(GeneratorOptions.clean(LINES, SEED), brushing, settings);
        expectedPoints = figures.pointsWritten();
        dataset = new Dataset(
                "ds-bench", GeneratorOptions.DEFAULT_TOOTHBRUSH_ID, brushing.toString(), settings.toString());
    }

    @TearDown(Level.Trial)
    public void deleteDataset() throws IOException {
        deleteTree(directory);
    }

    /** A fresh DuckDB database file for each run of the engine. */
    @State(Scope.Thread)
    public static class DuckDbFile {
        Path directory;
        String uri;

        @Setup(Level.Invocation)
        public void create() throws IOException {
            directory = Files.createTempDirectory("engine-vs-fastcsv-duckdb");
            uri = "duckdb:" + directory.resolve("llamadb.duckdb");
        }

        @TearDown(Level.Invocation)
        public void delete() throws IOException {
            deleteTree(directory);
        }
    }

    /** FastCSV parse-only: every record of the brushing file, every field consumed. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void fastcsvParseOnly(Blackhole blackhole) throws IOException {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(brushing)) {
            for (CsvRecord record : reader) {
                for (int field = 0; field < record.getFieldCount(); field++) {
                    blackhole.consume(record.getField(field));
                }
            }
        }
    }

    /**
     * FastCSV parse-only outside JMH ({@link InterleavedRatio}): the same reading, each field consumed
     * by adding up the lengths of the strings FastCSV builds instead of by a Blackhole.
     */
    long fastcsvFieldChars() throws IOException {
        long chars = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(brushing)) {
            for (CsvRecord record : reader) {
                for (int field = 0; field < record.getFieldCount(); field++) {
                    chars += record.getField(field).length();
                }
            }
        }
        return chars;
    }

    /**
     * The engine's own brushing parser alone (line reader, CSV tokenizer, SPEC value rules), no merge and
     * no points: tells how much of the engine's time the reading side takes.
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long streamsParserOnly() {
        long parsed = 0;
        try (LineStream<BrushingEvent> lines = new StreamsDatasetReader().openBrushing(dataset)) {
            for (ParsedLine<BrushingEvent> line = lines.next(); line != null; line = lines.next()) {
                if (line instanceof ParsedLine.Parsed<BrushingEvent> event) {
                    parsed += event.record().tick();
                }
            }
        }
        return parsed;
    }

    /**
     * The engine with a sink that takes each batch of points and does nothing with it: parsers, merge,
     * times, statistics and the points themselves, without any encoding or database.
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public JobResult engineToNoSink() {
        PointSink discard = dataset -> new PointWriter() {
            @Override
            public void write(PointBatch batch) {
                // Thrown away: this benchmark measures everything before the database.
            }

            @Override
            public void commit() {
                // Nothing to commit.
            }

            @Override
            public void close() {
                // Nothing to release.
            }
        };
        return check(new IngestService(new StreamsDatasetReader(), discard, IngestSettings.defaults()).ingest(dataset));
    }

    /** The whole engine, points encoded as line protocol and thrown away. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public JobResult engineToLpDevNull() {
        return ingest(LlamaDb.connect("lp:-", OutputStream.nullOutputStream()));
    }

    /** The whole engine into a fresh DuckDB file. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public JobResult engineToDuckDb(DuckDbFile database) {
        return ingest(LlamaDb.connect(database.uri));
    }

    /** Runs the use case as bootstrap's Wiring builds it; fails loudly if it did not ingest every line. */
    private JobResult ingest(LlamaDbClient database) {
        JobResult result;
        try (LlamaDbClient client = database) {
            IngestService service = new IngestService(
                    new StreamsDatasetReader(), new LlamaDbPointSink(client), IngestSettings.defaults());
            result = service.ingest(dataset);
        }
        return check(result);
    }

    private JobResult check(JobResult result) {
        if (!(result instanceof JobResult.Completed) || result.report().pointsWritten() != expectedPoints) {
            throw new IllegalStateException("the engine did not ingest the dataset: " + result);
        }
        return result;
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
