package toothbrush.ingest.bootstrap;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import toothbrush.ingest.application.report.Redaction;

/** The command line of toothbrush-ingest: {@code ingest} and the other subcommands of SPEC "Command line". */
@Command(name = "toothbrush-ingest",
        mixinStandardHelpOptions = true,
        version = "toothbrush-ingest 0.1.0",
        description = "Merges a toothbrush's brushing and settings streams into time-stamped LlamaDB points.",
        subcommands = {IngestCommand.class, WorkerCommand.class, EnqueueCommand.class, QueryCommand.class, toothbrush.ingest.bootstrap.generate.GenerateCommand.class})
public final class Main implements Runnable {

    /** Exit status: the dataset was ingested. */
    public static final int EXIT_COMPLETED = 0;
    /** Exit status: any other failure (after retries), with the reason on standard error. */
    public static final int EXIT_FAILURE = 1;
    /** Exit status: the command line was wrong. */
    public static final int EXIT_USAGE = 2;
    /** Exit status: the dataset is unsalvageable (outcome {@code failed}). */
    public static final int EXIT_UNSALVAGEABLE = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs one command line with the given standard output (reports, {@code lp:-} points) and standard
     * error (usage and failure messages) and returns its exit status. Logs go to standard error via SLF4J.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Console console = new Console(out, err);
        CommandLine commandLine = new CommandLine(new Main(), new CommandFactory(console));
        commandLine.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            // F2: one line; the stack trace only when debug logging is asked for.
            err.println("toothbrush-ingest: " + Redaction.text(String.valueOf(exception)));
            if (LoggerFactory.getLogger(Main.class).isDebugEnabled()) {
                exception.printStackTrace(err);
            }
            return EXIT_FAILURE;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Standard output and standard error of one run, handed to the subcommands. */
    public record Console(PrintStream out, PrintStream err) {
    }

    /** Creates subcommands with the run's {@link Console}. */
    private record CommandFactory(Console console) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Console.class).newInstance(console);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
