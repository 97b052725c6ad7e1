package toothbrush.ingest.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import toothbrush.ingest.adapter.queue.JobQueue;
import toothbrush.ingest.adapter.queue.JobQueues;
import toothbrush.ingest.adapter.queue.JobRecord;
import toothbrush.ingest.adapter.queue.JobState;
import toothbrush.ingest.adapter.queue.QueueException;
import toothbrush.ingest.adapter.queue.QueueSettings;
import toothbrush.ingest.application.report.Redaction;

/** {@code jobs}: lists, shows, retries and purges the jobs of a queue, for operators. */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = "Lists, shows, retries and purges the jobs of a queue.",
        subcommands = {
            JobsCommand.ListJobs.class,
            JobsCommand.Show.class,
            JobsCommand.Retry.class,
            JobsCommand.Purge.class
        })
final class JobsCommand implements Runnable {

    /**
     * Jackson's mapper, made on first use: picocli instantiates every subcommand for any command line, and
     * building a mapper (and loading databind) took 0.1-0.2 s of every {@code ingest}'s start.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a jobs subcommand is required");
    }

    /** The {@code --queue} option of every jobs subcommand, defaulting like {@code worker}. */
    static final class QueueOption {
        @Option(
                names = "--queue",
                paramLabel = "URI",
                defaultValue = JobQueues.DEFAULT_URI,
                description = "The queue: dir:PATH or postgresql://user@host:port/db (default: ${DEFAULT-VALUE}).")
        String queue;

        /**
         * Opens the queue.
         *
         * @throws UsageException when the URI is not one of the accepted forms
         */
        JobQueue open(Main.Console console) {
            UsageException.verify(() -> JobQueues.check(queue, console.environment()::get));
            return JobQueues.open(queue, QueueSettings.defaults(), console.environment()::get);
        }
    }

    /** Opens the queue, runs the work and maps failures to exit statuses with one line on standard error. */
    static int withQueue(Main.Console console, String command, QueueOption option, QueueWork work) {
        JobQueue queue;
        try {
            queue = option.open(console);
        } catch (QueueException e) {
            console.err().println("toothbrush-ingest jobs " + command + ": " + Redaction.text(e.getMessage()));
            return Main.EXIT_FAILURE;
        }
        try (queue) {
            int status = work.run(queue);
            console.out().flush();
            return status;
        } catch (QueueException e) {
            console.err().println("toothbrush-ingest jobs " + command + ": " + Redaction.text(e.getMessage()));
            return Main.EXIT_FAILURE;
        }
    }

    @FunctionalInterface
    interface QueueWork {
        int run(JobQueue queue);
    }

    /** The fields of {@code jobs list --json}; {@code jobs show} adds the report, streams and lease. */
    static ObjectNode summary(JobRecord job) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", job.id());
        node.put("dataset_id", job.datasetId());
        node.put("toothbrush_id", job.toothbrushId());
        node.put("state", job.state().code());
        node.put("attempts", job.attempts());
        node.put("reason", job.lastError() == null ? null : Redaction.text(job.lastError()));
        JsonNode report = report(job);
        JsonNode message = report == null ? null : report.get("message");
        node.put("message", message == null || !message.isTextual() ? null : Redaction.text(message.textValue()));
        node.put("enqueued_at", time(job.enqueuedAt()));
        node.put("finished_at", time(job.finishedAt()));
        return node;
    }

    static ObjectNode details(JobRecord job) {
        ObjectNode node = summary(job);
        node.put("brushing", Redaction.uri(job.brushingUri()));
        node.put("settings", Redaction.uri(job.settingsUri()));
        node.put("lease_holder", job.leaseHolder());
        node.put("lease_until", time(job.leaseUntil()));
        node.set("report", report(job));
        return node;
    }

    private static JsonNode report(JobRecord job) {
        if (job.reportJson() == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(Redaction.text(job.reportJson()));
        } catch (IOException e) {
            return Json.MAPPER.getNodeFactory().textNode("(unreadable report)");
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists jobs, oldest enqueued first: a table, or one JSON object per line with --json.",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:listed", "2:usage error", "1:the queue cannot be reached"})
    static final class ListJobs implements Callable<Integer> {
        private final Main.Console console;

        @CommandLine.Mixin
        QueueOption queue = new QueueOption();

        @Option(
                names = "--state",
                paramLabel = "STATE",
                description = "Only jobs in this state: pending, running," + " done or failed.")
        String state;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "100",
                description = "At most N jobs (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "One JSON object per line instead of a table.")
        boolean json;

        ListJobs(Main.Console console) {
            this.console = console;
        }

        @Override
        public Integer call() {
            Optional<JobState> filter =
                    state == null ? Optional.empty() : Optional.of(UsageException.check(() -> JobState.of(state)));
            if (limit < 1) {
                throw new UsageException("--limit must be at least 1: " + limit);
            }
            return withQueue(console, "list", queue, jobs -> {
                List<JobRecord> records = jobs.list(filter, limit);
                PrintStream out = console.out();
                if (json) {
                    for (JobRecord record : records) {
                        out.println(summary(record).toString());
                    }
                } else {
                    String format = "%-20s %-8s %8s %-20s %-24s %-24s %s%n";
                    out.printf(format, "ID", "STATE", "ATTEMPTS", "REASON", "ENQUEUED", "FINISHED", "DATASET");
                    for (JobRecord r : records) {
                        out.printf(
                                format,
                                r.id(),
                                r.state().code(),
                                r.attempts(),
                                r.lastError() == null ? "-" : Redaction.text(r.lastError()),
                                r.enqueuedAt() == null ? "-" : r.enqueuedAt(),
                                r.finishedAt() == null ? "-" : r.finishedAt(),
                                r.datasetId());
                    }
                }
                return Main.EXIT_COMPLETED;
            });
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Prints one job as a JSON object: its record, report, streams (redacted) and lease holder.",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:shown", "2:usage error", "1:no such job, or the queue cannot be reached"})
    static final class Show implements Callable<Integer> {
        private final Main.Console console;

        @CommandLine.Mixin
        QueueOption queue = new QueueOption();

        @Parameters(paramLabel = "ID", description = "The job id enqueue printed.")
        String id;

        Show(Main.Console console) {
            this.console = console;
        }

        @Override
        public Integer call() {
            return withQueue(console, "show", queue, jobs -> {
                Optional<JobRecord> job = jobs.find(id);
                if (job.isEmpty()) {
                    console.err()
                            .println("toothbrush-ingest jobs show: no job " + id + " in "
                                    + Redaction.text(jobs.describe()));
                    return Main.EXIT_FAILURE;
                }
                console.out().println(details(job.get()).toString());
                return Main.EXIT_COMPLETED;
            });
        }
    }

    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = "Puts failed jobs back to pending with their attempts reset; prints how many.",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:done (the count may be 0)", "2:usage error", "1:the queue cannot be reached"})
    static final class Retry implements Callable<Integer> {
        private final Main.Console console;

        @CommandLine.Mixin
        QueueOption queue = new QueueOption();

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Ids of failed jobs.")
        List<String> ids;

        @Option(names = "--all-failed", description = "Every failed job.")
        boolean allFailed;

        Retry(Main.Console console) {
            this.console = console;
        }

        @Override
        public Integer call() {
            boolean haveIds = ids != null && !ids.isEmpty();
            if (haveIds == allFailed) {
                console.err().println("toothbrush-ingest jobs retry: give job ids or --all-failed (not both)");
                return Main.EXIT_USAGE;
            }
            return withQueue(console, "retry", queue, jobs -> {
                int retried = allFailed ? jobs.retryAllFailed() : jobs.retry(ids);
                console.out().println(retried);
                return Main.EXIT_COMPLETED;
            });
        }
    }

    @Command(
            name = "purge",
            mixinStandardHelpOptions = true,
            description = "Deletes done or failed jobs and their reports; prints how many.",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:done (the count may be 0)", "2:usage error", "1:the queue cannot be reached"})
    static final class Purge implements Callable<Integer> {
        private final Main.Console console;

        @CommandLine.Mixin
        QueueOption queue = new QueueOption();

        @Option(names = "--state", required = true, paramLabel = "STATE", description = "done or failed.")
        String state;

        @Option(
                names = "--older-than",
                paramLabel = "SECONDS",
                defaultValue = "0",
                description = "Only jobs finished at least this long ago (default: ${DEFAULT-VALUE}, every one).")
        long olderThanSeconds;

        Purge(Main.Console console) {
            this.console = console;
        }

        @Override
        public Integer call() {
            JobState purged = UsageException.check(() -> JobState.of(state));
            if (purged != JobState.DONE && purged != JobState.FAILED) {
                throw new UsageException("--state must be done or failed: " + state);
            }
            if (olderThanSeconds < 0) {
                throw new UsageException("--older-than must not be negative: " + olderThanSeconds);
            }
            Instant before = olderThanSeconds == 0
                    ? Instant.now().plusMillis(1)
                    : Instant.now().minus(Duration.ofSeconds(olderThanSeconds));
            return withQueue(console, "purge", queue, jobs -> {
                console.out().println(jobs.purge(purged, before));
                return Main.EXIT_COMPLETED;
            });
        }
    }
}
