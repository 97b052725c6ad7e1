package toothbrush.ingest.bootstrap.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.bootstrap.Main;

/**
 * Runs the real engine (through the CLI entry point) and the naive reference over thousands of seeded,
 * fault-injected datasets and requires the same report and the same points.
 *
 * <p>{@code -Doracle.datasets=N} sets how many seeds run (default 2,000, seeds 1..N);
 * {@code -Doracle.seed=S} runs only seed S. Differing datasets are kept under
 * {@code target/oracle/seed-S/} with the expected and actual output.
 */
class OnePassVsNaiveTest {

    /** The engine as this test drives it: one {@code ingest} command line, its output streams, its exit code. */
    @FunctionalInterface
    interface IngestCli {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private static final IngestCli ENGINE = Main::run;
    private static final Path ROOT = Path.of("target", "oracle");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN_FAILURES = 10;

    /** One dataset that did not match. */
    private record Mismatch(long seed, Path dir, String firstDifference, int differenceCount) {
    }

    @Test
    @DisplayName("L1-P5: the one-pass engine and the naive reference agree on every seeded faulty dataset")
    void engineAgreesWithNaiveReference() throws IOException {
        List<Long> seeds = seeds();
        List<Mismatch> mismatches = new ArrayList<>();
        long started = System.nanoTime();
        for (long seed : seeds) {
            Mismatch mismatch = check(seed);
            if (mismatch != null) {
                mismatches.add(mismatch);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("oracle: %d datasets in %.1f s, %d differ%n", seeds.size(), seconds, mismatches.size());
        if (!mismatches.isEmpty()) {
            StringBuilder message = new StringBuilder(mismatches.size() + " of " + seeds.size()
                    + " datasets differ between the engine and the naive reference (SPEC.md decides which is wrong).");
            for (Mismatch m : mismatches.subList(0, Math.min(SHOWN_FAILURES, mismatches.size()))) {
                message.append("\n  seed=").append(m.seed()).append(" (").append(m.differenceCount())
                        .append(" differences, files in ").append(m.dir().toAbsolutePath()).append(")\n    first: ")
                        .append(m.firstDifference());
            }
            message.append("\nReproduce one: mvn -q -pl bootstrap test -Dtest=OnePassVsNaiveTest -Doracle.seed=")
                    .append(mismatches.get(0).seed());
            fail(message.toString());
        }
    }

    @Test
    @DisplayName("The generator is deterministic: the same seed gives the same bytes")
    void generatorIsDeterministic() {
        FaultyDatasetGenerator.Dataset first = FaultyDatasetGenerator.generate(42);
        FaultyDatasetGenerator.Dataset second = FaultyDatasetGenerator.generate(42);
        assertEquals(new String(first.brushing(), StandardCharsets.ISO_8859_1),
                new String(second.brushing(), StandardCharsets.ISO_8859_1));
        assertEquals(new String(first.settings(), StandardCharsets.ISO_8859_1),
                new String(second.settings(), StandardCharsets.ISO_8859_1));
    }

    private static List<Long> seeds() {
        String only = System.getProperty("oracle.seed");
        if (only != null && !only.isBlank()) {
            return List.of(Long.parseLong(only.trim()));
        }
        int count = Integer.getInteger("oracle.datasets", 2_000);
        List<Long> seeds = new ArrayList<>();
        for (long seed = 1; seed <= count; seed++) {
            seeds.add(seed);
        }
        return seeds;
    }

    private static Mismatch check(long seed) throws IOException {
        FaultyDatasetGenerator.Dataset dataset = FaultyDatasetGenerator.generate(seed);
        Path dir = ROOT.resolve("seed-" + seed);
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Path brushing = dir.resolve(dataset.brushingGzip() && seed % 2 == 0 ? "brushing.csv.gz" : "brushing.csv");
        Path settings = dir.resolve(dataset.settingsGzip() && seed % 2 == 0 ? "settings.jsonl.gz" : "settings.jsonl");
        Path lp = dir.resolve("actual-points.lp");
        Files.write(brushing, dataset.brushing());
        Files.write(settings, dataset.settings());
        String toothbrushId = "tb-" + seed;
        String datasetId = "ds-" + seed;
        String[] args = {"ingest", "--brushing", brushing.toString(), "--settings", settings.toString(),
            "--toothbrush-id", toothbrushId, "--dataset-id", datasetId, "--db", "lp:" + lp};

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> diffs = new ArrayList<>();
        NaiveReference.Expected expected = null;
        try {
            expected = NaiveReference.compute(dataset.brushing(), dataset.settings(), toothbrushId, datasetId);
            int exitCode;
            try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                exitCode = ENGINE.run(args, outStream, errStream);
            }
            JsonNode report = singleReport(out.toString(StandardCharsets.UTF_8), diffs);
            List<OraclePoint> points = Files.exists(lp)
                    ? LineProtocolParser.parseAll(Files.readString(lp, StandardCharsets.UTF_8))
                    : List.of();
            if (report != null) {
                diffs.addAll(EngineComparison.differences(expected, exitCode, report, points));
            }
        } catch (RuntimeException | AssertionError e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            diffs.add("exception: " + trace.toString().lines().limit(12).collect(Collectors.joining("\n      ")));
        }
        if (diffs.isEmpty()) {
            deleteRecursively(dir);
            return null;
        }
        Files.writeString(dir.resolve("profile.txt"), dataset.profile() + "\n");
        Files.writeString(dir.resolve("command.txt"), String.join(" ", args) + "\n");
        Files.write(dir.resolve("actual-stdout.txt"), out.toByteArray());
        Files.write(dir.resolve("actual-stderr.txt"), err.toByteArray());
        Files.writeString(dir.resolve("differences.txt"), String.join("\n", diffs) + "\n");
        if (expected != null) {
            Files.writeString(dir.resolve("expected-report.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expected.report()) + "\n");
            Files.writeString(dir.resolve("expected-points.txt"), expected.points().stream().map(OraclePoint::toString)
                    .collect(Collectors.joining("\n")) + "\n");
        }
        return new Mismatch(seed, dir, diffs.get(0), diffs.size());
    }

    /** SPEC "Report format": exactly one JSON object on one line of standard output. */
    private static JsonNode singleReport(String stdout, List<String> diffs) {
        List<String> lines = stdout.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        if (lines.size() != 1) {
            diffs.add("stdout: expected exactly one report line but got " + lines.size() + ": "
                    + (stdout.length() > 300 ? stdout.substring(0, 300) + "..." : stdout));
            return null;
        }
        try {
            JsonNode report = JSON.readTree(lines.get(0));
            if (report == null || !report.isObject()) {
                diffs.add("stdout: the report is not a JSON object: " + lines.get(0));
                return null;
            }
            return report;
        } catch (IOException e) {
            diffs.add("stdout: the report is not JSON: " + lines.get(0));
            return null;
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
