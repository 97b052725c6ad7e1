package toothbrush.ingest.adapter.queue;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/** Opens the job queue named by a {@code --queue} URI. */
public final class JobQueues {
    /** The embedded default queue: the directory {@code jobs} under the working directory. */
    public static final String DEFAULT_URI = "dir:jobs";

    private static final String DIR_SCHEME = "dir:";

    private JobQueues() {}

    /**
     * Opens {@code dir:PATH} as a {@link DirectoryJobQueue} (creating the directory when missing) or a
     * {@code postgresql://user[:password]@host:port/database} URL as a {@link PostgresJobQueue} (connected on
     * first use; without a password in the URL, {@code PGPASSWORD} or {@code PGPASSFILE} gives it).
     *
     * @throws IllegalArgumentException naming the URI (password removed) and the accepted forms when it is
     *                                  neither
     * @throws QueueException           when the queue directory cannot be created
     */
    public static JobQueue open(String uri, QueueSettings settings) {
        return open(uri, settings, System::getenv);
    }

    /**
     * As {@link #open(String, QueueSettings)}, with a PostgreSQL URL without password completed from
     * {@code environment}'s {@code PGPASSWORD} or {@code PGPASSFILE}.
     */
    public static JobQueue open(String uri, QueueSettings settings, Function<String, String> environment) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(settings, "settings");
        if (uri.startsWith(DIR_SCHEME)) {
            String path = uri.substring(DIR_SCHEME.length());
            if (path.isBlank()) {
                throw unsupported(uri, "the directory path is empty");
            }
            return new DirectoryJobQueue(Path.of(path), settings);
        }
        if (PostgresUrl.accepts(uri)) {
            return new PostgresJobQueue(uri, settings, WorkerIds.generate(), environment);
        }
        throw unsupported(uri, "unknown scheme");
    }

    /**
     * Checks what {@link #open(String, QueueSettings, Function)} would refuse, without creating, opening or
     * connecting anything: the URI's form and, for PostgreSQL, the URL and the password its variables give. A URI
     * this accepts fails to open only for reasons of the queue itself ({@link QueueException}).
     *
     * @throws IllegalArgumentException as {@code open} does, with the same message
     */
    public static void check(String uri, Function<String, String> environment) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(environment, "environment");
        if (uri.startsWith(DIR_SCHEME)) {
            String path = uri.substring(DIR_SCHEME.length());
            if (path.isBlank()) {
                throw unsupported(uri, "the directory path is empty");
            }
            Path.of(path);
            return;
        }
        if (PostgresUrl.accepts(uri)) {
            PostgresUrl.parse(uri, environment);
            return;
        }
        throw unsupported(uri, "unknown scheme");
    }

    private static IllegalArgumentException unsupported(String uri, String why) {
        return new IllegalArgumentException("unsupported queue URI '" + PostgresUrl.redact(uri) + "' (" + why
                + "): use dir:PATH (the default is " + DEFAULT_URI + ") or"
                + " postgresql://user:password@host:port/database");
    }
}
