package toothbrush.ingest.bootstrap.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toothbrush.ingest.bootstrap.Main;

/**
 * Runs the real engine (through the CLI entry point) and the naive reference over thousands of seeded,
 * fault-injected datasets and requires the same report and the same points.
 *
 * <p>{@code -Doracle.datasets=N} sets how many seeds run (default 2,000, seeds 1..N);
 * {@code -Doracle.seed=S} runs only seed S. Differing datasets are kept under
 * {@code target/oracle/seed-S/} with the expected and actual output. With 2,000 datasets it takes about
 * 45 s, so it runs with the integration tests (failsafe, {@code verify}).
 */
class OnePassVsNaiveIT {

    /** The engine as this test drives it: one {@code ingest} command line, its output streams, its exit code. */
    @FunctionalInterface
    interface IngestCli {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private static final Logger LOG = LoggerFactory.getLogger(OnePassVsNaiveIT.class);
    private static final IngestCli ENGINE = Main::run;
    private static final Path KEPT = Path.of("target", "oracle");
    /** Floats as BigDecimal: the report's seconds are compared exactly (P3, F3). */
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final int SHOWN_FAILURES = 10;
    private static final int LOOKAHEAD = 8;

    /** One dataset that did not match. */
    private record Mismatch(long seed, Path dir, String firstDifference, int differenceCount) {}

    @Test
    @DisplayName("L1-P5: the one-pass engine and the naive reference agree on every seeded faulty dataset")
    void engine_agreesWithTheNaiveReference() throws IOException {
        List<Long> seeds = seeds();
        if (seeds.size() > 1) {
            deleteRecursively(KEPT);
        }
        Path work = workDir();
        long engineNanos = 0;
        long waitNanos = 0;
        long started = System.nanoTime();
        // The engine runs here, one dataset at a time; generation and the reference run a few datasets ahead
        // on a second thread, and comparing the outputs on a third.
        ExecutorService ahead = daemonExecutor("oracle-reference");
        ExecutorService comparer = daemonExecutor("oracle-compare");
        List<Future<Mismatch>> comparisons = new ArrayList<>();
        List<Mismatch> mismatches = new ArrayList<>();
        try {
            Deque<Future<Prepared>> window = new ArrayDeque<>();
            int next = 0;
            for (int done = 0; done < seeds.size(); done++) {
                while (next < seeds.size() && window.size() < LOOKAHEAD) {
                    long seed = seeds.get(next++);
                    window.add(ahead.submit(() -> prepare(seed)));
                }
                long waitStarted = System.nanoTime();
                Prepared prepared = window.poll().get();
                long engineStarted = System.nanoTime();
                waitNanos += engineStarted - waitStarted;
                EngineRun run = runEngine(prepared, work);
                engineNanos += System.nanoTime() - engineStarted;
                comparisons.add(comparer.submit(() -> compare(prepared, run)));
            }
            for (Future<Mismatch> comparison : comparisons) {
                Mismatch mismatch = comparison.get();
                if (mismatch != null) {
                    mismatches.add(mismatch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the oracle itself failed", e.getCause());
        } finally {
            ahead.shutdownNow();
            comparer.shutdownNow();
            deleteRecursively(work);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info(String.format(
                Locale.ROOT,
                "oracle: %d datasets in %.1f s (engine %.1f s, waiting for generator" + "+reference %.1f s), %d differ",
                seeds.size(),
                seconds,
                engineNanos / 1e9,
                waitNanos / 1e9,
                mismatches.size()));
        if (!mismatches.isEmpty()) {
            StringBuilder message = new StringBuilder(mismatches.size() + " of " + seeds.size()
                    + " datasets differ between the engine and the naive reference (SPEC.md decides which is wrong).");
            for (Mismatch m : mismatches.subList(0, Math.min(SHOWN_FAILURES, mismatches.size()))) {
                message.append("\n  seed=")
                        .append(m.seed())
                        .append(" (")
                        .append(m.differenceCount())
                        .append(" differences, files in ")
                        .append(m.dir().toAbsolutePath())
                        .append(")\n    first: ")
                        .append(m.firstDifference());
            }
            message.append("\nReproduce one: ./mvnw -q -o -pl bootstrap -am verify -Dtest=none"
                            + " -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false"
                            + " -Dit.test=OnePassVsNaiveIT -Doracle.seed=")
                    .append(mismatches.get(0).seed());
            fail(message.toString());
        }
    }

    @Test
    @DisplayName("B10, R1-R4 beyond the naive reference's reach: tick 0 below a first anchor at 2^53 is bad_time")
    void B10_tickZeroBelowAFirstAnchorAtTwoToThe53_isBadTime(@TempDir Path dir) throws IOException {
        JsonNode report = ingest(
                dir,
                "0,1,0.5\n1,1,0.5\n9007199254740992,1,0.5\n",
                "{\"timestamp\":1600000000,\"tick\":9007199254740992,\"tick_interval\":0.5}\n");

        // Before B10: start -540431954284459520 and points at Long.MIN_VALUE.
        assertEquals(new BigDecimal("1600000000"), report.get("start").decimalValue());
        assertEquals(new BigDecimal("1600000000.5"), report.get("end").decimalValue());
        assertEquals(BigDecimal.ZERO, report.get("lost_seconds").decimalValue());
        assertEquals(
                2,
                report.get("brushing").get("rejected_by_reason").get("bad_time").asLong());
        assertEquals(List.of(1_600_000_000_000_000_000L, 1_600_000_000_000_000_000L), timestamps(dir));
    }

    @Test
    @DisplayName("B10, R1-R4: 20,000 brushing lines 10,000 ticks apart at 60 s: no overflow, a sane report")
    void B10_twentyThousandJumpsOf10000Ticks_giveASaneReport(@TempDir Path dir) throws IOException {
        StringBuilder brushing = new StringBuilder();
        for (long i = 0; i < 20_000; i++) {
            brushing.append(i * 10_000).append(",1,0.5\n");
        }
        JsonNode report =
                ingest(dir, brushing.toString(), "{\"timestamp\":1600000000,\"tick\":0,\"tick_interval\":60}\n");

        // Before B10: points at Long.MAX_VALUE and lost_seconds 1.2e10. Lines past 2100 are bad_time now.
        assertEquals(4_171, report.get("brushing").get("accepted").asLong());
        assertEquals(
                15_829,
                report.get("brushing").get("rejected_by_reason").get("bad_time").asLong());
        assertEquals(new BigDecimal("1600000000"), report.get("start").decimalValue());
        assertEquals(new BigDecimal("4102000060"), report.get("end").decimalValue());
        assertEquals(new BigDecimal("2501749800"), report.get("lost_seconds").decimalValue());
        List<Long> timestamps = timestamps(dir);
        assertEquals(4_172, timestamps.size());
        for (long nanos : timestamps) {
            assertTrue(nanos >= 946_684_800_000_000_000L && nanos < 4_102_444_800_000_000_000L, "point at " + nanos);
        }
    }

    private static JsonNode ingest(Path dir, String brushingText, String settingsText) throws IOException {
        Path brushing = dir.resolve("brushing.csv");
        Path settings = dir.resolve("settings.jsonl");
        Files.writeString(brushing, brushingText);
        Files.writeString(settings, settingsText);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exitCode = assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> ENGINE.run(
                        new String[] {
                            "ingest",
                            "--brushing",
                            brushing.toString(),
                            "--settings",
                            settings.toString(),
                            "--toothbrush-id",
                            "tb-h",
                            "--dataset-id",
                            "ds-h",
                            "--db",
                            "lp:" + dir.resolve("points.lp")
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream())));
        assertEquals(0, exitCode);
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static List<Long> timestamps(Path dir) throws IOException {
        return LineProtocolParser.parseAll(Files.readString(dir.resolve("points.lp"))).stream()
                .map(OraclePoint::timestampNs)
                .collect(Collectors.toList());
    }

    @Test
    @DisplayName("B10: the generator makes bad_time lines, before 2000 and past 2100, so the oracle exercises them")
    void generator_exercisesB10() {
        Map<String, Integer> badTimeByProfile = new TreeMap<>();
        for (long seed = 1; seed <= 400; seed++) {
            FaultyDatasetGenerator.Dataset dataset = FaultyDatasetGenerator.generate(seed);
            JsonNode reasons = NaiveReference.compute(dataset.brushing(), dataset.settings(), "tb", "ds")
                    .report()
                    .get("brushing")
                    .get("rejected_by_reason");
            if (reasons.has("bad_time")) {
                String profile = dataset.profile().replaceAll(".*(b10=\\w+).*", "$1");
                badTimeByProfile.merge(profile.startsWith("b10=") ? profile : "other", 1, Integer::sum);
            }
        }
        for (String profile : List.of("b10=runaway", "b10=hugeAnchor", "b10=year2000")) {
            assertTrue(
                    badTimeByProfile.getOrDefault(profile, 0) >= 5,
                    "bad_time datasets by profile: " + badTimeByProfile);
        }
    }

    @Test
    @DisplayName("V1: the generator makes ranges beyond 1,024 ticks, so the oracle compares merged bins too")
    void generator_exercisesMergedBins() {
        int merged = 0;
        int oneTick = 0;
        for (long seed = 1; seed <= 200; seed++) {
            FaultyDatasetGenerator.Dataset dataset = FaultyDatasetGenerator.generate(seed);
            JsonNode profile = NaiveReference.compute(dataset.brushing(), dataset.settings(), "tb", "ds")
                    .report()
                    .get("profile");
            if (!profile.isNull()) {
                if (profile.get("bin_ticks").asLong() > 1) {
                    merged++;
                } else {
                    oneTick++;
                }
            }
        }
        assertTrue(merged >= 20 && oneTick >= 20, "profiles with merged bins " + merged + ", one-tick bins " + oneTick);
    }

    @Test
    @DisplayName("The generator is deterministic: the same seed gives the same bytes")
    void generator_isDeterministic() {
        FaultyDatasetGenerator.Dataset first = FaultyDatasetGenerator.generate(42);
        FaultyDatasetGenerator.Dataset second = FaultyDatasetGenerator.generate(42);
        assertEquals(
                new String(first.brushing(), StandardCharsets.ISO_8859_1),
                new String(second.brushing(), StandardCharsets.ISO_8859_1));
        assertEquals(
                new String(first.settings(), StandardCharsets.ISO_8859_1),
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

    /** A generated dataset with the reference's answer, or the reference's failure. */
    private record Prepared(
            long seed,
            FaultyDatasetGenerator.Dataset dataset,
            NaiveReference.Expected expected,
            RuntimeException referenceFailure) {}

    private static Prepared prepare(long seed) {
        FaultyDatasetGenerator.Dataset dataset = FaultyDatasetGenerator.generate(seed);
        try {
            return new Prepared(
                    seed,
                    dataset,
                    NaiveReference.compute(dataset.brushing(), dataset.settings(), "tb-" + seed, "ds-" + seed),
                    null);
        } catch (RuntimeException e) {
            return new Prepared(seed, dataset, null, e);
        }
    }

    /** What one engine run left behind, captured before the next run reuses the scratch files. */
    private record EngineRun(
            String[] args,
            String brushingName,
            String settingsName,
            int exitCode,
            byte[] stdout,
            byte[] stderr,
            byte[] lineProtocol,
            Throwable failure) {}

    private static EngineRun runEngine(Prepared prepared, Path work) throws IOException {
        long seed = prepared.seed();
        FaultyDatasetGenerator.Dataset dataset = prepared.dataset();
        String brushingName = dataset.brushingGzip() && seed % 2 == 0 ? "brushing.csv.gz" : "brushing.csv";
        String settingsName = dataset.settingsGzip() && seed % 2 == 0 ? "settings.jsonl.gz" : "settings.jsonl";
        Path brushing = work.resolve(brushingName);
        Path settings = work.resolve(settingsName);
        Path lp = work.resolve("actual-points.lp");
        Files.deleteIfExists(lp);
        Files.write(brushing, dataset.brushing());
        Files.write(settings, dataset.settings());
        String[] args = {
            "ingest",
            "--brushing",
            brushing.toString(),
            "--settings",
            settings.toString(),
            "--toothbrush-id",
            "tb-" + seed,
            "--dataset-id",
            "ds-" + seed,
            "--db",
            "lp:" + lp
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = -1;
        Throwable failure = null;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = ENGINE.run(args, outStream, errStream);
        } catch (RuntimeException | StackOverflowError e) {
            failure = e;
        }
        byte[] points = Files.exists(lp) ? Files.readAllBytes(lp) : null;
        for (int i = 0; i < args.length; i++) {
            args[i] = args[i].replace(
                    work.toString(),
                    KEPT.resolve("seed-" + seed).toAbsolutePath().toString());
        }
        return new EngineRun(
                args, brushingName, settingsName, exitCode, out.toByteArray(), err.toByteArray(), points, failure);
    }

    private static Mismatch compare(Prepared prepared, EngineRun run) throws IOException {
        List<String> diffs = new ArrayList<>();
        NaiveReference.Expected expected = prepared.expected();
        try {
            if (prepared.referenceFailure() != null) {
                throw prepared.referenceFailure();
            }
            if (run.failure() != null) {
                throw new IllegalStateException("the engine threw", run.failure());
            }
            JsonNode report = singleReport(new String(run.stdout(), StandardCharsets.UTF_8), diffs);
            List<OraclePoint> points = run.lineProtocol() == null
                    ? List.of()
                    : LineProtocolParser.parseAll(new String(run.lineProtocol(), StandardCharsets.UTF_8));
            if (report != null) {
                diffs.addAll(EngineComparison.differences(expected, run.exitCode(), report, points));
            }
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            diffs.add("exception: " + trace.toString().lines().limit(12).collect(Collectors.joining("\n      ")));
        }
        if (diffs.isEmpty()) {
            return null;
        }
        // Keep everything a developer needs under target/oracle/seed-N.
        FaultyDatasetGenerator.Dataset dataset = prepared.dataset();
        Path kept = KEPT.resolve("seed-" + prepared.seed());
        deleteRecursively(kept);
        Files.createDirectories(kept);
        Files.write(kept.resolve(run.brushingName()), dataset.brushing());
        Files.write(kept.resolve(run.settingsName()), dataset.settings());
        if (run.lineProtocol() != null) {
            Files.write(kept.resolve("actual-points.lp"), run.lineProtocol());
        }
        Files.writeString(kept.resolve("profile.txt"), dataset.profile() + "\n");
        Files.writeString(kept.resolve("command.txt"), String.join(" ", run.args()) + "\n");
        Files.write(kept.resolve("actual-stdout.txt"), run.stdout());
        Files.write(kept.resolve("actual-stderr.txt"), run.stderr());
        Files.writeString(kept.resolve("differences.txt"), String.join("\n", diffs) + "\n");
        if (expected != null) {
            Files.writeString(
                    kept.resolve("expected-report.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expected.report()) + "\n");
            Files.writeString(
                    kept.resolve("expected-points.txt"),
                    expected.points().stream().map(OraclePoint::toString).collect(Collectors.joining("\n")) + "\n");
        }
        return new Mismatch(prepared.seed(), kept, diffs.get(0), diffs.size());
    }

    private static ExecutorService daemonExecutor(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Scratch space for the running dataset: tmpfs when there is one (the lp sink syncs its file). */
    private static Path workDir() throws IOException {
        String configured = System.getProperty("oracle.workdir");
        Path parent = configured != null
                ? Path.of(configured)
                : Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm"))
                        ? Path.of("/dev/shm")
                        : Path.of("target");
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, "oracle-work-");
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
