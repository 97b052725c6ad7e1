package toothbrush.ingest.bootstrap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import toothbrush.ingest.adapter.llamadb.HttpWriteSettings;
import toothbrush.ingest.adapter.streams.StreamSettings;
import toothbrush.ingest.adapter.streams.source.SourcePolicy;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.JobResult;
import toothbrush.ingest.application.report.Redaction;
import toothbrush.ingest.application.report.StreamReport;
import toothbrush.ingest.application.service.IngestSettings;
import toothbrush.ingest.application.support.Throwables;
import toothbrush.ingest.bootstrap.picture.PicturePage;
import toothbrush.ingest.bootstrap.picture.Pictures;

/** {@code ingest}: ingests one dataset, prints its report on standard output, exits 0, 3, 2 or 1. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Ingests one dataset and prints its report as JSON on standard output.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:completed",
            "3:unsalvageable dataset (outcome failed)",
            "2:usage error",
            "1:any other failure (after retries); the reason is on standard error"
        })
final class IngestCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(IngestCommand.class);

    private final Main.Console console;

    @Option(
            names = "--brushing",
            required = true,
            paramLabel = "URI",
            description =
                    "Brushing CSV stream: a file path, file: URI or http(s):// URL (.gz content is decompressed).")
    String brushing;

    @Option(
            names = "--settings",
            required = true,
            paramLabel = "URI",
            description = "Settings JSON-lines stream: a file path, file: URI or http(s):// URL.")
    String settings;

    @Option(
            names = "--toothbrush-id",
            required = true,
            paramLabel = "ID",
            description = "The toothbrush_id tag of every point.")
    String toothbrushId;

    @Option(
            names = "--dataset-id",
            paramLabel = "ID",
            description =
                    "The dataset id (default: derived from the toothbrush id and both stream URIs, so re-runs replace).")
    String datasetId;

    @picocli.CommandLine.Mixin
    StreamOptions streamOptions = new StreamOptions();

    @picocli.CommandLine.Mixin
    DbWriteOptions dbWriteOptions = new DbWriteOptions();

    @Option(names = "--db", paramLabel = "URI", defaultValue = Wiring.DEFAULT_DB, description = Wiring.DB_HELP)
    String db;

    @Option(
            names = "--picture",
            paramLabel = "FILE",
            description = "Also write the dataset's page here: one self-contained HTML file (see the picture command).")
    Path picture;

    IngestCommand(Main.Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        // Usage errors (UsageException) end here with exit status 2, before a report: Main prints them.
        StreamSettings streams = streamOptions.settings();
        IngestSettings ingestSettings = streamOptions.ingestSettings();
        SourcePolicy sources = streamOptions.sourcePolicy(SourcePolicy::unrestricted);
        HttpWriteSettings http = dbWriteOptions.settings();
        Wiring.checkDb(db, console.environment());
        // U6: the ids and stream locations as typed
        Dataset dataset = UsageException.check(() -> new Dataset(
                datasetId != null ? datasetId : DatasetIds.derive(toothbrushId, brushing, settings),
                toothbrushId,
                brushing,
                settings));
        JobResult result;
        Wiring wiring;
        try {
            wiring = Wiring.open(db, console.out(), streams, sources, ingestSettings, http, console.environment());
        } catch (RuntimeException e) {
            // F2: a database that cannot be opened (bad path, locked, corrupt) still gets a report.
            LOG.debug("cannot open the database", e);
            result = failed(
                    dataset,
                    FailureReason.DATABASE_UNAVAILABLE,
                    "dataset " + dataset.datasetId() + ": cannot open the database " + Redaction.uri(db) + ": "
                            + Throwables.describe(rootCause(e)));
            return finish(result);
        }
        try (wiring) {
            ProgressReporter progress = ProgressReporter.forConsole(console.err());
            try {
                result = wiring.ingestService().ingest(dataset, progress);
            } finally {
                progress.finish();
            }
        } catch (RuntimeException e) {
            // F2: a bug of ours still ends in one report and one line; the stack trace only at debug level.
            LOG.debug("internal error", e);
            result = failed(
                    dataset,
                    FailureReason.INTERNAL_ERROR,
                    "dataset " + dataset.datasetId() + ": internal error: " + Throwables.describe(e));
        }
        return finish(result);
    }

    /**
     * Prints the one report (F2), writes the page if asked (V7; a page that cannot be written turns a 0 into a
     * 1, V11) and logs the one line of a failure; returns the exit status.
     */
    private int finish(JobResult result) {
        console.out().println(ReportJson.toJson(result.report()));
        console.out().flush();
        boolean pictureWritten = picture == null || writePicture(result.report());
        if (result instanceof JobResult.Completed) {
            return pictureWritten ? Main.EXIT_COMPLETED : Main.EXIT_FAILURE;
        }
        JobResult.Failed failed = (JobResult.Failed) result;
        if (failed.reason() == FailureReason.NO_INITIAL_STATE) {
            LOG.warn("{} ({})", failed.message(), failed.reason().code());
            return Main.EXIT_UNSALVAGEABLE;
        }
        LOG.error("{} ({})", failed.message(), failed.reason().code());
        return Main.EXIT_FAILURE;
    }

    private boolean writePicture(IngestReport report) {
        try {
            Pictures.write(picture, PicturePage.html(report));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot write the picture", e);
            console.err().println("toothbrush-ingest ingest: cannot write the picture " + picture + ": " + e);
            return false;
        }
    }

    private static JobResult failed(Dataset dataset, FailureReason reason, String message) {
        return new JobResult.Failed(IngestReport.failed(
                dataset.datasetId(),
                dataset.toothbrushId(),
                reason,
                message,
                0,
                StreamReport.unread(),
                StreamReport.unread()));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
