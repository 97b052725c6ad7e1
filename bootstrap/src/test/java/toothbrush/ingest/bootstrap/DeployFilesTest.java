package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import toothbrush.ingest.adapter.llamadb.LlamaDb;

/**
 * Issue 14: the files under {@code deploy/} cannot drift from the command line. Every {@code --flag} they pass
 * must be an option of the subcommand its line runs ({@code worker} unless the line names another one), every
 * {@code TOOTHBRUSH_*} variable must be one {@link EnvironmentDefaults} derives from a {@code worker} option, and
 * the grace periods the supervisors give must exceed the worker's {@code --shutdown-grace}.
 */
class DeployFilesTest {
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
    private static final Pattern VARIABLE = Pattern.compile("\\b" + EnvironmentDefaults.PREFIX + "[A-Z0-9_]+\\b");
    /** The subcommand a line runs: the word after the jar's name, e.g. {@code validate}. */
    private static final Pattern SUBCOMMAND = Pattern.compile("toothbrush-ingest\\.jar[\"',\\s]+([a-z]+)");

    private static Path deploy() {
        return Path.of(System.getProperty("toothbrush.deploy", "../deploy"))
                .toAbsolutePath()
                .normalize();
    }

    /** The command line as {@code Main.run} builds it, for picocli's model of every subcommand. */
    private static CommandLine commandLine() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Main.Console console = new Main.Console(sink, sink, Map.of());
        return Main.commandLine(console);
    }

    /** The variables the environment may set for {@code worker}, as {@link EnvironmentDefaults} derives them. */
    private static Set<String> workerVariables(CommandLine root) {
        Set<String> variables = new TreeSet<>();
        for (OptionSpec option :
                root.getSubcommands().get("worker").getCommandSpec().options()) {
            String variable = EnvironmentDefaults.variable(option);
            if (variable != null) {
                variables.add(variable);
            }
        }
        return variables;
    }

    /** What in {@code text} (the file {@code name}) the command line would not accept; empty when all is well. */
    static List<String> problems(String name, String text) {
        CommandLine root = commandLine();
        Set<String> variables = workerVariables(root);
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.stripLeading().startsWith("#")) {
                continue; // comments may talk about anything
            }
            String subcommand = "worker";
            Matcher named = SUBCOMMAND.matcher(line);
            if (named.find()) {
                subcommand = named.group(1);
            }
            CommandLine command = root.getSubcommands().get(subcommand);
            if (command == null) {
                problems.add(name + ":" + (i + 1) + ": no subcommand " + subcommand);
                continue;
            }
            CommandSpec spec = command.getCommandSpec();
            Matcher flag = FLAG.matcher(line);
            while (flag.find()) {
                if (spec.findOption(flag.group()) == null) {
                    problems.add(name + ":" + (i + 1) + ": " + subcommand + " has no option " + flag.group());
                }
            }
            Matcher variable = VARIABLE.matcher(line);
            while (variable.find()) {
                if (!variables.contains(variable.group())) {
                    problems.add(name + ":" + (i + 1) + ": worker reads no variable " + variable.group());
                }
            }
        }
        return problems;
    }

    private static List<Path> deployFiles() throws IOException {
        try (Stream<Path> files = Files.walk(deploy())) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    @DisplayName("every --flag and TOOTHBRUSH_* variable in deploy/ is one the CLI accepts")
    void deployFiles_useOnlyRealOptions() throws IOException {
        List<Path> files = deployFiles();
        assertEquals(3, files.size(), "the systemd unit, the Kubernetes manifest and the Containerfile: " + files);
        List<String> problems = new ArrayList<>();
        int flags = 0;
        int variables = 0;
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            problems.addAll(problems(deploy().relativize(file).toString(), text));
            flags += (int) FLAG.matcher(text).results().count();
            variables += (int) VARIABLE.matcher(text).results().count();
        }
        assertEquals(List.of(), problems);
        assertTrue(
                flags >= 4 && variables >= 6,
                "the files pass options at all: " + flags + " flags, " + variables + " variables");
    }

    @Test
    @DisplayName("a made-up --no-such-flag, TOOTHBRUSH_NO_SUCH_THING or subcommand is reported")
    void madeUpOptions_areReported() {
        assertEquals(
                List.of("x:1: worker has no option --no-such-flag"),
                problems("x", "ExecStart=/usr/bin/java -jar toothbrush-ingest.jar worker --no-such-flag --drain"));
        assertEquals(
                List.of("x:2: validate has no option --shutdown-grace"),
                problems(
                        "x",
                        "\ncommand: [\"java\", \"-jar\", \"/opt/toothbrush-ingest.jar\", \"validate\","
                                + " \"--shutdown-grace\", \"30\"]"));
        assertEquals(
                List.of("x:1: worker reads no variable TOOTHBRUSH_NO_SUCH_THING"),
                problems("x", "  TOOTHBRUSH_NO_SUCH_THING: \"1\"  # TOOTHBRUSH_QUEUE"));
        assertEquals(List.of("x:1: no subcommand wrker"), problems("x", "java -jar toothbrush-ingest.jar wrker"));
        assertEquals(List.of(), problems("x", "# --anything in a comment\nTOOTHBRUSH_LOG_LEVEL=debug --queue"));
    }

    @Test
    @DisplayName("systemd and Kubernetes wait longer than --shutdown-grace before SIGKILL")
    void gracePeriods_exceedShutdownGrace() throws IOException {
        String unit = Files.readString(deploy().resolve("systemd/toothbrush-ingest.service"));
        long unitGrace = number(unit, "--shutdown-grace (\\d+)");
        assertTrue(number(unit, "(?m)^TimeoutStopSec=(\\d+)$") > unitGrace, unit);
        String manifest = Files.readString(deploy().resolve("kubernetes/toothbrush-ingest.yaml"));
        long podGrace = number(manifest, "TOOTHBRUSH_SHUTDOWN_GRACE: \"(\\d+)\"");
        assertTrue(number(manifest, "terminationGracePeriodSeconds: (\\d+)") > podGrace, manifest);
        for (String secret : List.of(LlamaDb.TOKEN_VARIABLE, "PGPASSWORD")) {
            assertTrue(manifest.contains("- name: " + secret + "\n"), "the worker gets " + secret + " from the Secret");
        }
        assertTrue(
                manifest.contains("memory: 512Mi")
                        && manifest.contains("path: /healthz")
                        && manifest.contains("path: /readyz"),
                manifest);
        String image = Files.readString(deploy().resolve("Containerfile"));
        assertTrue(
                image.contains("ENTRYPOINT [\"java\", \"-jar\", \"/opt/toothbrush-ingest/toothbrush-ingest.jar\","
                                + " \"worker\"]")
                        && image.contains("\nUSER 10001")
                        && image.contains(
                                "COPY bootstrap/target/libduckdb_java.so_linux_* bootstrap/target/toothbrush-ingest.jar"
                                        + " /opt/toothbrush-ingest/\n"),
                image);
    }

    private static long number(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), "no " + regex);
        return Long.parseLong(Objects.requireNonNull(matcher.group(1)));
    }
}
