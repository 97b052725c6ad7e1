package toothbrush.ingest.bootstrap;

import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import toothbrush.ingest.adapter.streams.StreamSettings;
import toothbrush.ingest.application.service.IngestSettings;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.application.report.JobResult;

/** {@code ingest}: ingests one dataset, prints its report on standard output, exits 0, 3, 2 or 1. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Ingests one dataset and prints its report as JSON on standard output.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:completed", "3:unsalvageable dataset (outcome failed)", "2:usage error",
                "1:any other failure (after retries); the reason is on standard error"})
final class IngestCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(IngestCommand.class);

    private final Main.Console console;

    @Option(names = "--brushing", required = true, paramLabel = "URI",
            description = "Brushing CSV stream: a file path, file: URI or http(s):// URL (.gz content is decompressed).")
    String brushing;

    @Option(names = "--settings", required = true, paramLabel = "URI",
            description = "Settings JSON-lines stream: a file path, file: URI or http(s):// URL.")
    String settings;

    @Option(names = "--toothbrush-id", required = true, paramLabel = "ID",
            description = "The toothbrush_id tag of every point.")
    String toothbrushId;

    @Option(names = "--dataset-id", paramLabel = "ID",
            description = "The dataset id (default: derived from the toothbrush id and both stream URIs, so re-runs replace).")
    String datasetId;

    @picocli.CommandLine.Mixin
    StreamOptions streamOptions = new StreamOptions();

    @Option(names = "--db", paramLabel = "URI", defaultValue = Wiring.DEFAULT_DB,
            description = "Where points go: duckdb:PATH, lp:PATH, lp:- (default: ${DEFAULT-VALUE}).")
    String db;

    IngestCommand(Main.Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Dataset dataset;
        StreamSettings streams;
        IngestSettings ingestSettings;
        try {
            streams = streamOptions.settings();
            ingestSettings = streamOptions.ingestSettings();
            String id = datasetId != null ? datasetId : DatasetIds.derive(toothbrushId, brushing, settings);
            dataset = new Dataset(id, toothbrushId, brushing, settings);
        } catch (IllegalArgumentException e) {
            console.err().println("toothbrush-ingest ingest: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        JobResult result;
        try (Wiring wiring = Wiring.open(db, console.out(), streams, ingestSettings)) {
            ProgressReporter progress = ProgressReporter.forConsole(console.err());
            try {
                result = wiring.ingestService().ingest(dataset, progress);
            } finally {
                progress.finish();
            }
        } catch (Wiring.BadDbUriException e) {
            console.err().println("toothbrush-ingest ingest: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        console.out().println(ReportJson.toJson(result.report()));
        console.out().flush();
        if (result instanceof JobResult.Completed) {
            return Main.EXIT_COMPLETED;
        }
        JobResult.Failed failed = (JobResult.Failed) result;
        if (failed.reason() == FailureReason.NO_INITIAL_STATE) {
            LOG.warn("{} ({})", failed.message(), failed.reason().code());
            return Main.EXIT_UNSALVAGEABLE;
        }
        LOG.error("{} ({})", failed.message(), failed.reason().code());
        return Main.EXIT_FAILURE;
    }
}
