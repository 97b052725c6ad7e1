package toothbrush.ingest.bootstrap;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import toothbrush.ingest.application.report.Redaction;

/** The command line of toothbrush-ingest: {@code ingest} and the other subcommands of SPEC "Command line". */
@Command(name = "toothbrush-ingest",
        mixinStandardHelpOptions = true,
        version = "toothbrush-ingest 0.1.0",
        description = "Merges a toothbrush's brushing and settings streams into time-stamped LlamaDB points.",
        subcommands = {IngestCommand.class, WorkerCommand.class, EnqueueCommand.class, JobsCommand.class,
            QueryCommand.class, ValidateCommand.class, PictureCommand.class,
            toothbrush.ingest.bootstrap.generate.GenerateCommand.class})
public final class Main implements Runnable {

    /** Exit status: the dataset was ingested. */
    public static final int EXIT_COMPLETED = 0;
    /** Exit status: any other failure (after retries), with the reason on standard error. */
    public static final int EXIT_FAILURE = 1;
    /** Exit status: the command line was wrong. */
    public static final int EXIT_USAGE = 2;
    /** Exit status: the dataset is unsalvageable (outcome {@code failed}). */
    public static final int EXIT_UNSALVAGEABLE = 3;

    /** The slf4j-simple property read once, when the first logger is made. */
    static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Read before any logger exists (see {@link #applyLogLevel}); declared here so every command accepts it. */
    @CommandLine.Option(names = "--log-level", paramLabel = "LEVEL", scope = CommandLine.ScopeType.INHERIT,
            description = "Log level on standard error: ${COMPLETION-CANDIDATES} (default: info).")
    LogLevel logLevel;

    /** The levels of slf4j-simple. */
    enum LogLevel { trace, debug, info, warn, error, off }

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
        return run(args, out, err, System.getenv());
    }

    /**
     * As {@link #run(String[], PrintStream, PrintStream)}, with the {@code TOOTHBRUSH_*} option variables (and
     * {@code PGPASSWORD}, {@code LLAMADB_TOKEN}) read from {@code environment} instead of the process environment.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        applyLogLevel(args, environment);
        Console console = new Console(out, err, Map.copyOf(environment));
        CommandLine commandLine = new CommandLine(new Main(), new CommandFactory(console));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        new EnvironmentDefaults(environment).install(commandLine);
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

    /**
     * {@code --log-level} or {@code TOOTHBRUSH_LOG_LEVEL}: sets slf4j-simple's default level before the
     * command line (whose commands hold loggers) is built. A value that is not a level is left for picocli to
     * refuse.
     */
    static void applyLogLevel(String[] args, Map<String, String> environment) {
        String level = environment.get(EnvironmentDefaults.PREFIX + "LOG_LEVEL");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--log-level") && i + 1 < args.length) {
                level = args[i + 1];
            } else if (args[i].startsWith("--log-level=")) {
                level = args[i].substring("--log-level=".length());
            } else if (args[i].equals("--")) {
                break;
            }
        }
        if (level != null) {
            for (LogLevel known : LogLevel.values()) {
                if (known.name().equalsIgnoreCase(level)) {
                    System.setProperty(LOG_LEVEL_PROPERTY, known.name().toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    /** Standard output and standard error of one run, and its environment, handed to the subcommands. */
    public record Console(PrintStream out, PrintStream err, Map<String, String> environment) {
        public Console(PrintStream out, PrintStream err) {
            this(out, err, System.getenv());
        }
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
