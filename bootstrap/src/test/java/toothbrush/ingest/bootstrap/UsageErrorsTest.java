package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Exit status 2 means a usage error and nothing else: only a {@link UsageException}, thrown by option parsing and
 * validation, exits 2; an {@link IllegalArgumentException} from anywhere else (a bug) exits 1 with its message on
 * standard error. Every command line here runs in this JVM on throwaway paths.
 */
class UsageErrorsTest {

    @TempDir
    static Path dir;

    private record Result(int exit, String out, String err) {}

    private static Result run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                environment);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code ingest} with {@code more}, writing to a throwaway lp: file unless {@code more} names a --db. */
    private static String[] ingest(String... more) {
        List<String> args = new ArrayList<>(
                List.of("ingest", "--brushing", "b.csv", "--settings", "s.jsonl", "--toothbrush-id", "tb-1"));
        return withDefaults(args, more);
    }

    /** A worker that, should its options pass after all, drains an empty throwaway queue and stops. */
    private static String[] worker(String... more) {
        return withDefaults(new ArrayList<>(List.of("worker", "--drain")), more);
    }

    private static String[] withDefaults(List<String> args, String... more) {
        List<String> given = List.of(more);
        if (!given.contains("--db")) {
            args.addAll(List.of("--db", "lp:" + dir.resolve("points.lp")));
        }
        if (!given.contains("--queue") && args.get(0).equals("worker")) {
            args.addAll(List.of("--queue", "dir:" + dir.resolve("jobs")));
        }
        args.addAll(given);
        return args.toArray(String[]::new);
    }

    static Stream<Arguments> usageErrors() {
        String token = dir.resolve("token").toString();
        return Stream.of(
                Arguments.of(
                        Map.of(),
                        ingest("--db", "mysql://nope"),
                        "toothbrush-ingest ingest:",
                        "unsupported LlamaDB URI 'mysql://nope'"),
                Arguments.of(
                        Map.of(),
                        ingest("--db", "http://127.0.0.1:8086/write?db=t&precision=s"),
                        "toothbrush-ingest ingest:",
                        "drop precision=s"),
                Arguments.of(
                        Map.of(),
                        ingest("--db", "http://127.0.0.1:99999/write?db=t"),
                        "toothbrush-ingest ingest:",
                        "the port must be at most 65535"),
                Arguments.of(
                        Map.of(),
                        ingest("--max-attempts", "0"),
                        "toothbrush-ingest ingest:",
                        "--max-attempts must be at least 1: 0"),
                Arguments.of(
                        Map.of(),
                        ingest("--connect-timeout", "0"),
                        "toothbrush-ingest ingest:",
                        "--connect-timeout must be a positive number of seconds"),
                Arguments.of(
                        Map.of(),
                        ingest("--job-timeout", "1e-12"),
                        "toothbrush-ingest ingest:",
                        "--job-timeout must be a positive number of seconds"),
                Arguments.of(
                        Map.of(),
                        ingest("--allow-source", "relative/dir"),
                        "toothbrush-ingest ingest:",
                        "invalid source prefix 'relative/dir'"),
                Arguments.of(
                        Map.of(),
                        ingest("--db-batch-size", "0"),
                        "toothbrush-ingest ingest:",
                        "--db-batch-size, --db-max-in-flight, --db-retry-attempts: batchSize must be >= 1: 0"),
                Arguments.of(
                        Map.of(),
                        ingest("--dataset-id", "ends-in\\"),
                        "toothbrush-ingest ingest:",
                        "dataset id must not end in a backslash"),
                Arguments.of(
                        Map.of("LLAMADB_TOKEN", "a", "LLAMADB_TOKEN_FILE", token),
                        ingest("--db", "http://127.0.0.1:8086/write?db=t"),
                        "toothbrush-ingest ingest:",
                        "LLAMADB_TOKEN and LLAMADB_TOKEN_FILE are both set"),
                Arguments.of(
                        Map.of(),
                        worker("--db", "mysql://u:secret@db/x"),
                        "toothbrush-ingest worker:",
                        "unsupported LlamaDB URI 'mysql://***@db/x'"),
                Arguments.of(
                        Map.of(),
                        worker("--queue", "ftp://q"),
                        "toothbrush-ingest worker:",
                        "unsupported queue URI 'ftp://q'"),
                Arguments.of(
                        Map.of(),
                        worker("--metrics-address", "nope"),
                        "toothbrush-ingest worker:",
                        "--metrics-address must be HOST:PORT"),
                Arguments.of(
                        Map.of(),
                        worker("--lease-seconds", "0.5"),
                        "toothbrush-ingest worker:",
                        "--lease-seconds must be a number of seconds, at least 1"),
                Arguments.of(
                        Map.of(),
                        worker("--db-retry-backoff", "0"),
                        "toothbrush-ingest worker:",
                        "--db-retry-backoff must be a positive number of seconds"),
                Arguments.of(
                        Map.of("TOOTHBRUSH_MAX_STREAM_BYTES", "0"),
                        worker(),
                        "toothbrush-ingest worker:",
                        "--max-stream-bytes must be at least 1: 0"),
                Arguments.of(
                        Map.of(),
                        new String[] {
                            "enqueue",
                            "--queue",
                            "jobs",
                            "--brushing",
                            "b.csv",
                            "--settings",
                            "s.jsonl",
                            "--toothbrush-id",
                            "tb-1"
                        },
                        "toothbrush-ingest enqueue:",
                        "unsupported queue URI 'jobs'"),
                Arguments.of(
                        Map.of(),
                        new String[] {"validate", "--queue", "dir:" + dir.resolve("jobs"), "--db", "lp:"},
                        "toothbrush-ingest validate:",
                        "unsupported LlamaDB URI 'lp:'"),
                Arguments.of(
                        Map.of(),
                        new String[] {"jobs", "list", "--queue", "dir:" + dir.resolve("jobs"), "--state", "lost"},
                        "toothbrush-ingest jobs list:",
                        "unknown job state 'lost'"),
                Arguments.of(
                        Map.of(),
                        new String[] {"jobs", "list", "--queue", "dir:" + dir.resolve("jobs"), "--limit", "0"},
                        "toothbrush-ingest jobs list:",
                        "--limit must be at least 1: 0"),
                Arguments.of(
                        Map.of(),
                        new String[] {"jobs", "purge", "--queue", "dir:" + dir.resolve("jobs"), "--state", "pending"},
                        "toothbrush-ingest jobs purge:",
                        "--state must be done or failed"),
                Arguments.of(
                        Map.of(),
                        new String[] {"jobs", "show", "--queue", "postgres:/x", "7"},
                        "toothbrush-ingest jobs show:",
                        "unsupported queue URI"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    @DisplayName("a bad flag, variable, URI or id exits 2 with one line naming the command and the problem,"
            + " before anything is opened")
    void usageErrors_exitTwo(Map<String, String> environment, String[] args, String command, String problem)
            throws Exception {
        Files.writeString(dir.resolve("token"), "t0k");
        Result result;
        boolean queueCreated;
        boolean databaseCreated;
        try {
            result = run(environment, args);
        } finally {
            // what a failing case created must not fail the next one
            queueCreated = Files.exists(dir.resolve("jobs"));
            databaseCreated = Files.exists(dir.resolve("points.lp"));
            deleteRecursively(dir.resolve("jobs"));
            Files.deleteIfExists(dir.resolve("points.lp"));
        }

        assertEquals(2, result.exit(), result.err());
        assertTrue(result.err().startsWith(command + " "), result.err());
        assertTrue(result.err().contains(problem), result.err());
        assertEquals(1, result.err().lines().count(), "one line: " + result.err());
        assertEquals("", result.out(), "no report, no component line on a usage error");
        assertFalse(queueCreated, "a usage error opened (created) the queue");
        assertFalse(databaseCreated, "a usage error opened (created) the database");
    }

    private static void deleteRecursively(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    @DisplayName("an IllegalArgumentException that is not a usage error (a bug) exits 1, its message on standard"
            + " error, no usage help")
    void unexpectedIllegalArgumentException_exitsOne() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.Console console = new Main.Console(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        CommandLine commandLine = Main.commandLine(console);
        commandLine.addSubcommand(new Buggy());
        commandLine.addSubcommand(new Refusing());

        assertEquals(1, commandLine.execute("buggy"), err.toString(StandardCharsets.UTF_8));
        assertEquals(
                "toothbrush-ingest: java.lang.IllegalArgumentException: Index 7 out of bounds for length 7"
                        + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));

        err.reset();
        assertEquals(2, commandLine.execute("refusing"), err.toString(StandardCharsets.UTF_8));
        assertEquals(
                "toothbrush-ingest refusing: --speed must be at most 3: 4" + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    /** A command with a bug: an IllegalArgumentException far from any option. */
    @CommandLine.Command(name = "buggy")
    static final class Buggy implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalArgumentException("Index 7 out of bounds for length 7");
        }
    }

    /** A command whose option validation refuses a value. */
    @CommandLine.Command(name = "refusing")
    static final class Refusing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new UsageException("--speed must be at most 3: 4");
        }
    }
}
