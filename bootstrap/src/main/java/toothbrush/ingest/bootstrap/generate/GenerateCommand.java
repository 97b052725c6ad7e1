package toothbrush.ingest.bootstrap.generate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import toothbrush.ingest.bootstrap.Main;
import toothbrush.ingest.generator.DatasetGenerator;
import toothbrush.ingest.generator.ExpectedFigures;
import toothbrush.ingest.generator.GeneratorOptions;

/** {@code generate}: writes a synthetic dataset of any size, streaming, and prints the figures its ingest must report. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a synthetic dataset (brushing CSV and settings JSON lines), deterministic for a seed,"
                    + " in one streaming pass in constant memory, and prints on standard error, as one JSON line,"
                    + " the report figures an ingest of it must give (with --out also written to DIR/expected.json).",
            "Faults at the given rates: gaps (lost ticks), garbage lines (bad tick, tooth or percent, bytes that"
                    + " are not UTF-8, cut lines; in both streams), duplicated brushing lines.",
            "A --settings-out that is a named pipe (or standard output) is written in step with the brushing"
                    + " stream, so both streams can be piped into `ingest` without being stored: mkfifo b s; generate"
                    + " --brushing-out b --settings-out s & ingest --brushing b --settings s ...",
            "A PATH of - is standard output (for one of the two streams): generate --brushing-out -"
                    + " --settings-out s.jsonlines | gzip > b.csv.gz"
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:written", "2:usage error", "1:a stream could not be written; the reason is on standard error"
        })
public final class GenerateCommand implements Callable<Integer> {
    private static final int EXIT_WRITTEN = 0;
    private static final int EXIT_FAILURE = 1;

    private final Main.Console console;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Writes DIR/brushing.csv, DIR/settings.jsonlines (.gz with --gzip) and DIR/expected.json.")
    Path out;

    @Option(
            names = "--brushing-out",
            paramLabel = "PATH",
            description = "Writes the brushing stream to PATH (a file, a named pipe, or - for standard output)"
                    + " instead of --out.")
    Path brushingOut;

    @Option(
            names = "--settings-out",
            paramLabel = "PATH",
            description = "Writes the settings stream to PATH (a file, a named pipe, or - for standard output)"
                    + " instead of --out. Given alone,"
                    + " only the settings stream is written (quick); the same options and seed give the same stream.")
    Path settingsOut;

    @Option(
            names = "--ticks",
            paramLabel = "N",
            defaultValue = "" + GeneratorOptions.DEFAULT_TICKS,
            description = "Brushing ticks 0..N-1, one line each unless in a gap (default: ${DEFAULT-VALUE};"
                    + " about 18 bytes a line: 550,000,000 ticks make about 10 GB).")
    long ticks;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--gzip", description = "gzip both streams.")
    boolean gzip;

    @Option(
            names = "--gap-rate",
            paramLabel = "R",
            defaultValue = "0",
            description = "Probability per tick that a gap of 1-" + DatasetGenerator.MAX_GAP_TICKS
                    + " ticks without brushing lines starts (default: ${DEFAULT-VALUE}).")
    double gapRate;

    @Option(
            names = "--garbage-rate",
            paramLabel = "R",
            defaultValue = "0",
            description = "Probability per line that a garbage line precedes it (default: ${DEFAULT-VALUE}).")
    double garbageRate;

    @Option(
            names = "--duplicate-rate",
            paramLabel = "R",
            defaultValue = "0",
            description = "Probability per brushing line that it is repeated (default: ${DEFAULT-VALUE}).")
    double duplicateRate;

    @Option(
            names = "--interval-changes",
            paramLabel = "N",
            defaultValue = "" + GeneratorOptions.DEFAULT_INTERVAL_CHANGES,
            description = "Tick interval changes, spread over the ticks (default: ${DEFAULT-VALUE}).")
    int intervalChanges;

    @Option(
            names = "--drift-ms",
            paramLabel = "X",
            defaultValue = "" + GeneratorOptions.DEFAULT_DRIFT_MS,
            description = "Largest clock drift of an anchor against the tick count, in ms (default: ${DEFAULT-VALUE}).")
    double driftMs;

    @Option(
            names = "--toothbrush-id",
            paramLabel = "ID",
            defaultValue = GeneratorOptions.DEFAULT_TOOTHBRUSH_ID,
            description = "The toothbrush id named in the expected figures (default: ${DEFAULT-VALUE}).")
    String toothbrushId;

    /** A generate command writing a stream given as {@code -} to {@code console}'s standard output. */
    public GenerateCommand(Main.Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        boolean toPaths = brushingOut != null || settingsOut != null;
        if (out == null && !toPaths) {
            throw usage("give --out DIR, or --brushing-out PATH and/or --settings-out PATH");
        }
        if (out != null && toPaths) {
            throw usage("--out cannot be combined with --brushing-out or --settings-out");
        }
        if (out != null && DatasetGenerator.isStandardOutput(out)) {
            throw usage("--out - is not possible for two streams: use --brushing-out PATH and --settings-out PATH"
                    + " (e.g. named pipes, or - for one of them)");
        }
        if (DatasetGenerator.isStandardOutput(brushingOut) && DatasetGenerator.isStandardOutput(settingsOut)) {
            throw usage("--brushing-out - and --settings-out - cannot share standard output: give one of them a PATH");
        }
        GeneratorOptions options;
        try {
            options = new GeneratorOptions(
                    ticks, seed, gapRate, garbageRate, duplicateRate, intervalChanges, driftMs, gzip, toothbrushId);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        ExpectedFigures figures;
        try {
            figures = out != null
                    ? DatasetGenerator.writeDirectory(options, out)
                    : DatasetGenerator.write(options, brushingOut, settingsOut, console.out());
        } catch (IOException e) {
            err.println("toothbrush-ingest generate: " + e.getMessage());
            err.flush();
            return EXIT_FAILURE;
        }
        err.println(figures.toJson());
        err.flush();
        return EXIT_WRITTEN;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
