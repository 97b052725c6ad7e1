package toothbrush.ingest.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.bootstrap.picture.PicturePage;
import toothbrush.ingest.bootstrap.picture.Pictures;

/** {@code picture}: writes the page of a report (V7-V9): one self-contained HTML file. */
@Command(
        name = "picture",
        mixinStandardHelpOptions = true,
        description = "Writes the page of a report: one self-contained HTML file with inline SVG and CSS"
                + " (coverage, lost stretches, percent_clean, battery, teeth, rejected lines).",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the page is written",
            "2:usage error",
            "1:the report cannot be read or is not a report, or the page cannot be written"
        })
final class PictureCommand implements Callable<Integer> {
    /** Reports are one line of some hundred kilobytes; anything far larger is not one. */
    static final long MAX_REPORT_BYTES = 64L << 20;

    private final Main.Console console;

    @Option(
            names = "--report",
            required = true,
            paramLabel = "FILE",
            description = "A report as ingest prints it (one JSON object), or the output of jobs show.")
    Path report;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "The page to write; an existing file is replaced in one step.")
    Path out;

    PictureCommand(Main.Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        IngestReport read;
        try {
            if (Files.size(report) > MAX_REPORT_BYTES) {
                return fail("not a report: " + report + " is larger than " + MAX_REPORT_BYTES + " bytes");
            }
            read = ReportJson.fromJson(new String(Files.readAllBytes(report), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return fail("no such file: " + report);
        } catch (IOException e) {
            return fail("cannot read " + report + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail("not a report: " + report + ": " + e.getMessage());
        }
        try {
            Pictures.write(out, PicturePage.html(read));
        } catch (IOException e) {
            return fail("cannot write " + out + ": " + e);
        }
        return Main.EXIT_COMPLETED;
    }

    private int fail(String message) {
        console.err().println("toothbrush-ingest picture: " + message);
        return Main.EXIT_FAILURE;
    }
}
