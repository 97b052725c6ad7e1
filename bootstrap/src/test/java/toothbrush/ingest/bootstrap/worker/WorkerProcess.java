package toothbrush.ingest.bootstrap.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shaded jar run as a process, the way an operator runs it: {@code java -Xmx64m -jar toothbrush-ingest.jar
 * ...}, standard output and error in files. A worker runs with {@code HOSTNAME} set to its name, so its queue
 * claims ({@code <name>-<pid>-<random>-<n>}) show which process holds which job.
 */
final class WorkerProcess implements AutoCloseable {
    /** What a command that ran to its end printed and returned. */
    record Run(int exitCode, String stdout, String stderr) {}

    private final String name;
    private final Process process;
    private final Path stderr;

    private WorkerProcess(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
    }

    /** The jar failsafe built ({@code -Dtoothbrush.jar}), or target/toothbrush-ingest.jar from an IDE. */
    static Path jar() {
        return Path.of(System.getProperty("toothbrush.jar", "target/toothbrush-ingest.jar"))
                .toAbsolutePath();
    }

    /** Fails at once, saying how to build it, when the shaded jar is not there. */
    static void requireJar() {
        if (!Files.isRegularFile(jar())) {
            throw new IllegalStateException("the shaded jar " + jar() + " is missing: these tests run in `mvn verify`,"
                    + " after `package` has built it");
        }
    }

    /** Runs {@code java -Xmx64m -jar toothbrush-ingest.jar args...} in {@code workDir} to its end (at most 120 s). */
    static Run run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, java.util.Map.of(), args);
    }

    /**
     * Runs {@code enqueue --queue queue --brushing brushing --settings settings --toothbrush-id toothbrushId more...}
     * in {@code workDir} and checks that it succeeded.
     */
    static Run enqueue(
            Path workDir, String queue, String brushing, String settings, String toothbrushId, String... more)
            throws IOException, InterruptedException {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "enqueue",
                "--queue",
                queue,
                "--brushing",
                brushing,
                "--settings",
                settings,
                "--toothbrush-id",
                toothbrushId));
        args.addAll(java.util.List.of(more));
        Run run = run(workDir, args.toArray(String[]::new));
        org.junit.jupiter.api.Assertions.assertEquals(0, run.exitCode(), run.stderr());
        return run;
    }

    /** As {@link #run(Path, String...)}, with {@code environment} added to the process environment. */
    static Run run(Path workDir, java.util.Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command(args))
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("the jar did not finish within 120 s: " + List.of(args));
            }
        } finally {
            process.destroyForcibly();
        }
        Run run = new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return run;
    }

    /** Starts {@code worker args...} in {@code workDir} as the worker called {@code name}. */
    static WorkerProcess startWorker(Path workDir, String name, String... args) throws IOException {
        return startWorker(workDir, name, java.util.Map.of(), args);
    }

    /** As {@link #startWorker(Path, String, String...)}, with {@code environment} added to the process's. */
    static WorkerProcess startWorker(
            Path workDir, String name, java.util.Map<String, String> environment, String... args) throws IOException {
        List<String> arguments = new ArrayList<>();
        arguments.add("worker");
        arguments.addAll(List.of(args));
        Path out = workDir.resolve(name + ".stdout.txt");
        Path err = workDir.resolve(name + ".stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command(arguments.toArray(String[]::new)))
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("HOSTNAME", name);
        builder.environment().putAll(environment);
        return new WorkerProcess(name, builder.start(), err);
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return command;
    }

    String name() {
        return name;
    }

    /** True when a queue claim owner token ({@code <host>-<pid>-<random>-<n>}) belongs to this process. */
    boolean owns(String leaseOwner) {
        return leaseOwner != null && leaseOwner.startsWith(name + "-" + process.pid() + "-");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a power cut would: no shutdown hook runs, the job in hand is left to its lease. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("worker " + name + " did not die within 30 s of SIGKILL");
        }
    }

    /** SIGTERM, as {@code systemctl stop} does; returns the exit status (waits at most {@code seconds}). */
    int terminate(long seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("worker " + name + " did not exit within " + seconds + " s of SIGTERM");
        }
        return process.exitValue();
    }

    /**
     * The {@code http://HOST:PORT} a worker started with {@code --metrics-address 127.0.0.1:0} serves on, from its
     * log line "serving /metrics, /healthz and /readyz on HOST:PORT" (waits at most 60 s). Port 0 lets the system
     * pick a free port, so no other process can take it between the test's choice and the worker's bind.
     */
    String metricsBase() throws InterruptedException {
        java.util.regex.Pattern serving =
                java.util.regex.Pattern.compile("serving /metrics, /healthz and /readyz on (\\S+):(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            java.util.regex.Matcher found = serving.matcher(stderr());
            if (found.find()) {
                return "http://" + found.group(1) + ":" + found.group(2);
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("worker " + name + " serves no metrics: " + stderrTail(20));
    }

    /** The whole standard error (the worker's log). */
    String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + stderr + ": " + e + ")";
        }
    }

    /** The last {@code lines} lines of standard error, headed by the worker's name and state. */
    String stderrTail(int lines) {
        List<String> all = stderr().lines().toList();
        List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
        return "---- worker " + name + " (pid " + process.pid() + ", "
                + (process.isAlive() ? "alive" : "exit " + process.exitValue()) + "), last " + tail.size()
                + " lines of stderr:\n" + String.join("\n", tail);
    }

    /** Kills the process if it is still running (a failed test must not leave workers behind). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                // Killed already; keep the interrupt for the caller rather than throw it from close(), where
                // try-with-resources would suppress it behind the body's exception (javac lint "try").
                Thread.currentThread().interrupt();
            }
        }
    }
}
