package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14: every option from {@code TOOTHBRUSH_*}; a flag wins; {@code --help} names the variables. */
class EnvironmentDefaultsTest {
    @TempDir
    Path work;

    private record Result(int status, String out, String err) {}

    private static Result run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                environment);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("TOOTHBRUSH_QUEUE names the queue of enqueue and jobs; a --queue flag wins over it")
    void queueFromEnvironment_andFlagWins() {
        String fromEnv = "dir:" + work.resolve("env-queue");
        String fromFlag = "dir:" + work.resolve("flag-queue");
        Map<String, String> env = Map.of("TOOTHBRUSH_QUEUE", fromEnv);
        Result queued = run(
                env,
                "enqueue",
                "--brushing",
                "/b.csv",
                "--settings",
                "/s.jsonl",
                "--toothbrush-id",
                "tb",
                "--dataset-id",
                "ds-env");
        assertEquals(0, queued.status(), queued.err());
        assertTrue(Files.isRegularFile(work.resolve("env-queue/pending/ds-env.json")));

        assertTrue(run(env, "jobs", "list", "--json").out().contains("\"dataset_id\":\"ds-env\""));
        Result flagged = run(env, "jobs", "list", "--json", "--queue", fromFlag);
        assertEquals(0, flagged.status(), flagged.err());
        assertEquals("", flagged.out());
    }

    @Test
    @DisplayName("a repeatable option takes a comma-separated variable; a bad value is a usage error")
    void repeatableOptions_takeCommaSeparatedValues_badValuesAreUsageErrors() {
        Result bad = run(Map.of("TOOTHBRUSH_LIMIT", "many"), "jobs", "list", "--queue", "dir:" + work);
        assertEquals(Main.EXIT_USAGE, bad.status(), bad.err());
        assertTrue(bad.err().contains("many"), bad.err());
    }

    @Test
    @DisplayName("--help lists the variable of every option")
    void help_namesTheVariables() {
        Result help = run(Map.of(), "worker", "--help");
        for (String variable : new String[] {
            "TOOTHBRUSH_QUEUE",
            "TOOTHBRUSH_DB",
            "TOOTHBRUSH_METRICS_ADDRESS",
            "TOOTHBRUSH_ALLOW_SOURCE",
            "TOOTHBRUSH_LOG_LEVEL",
            "TOOTHBRUSH_DB_BATCH_SIZE",
            "TOOTHBRUSH_DRAIN"
        }) {
            assertTrue(help.out().contains(variable), variable + " in\n" + help.out());
        }
        assertTrue(run(Map.of(), "jobs", "purge", "--help").out().contains("TOOTHBRUSH_OLDER_THAN"));
    }
}
