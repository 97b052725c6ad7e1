package toothbrush.ingest.bootstrap;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import toothbrush.ingest.adapter.llamadb.LlamaDbProbe;
import toothbrush.ingest.adapter.queue.JobQueue;
import toothbrush.ingest.adapter.queue.JobQueues;
import toothbrush.ingest.adapter.queue.QueueException;
import toothbrush.ingest.adapter.queue.QueueSettings;
import toothbrush.ingest.application.report.Redaction;

/**
 * {@code validate}: checks that the worker's queue and database are usable, without leaving a job or a point
 * behind, one line per component on standard output; for a deployment's pre-start check.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Checks that the queue can be written and read and the database accepts a write, leaving"
                + " no job and no point behind; prints one line per component.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every component is usable", "1:a component is not (its line says why)", "2:usage error"})
final class ValidateCommand implements Callable<Integer> {
    private final Main.Console console;

    @Option(
            names = "--queue",
            paramLabel = "URI",
            defaultValue = JobQueues.DEFAULT_URI,
            description = "The queue: dir:PATH or postgresql://user@host:port/db (default: ${DEFAULT-VALUE}).")
    String queue;

    @Option(names = "--db", paramLabel = "URI", defaultValue = Wiring.DEFAULT_DB, description = Wiring.DB_HELP)
    String db;

    ValidateCommand(Main.Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        // Usage errors (UsageException) end here with exit status 2, before any line: Main prints them.
        UsageException.verify(() -> JobQueues.check(queue, console.environment()::get));
        Wiring.checkDb(db, console.environment());
        boolean queueOk = checkQueue();
        boolean dbOk = checkDatabase();
        console.out().flush();
        return queueOk && dbOk ? Main.EXIT_COMPLETED : Main.EXIT_FAILURE;
    }

    private boolean checkQueue() {
        String shown = Redaction.uri(queue);
        try (JobQueue jobs = JobQueues.open(queue, QueueSettings.defaults(), console.environment()::get)) {
            jobs.probe();
            console.out().println("queue " + shown + ": ok (a probe written, read back and removed)");
            return true;
        } catch (QueueException e) {
            // its detail holds the cause already, without repeating the queue this line names
            console.out()
                    .println("queue " + shown + ": FAILED: "
                            + Redaction.text(e.detail().replace('\n', ' ').replace('\r', ' ')));
            return false;
        } catch (RuntimeException e) {
            console.out().println("queue " + shown + ": FAILED: " + oneLine(e));
            return false;
        }
    }

    private boolean checkDatabase() {
        String shown = Redaction.uri(db);
        LlamaDbProbe.Result result;
        try {
            result = LlamaDbProbe.probe(db, console.environment()::get);
        } catch (RuntimeException e) {
            result = new LlamaDbProbe.Result(false, oneLine(e));
        }
        console.out()
                .println("database " + shown + ": "
                        + (result.ok() ? "ok (" + result.detail() + ")" : "FAILED: " + result.detail()));
        return result.ok();
    }

    /** The exception's message and its root cause, on one line, secrets masked. */
    private static String oneLine(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable root = e.getCause();
        if (root != null) {
            while (root.getCause() != null) {
                root = root.getCause();
            }
            text.append(": ").append(root);
        }
        return Redaction.text(text.toString().replace('\n', ' ').replace('\r', ' '));
    }
}
