package toothbrush.ingest.adapter.llamadb;

import java.time.Duration;

/**
 * Loads DuckDB's native library on a background thread, so that a short command (one {@code ingest})
 * does not wait for it: duckdb_jdbc unpacks a 70 MB library from the jar into a temporary file and
 * registers its JFR events on first use, which took 0.5-1 s of one core here, while the command line is
 * parsed and the streams are opened on the other. The first connection waits for the load if it has not
 * finished (the JVM's class initialisation lock); a failure here is left for that connection to report.
 */
public final class DuckDbWarmUp {

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
        try {
            Class.forName("org.duckdb.DuckDBDriver", true, DuckDbWarmUp.class.getClassLoader());
            Class.forName("org.duckdb.DuckDBNative", true, DuckDbWarmUp.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            // The first connection reports what went wrong.
        }
    }
}
