package toothbrush.ingest.adapter.llamadb;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Loads DuckDB's native library on a background thread, so that a short command (one {@code ingest})
 * does not wait for it: duckdb_jdbc unpacks a 70 MB library from the jar into a temporary file and
 * registers its JFR events on first use, which took 0.5-1 s of one core here, and DuckDB's first database
 * in a process sets up what every later one shares (0.2 s), while the command line is parsed and the
 * streams are opened on the other. The first connection waits for the load if it has not
 * finished (the JVM's class initialisation lock); a failure here is left for that connection to report.
 */
public final class DuckDbWarmUp {

    /** A copy older than this belongs to a process that has loaded it long ago, or died. */
    static final Duration STALE_AFTER = Duration.ofHours(1);
    /** duckdb_jdbc's temporary copies: {@code Files.createTempFile("libduckdb_java", ".so")}. */
    private static final String COPY_PREFIX = "libduckdb_java";

    private static final String COPY_SUFFIX = ".so";

    private final Thread thread;

    private DuckDbWarmUp(Thread thread) {
        this.thread = thread;
    }

    /** Starts loading the library when {@code uri} is a {@code duckdb:} URI; else does nothing. */
    public static DuckDbWarmUp startFor(String uri) {
        if (uri == null || !uri.startsWith(LlamaDb.DUCKDB)) {
            return new DuckDbWarmUp(null);
        }
        Thread thread = new Thread(DuckDbWarmUp::load, "duckdb-warm-up");
        thread.setDaemon(true);
        thread.start();
        return new DuckDbWarmUp(thread);
    }

    /** True when a load was started. */
    public boolean started() {
        return thread != null;
    }

    /** True when no load is running: none was started, or it ended. */
    public boolean finished() {
        return thread == null || !thread.isAlive();
    }

    /**
     * Waits up to {@code limit} for the load to end. Called before {@code System.exit}: duckdb_jdbc deletes
     * its temporary copy of the library at exit only once the copy is complete, so a command that ends
     * early (a usage error) must not exit in the middle of it and leave 70 MB behind.
     */
    public void awaitQuietly(Duration limit) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void load() {
        // The driver's class set-up (it registers JFR events: about 0.25 s) runs beside the library's.
        Thread driver = new Thread(() -> initialize("org.duckdb.DuckDBDriver"), "duckdb-warm-up-driver");
        driver.setDaemon(true);
        driver.start();
        removeStaleCopies(Path.of(System.getProperty("java.io.tmpdir")), STALE_AFTER);
        if (initialize("org.duckdb.DuckDBNative")) {
            try {
                // DuckDB's first database in a process pays a one-time set-up (about 0.2 s here; later ones
                // take 20 ms): an in-memory one, opened and closed at once, pays it here.
                DriverManager.getConnection("jdbc:duckdb:").close();
            } catch (SQLException | LinkageError | RuntimeException e) {
                // The first connection reports what went wrong.
            }
        }
    }

    /** Initializes class {@code name}; false when that fails (the first connection reports why). */
    private static boolean initialize(String name) {
        try {
            Class.forName(name, true, DuckDbWarmUp.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    /**
     * Deletes duckdb_jdbc's temporary library copies in {@code directory} last modified more than {@code age}
     * ago. duckdb_jdbc deletes its copy only at a normal exit, so every killed process (the worker after
     * {@code SIGKILL}, a crash) leaves 70 MB behind. A process loads its copy within seconds of writing it,
     * and on Linux a loaded library stays mapped when its file is deleted, so an hour-old copy is safe to
     * remove; where deleting a file in use fails (Windows) it is left. Returns how many were deleted.
     */
    static int removeStaleCopies(Path directory, Duration age) {
        Instant before = Instant.now().minus(age);
        int removed = 0;
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(directory, COPY_PREFIX + "*" + COPY_SUFFIX)) {
            for (Path copy : copies) {
                try {
                    BasicFileAttributes attributes =
                            Files.readAttributes(copy, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isRegularFile()
                            && attributes.lastModifiedTime().toInstant().isBefore(before)) {
                        Files.delete(copy);
                        removed++;
                    }
                } catch (IOException | SecurityException e) {
                    // another user's file, in use, or already gone: not ours to insist on
                }
            }
        } catch (IOException | SecurityException e) {
            // no temporary directory to tidy
        }
        return removed;
    }
}
