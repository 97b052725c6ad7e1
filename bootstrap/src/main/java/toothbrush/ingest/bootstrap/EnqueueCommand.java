package toothbrush.ingest.bootstrap;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import toothbrush.ingest.adapter.queue.JobQueue;
import toothbrush.ingest.adapter.queue.JobQueues;
import toothbrush.ingest.adapter.queue.QueueException;
import toothbrush.ingest.adapter.queue.QueueSettings;
import toothbrush.ingest.application.port.Dataset;

/** {@code enqueue}: puts one dataset job on a queue and prints its job id. */
@Command(
        name = "enqueue",
        mixinStandardHelpOptions = true,
        description = "Puts one dataset on the job queue for a worker; prints the job id on standard output.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:queued",
            "2:usage error, or the dataset is already pending or running",
            "1:the queue cannot be reached"
        })
final class EnqueueCommand implements Callable<Integer> {
    private final Main.Console console;

    @Option(
            names = "--queue",
            paramLabel = "URI",
            defaultValue = JobQueues.DEFAULT_URI,
            description = "The queue: dir:PATH or postgresql://user:pass@host:port/db (default: ${DEFAULT-VALUE}).")
    String queue;

    @Option(names = "--brushing", required = true, paramLabel = "URI", description = "Brushing CSV stream.")
    String brushing;

    @Option(names = "--settings", required = true, paramLabel = "URI", description = "Settings JSON-lines stream.")
    String settings;

    @Option(names = "--toothbrush-id", required = true, paramLabel = "ID", description = "The toothbrush_id tag.")
    String toothbrushId;

    @Option(
            names = "--dataset-id",
            paramLabel = "ID",
            description = "The dataset id (default: derived from the toothbrush id and both stream URIs).")
    String datasetId;

    EnqueueCommand(Main.Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        // U6, and workers may run elsewhere: plain paths are stored as absolute file: URIs.
        Dataset dataset = UsageException.check(() -> new Dataset(
                datasetId != null ? datasetId : DatasetIds.derive(toothbrushId, brushing, settings),
                toothbrushId,
                DatasetIds.canonical(brushing),
                DatasetIds.canonical(settings)));
        UsageException.verify(() -> JobQueues.check(queue, console.environment()::get));
        try (JobQueue open = JobQueues.open(queue, QueueSettings.defaults(), console.environment()::get)) {
            console.out().println(open.enqueue(dataset));
            console.out().flush();
            return Main.EXIT_COMPLETED;
        } catch (QueueException e) {
            console.err().println("toothbrush-ingest enqueue: " + e.getMessage());
            return e.kind() == QueueException.Kind.ALREADY_QUEUED ? Main.EXIT_USAGE : Main.EXIT_FAILURE;
        }
    }
}
