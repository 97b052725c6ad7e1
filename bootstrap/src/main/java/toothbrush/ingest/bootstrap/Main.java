package toothbrush.ingest.bootstrap;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import toothbrush.ingest.adapter.llamadb.DuckDbWarmUp;
import toothbrush.ingest.application.report.Redaction;

/** The command line of toothbrush-ingest: {@code ingest} and the other subcommands of SPEC "Command line". */
@Command(
        name = "toothbrush-ingest",
        mixinStandardHelpOptions = true,
        version = "toothbrush-ingest 0.1.0",
        description = "Merges a toothbrush's brushing and settings streams into time-stamped LlamaDB points.")
public final class Main implements Runnable {

    /** The subcommands, in the order the help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            IngestCommand.class,
            WorkerCommand.class,
            EnqueueCommand.class,
            JobsCommand.class,
            QueryCommand.class,
            ValidateCommand.class,
            PictureCommand.class,
            toothbrush.ingest.bootstrap.generate.GenerateCommand.class);

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
    @CommandLine.Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Log level on standard error: ${COMPLETION-CANDIDATES} (default: info).")
    LogLevel logLevel;

    /** The levels of slf4j-simple. */
    enum LogLevel {
        trace,
        debug,
        info,
        warn,
        error,
        off
    }

    public static void main(String[] args) {
        DuckDbWarmUp warmUp = DuckDbWarmUp.startFor(databaseOf(args, System.getenv()));
        int status = run(args, System.out, System.err);
        System.out.flush();
        warmUp.awaitQuietly(Duration.ofSeconds(30));
        System.exit(status);
    }

    /** The subcommands that open the database named by {@code --db}. */
    private static final Set<String> DATABASE_COMMANDS = Set.of("ingest", "worker", "query", "validate");

    /**
     * The database the command line will open, guessed before it is parsed so that {@link DuckDbWarmUp} can
     * start early: the {@code --db} value, else {@code TOOTHBRUSH_DB}, else the default; null for a command
     * that opens none, or a call for help or the version. A wrong guess only costs the warm-up's work.
     */
    static String databaseOf(String[] args, Map<String, String> environment) {
        if (args.length == 0 || !DATABASE_COMMANDS.contains(args[0])) {
            return null;
        }
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h") || arg.equals("--version") || arg.equals("-V")) {
                return null;
            }
        }
        String db = optionValue(args, "--db");
        if (db == null) {
            db = environment.get(EnvironmentDefaults.PREFIX + "DB");
        }
        return db != null ? db : Wiring.DEFAULT_DB;
    }

    /** The last value of {@code --name VALUE} or {@code --name=VALUE} before {@code --}, or null. */
    static String optionValue(String[] args, String name) {
        String value = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                value = args[i + 1];
            } else if (args[i].startsWith(name + "=")) {
                value = args[i].substring(name.length() + 1);
            } else if (args[i].equals("--")) {
                break;
            }
        }
        return value;
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
        return commandLine(console, subcommandsFor(args)).execute(args);
    }

    /**
     * The subcommands a run needs: only the one named first when the line starts with a subcommand's name,
     * else all of them (for the top-level help, the version and picocli's suggestions for a mistyped name).
     * picocli reads every option of every subcommand it is given by reflection, which took 0.2-0.3 s of each
     * {@code ingest}'s start when all of them were given.
     */
    static List<Class<?>> subcommandsFor(String[] args) {
        if (args.length > 0) {
            for (Class<?> subcommand : SUBCOMMANDS) {
                if (subcommand.getAnnotation(Command.class).name().equals(args[0])) {
                    return List.of(subcommand);
                }
            }
        }
        return SUBCOMMANDS;
    }

    /** The command line with every subcommand: the environment defaults, the console, the exit statuses. */
    static CommandLine commandLine(Console console) {
        return commandLine(console, SUBCOMMANDS);
    }

    /** The command line with {@code subcommands}: the environment defaults, the console, the exit statuses. */
    static CommandLine commandLine(Console console, List<Class<?>> subcommands) {
        CommandFactory factory = new CommandFactory(console);
        CommandLine commandLine = new CommandLine(new Main(), factory);
        for (Class<?> subcommand : subcommands) {
            commandLine.addSubcommand(new CommandLine(subcommand, factory));
        }
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        new EnvironmentDefaults(console.environment()).install(commandLine);
        commandLine.setOut(
                new PrintWriter(new java.io.OutputStreamWriter(console.out(), StandardCharsets.UTF_8), true));
        commandLine.setErr(
                new PrintWriter(new java.io.OutputStreamWriter(console.err(), StandardCharsets.UTF_8), true));
        commandLine.setExecutionExceptionHandler(
                (exception, cmd, parseResult) -> exitStatus(exception, cmd, console.err()));
        return commandLine;
    }

    /**
     * The exit status of a command that threw: 2 for a {@link UsageException} (its message on standard error),
     * 1 for anything else, an {@link IllegalArgumentException} from a bug included (F2: one line; the stack trace
     * only when debug logging is asked for).
     */
    static int exitStatus(Exception exception, CommandLine command, PrintStream err) {
        if (exception instanceof UsageException) {
            err.println(command.getCommandSpec().qualifiedName() + ": " + Redaction.text(exception.getMessage()));
            return EXIT_USAGE;
        }
        err.println("toothbrush-ingest: " + Redaction.text(String.valueOf(exception)));
        if (LoggerFactory.getLogger(Main.class).isDebugEnabled()) {
            exception.printStackTrace(err);
        }
        return EXIT_FAILURE;
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
        String level = optionValue(args, "--log-level");
        if (level == null) {
            level = environment.get(EnvironmentDefaults.PREFIX + "LOG_LEVEL");
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
