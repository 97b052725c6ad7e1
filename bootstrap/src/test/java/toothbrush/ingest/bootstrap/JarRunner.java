package toothbrush.ingest.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the shaded jar in its own JVM, the way a user does, and captures its output. */
final class JarRunner {
    /** What one run printed and returned. */
    record Run(int exitCode, String stdout, String stderr) {}

    private JarRunner() {}

    static Path jar() {
        String jar = System.getProperty("toothbrush.jar", "target/toothbrush-ingest.jar");
        return Path.of(jar).toAbsolutePath();
    }

    static Path sample() {
        String sample = System.getProperty("toothbrush.sample", "../sample");
        return Path.of(sample).toAbsolutePath().normalize();
    }

    /**
     * The arguments of {@code ingest} for the bundled sample, as dataset {@code ds-sample} of toothbrush
     * {@code tb-42}, into {@code db}, followed by {@code more}.
     */
    static String[] ingestSample(String db, String... more) {
        Path sample = sample();
        List<String> args = new ArrayList<>(List.of(
                "ingest",
                "--brushing",
                sample.resolve("brushing.csv").toString(),
                "--settings",
                sample.resolve("settings.jsonlines").toString(),
                "--toothbrush-id",
                "tb-42",
                "--dataset-id",
                "ds-sample",
                "--db",
                db));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** Runs {@code java -Xmx64m -jar toothbrush-ingest.jar args...} in {@code workDir}. */
    static Run run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, jar(), List.of(), args);
    }

    /** Runs {@code java -Xmx64m jvmOptions... -jar jar args...} in {@code workDir}. */
    static Run run(Path workDir, Path jar, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jar did not finish within 120 s: " + command);
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
