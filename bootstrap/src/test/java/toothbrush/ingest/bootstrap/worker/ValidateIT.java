package toothbrush.ingest.bootstrap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, {@code validate} on the jar against real components: a usable set-up exits 0 with one "ok" line per
 * component and leaves no job (no file in the {@code dir:} spool, no row in the PostgreSQL table) and no point
 * (no DuckDB row, no InfluxDB series); an unreachable database or queue exits 1 with a one-line reason, no stack
 * trace and no password.
 */
class ValidateIT {
    private static ThrowawayServers.InfluxDb influx;
    private static ThrowawayServers.Postgres postgres;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        WorkerProcess.requireJar();
        influx = ThrowawayServers.InfluxDb.start();
        postgres = ThrowawayServers.Postgres.start();
    }

    @AfterAll
    static void stop() {
        if (influx != null) {
            influx.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @DisplayName("dir: + DuckDB file: exit 0, two ok lines, no file left in the spool, no row in the database")
    void directoryAndDuckDb_validateAndLeaveNothing() throws Exception {
        WorkerProcess.Run run =
                WorkerProcess.run(work, "validate", "--queue", "dir:jobs", "--db", "duckdb:points.duckdb");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        List<String> lines = run.stdout().strip().lines().toList();
        assertEquals(2, lines.size(), run.stdout());
        assertTrue(lines.get(0).startsWith("queue dir:jobs: ok"), lines.get(0));
        assertTrue(lines.get(1).startsWith("database duckdb:points.duckdb: ok"), lines.get(1));
        assertEquals(List.of(), filesUnder(work.resolve("jobs")), "the probe left a file in the spool");

        WorkerProcess.Run counted = WorkerProcess.run(
                work,
                "query",
                "--db",
                "duckdb:points.duckdb",
                "SELECT (SELECT count(*) FROM brushing) + (SELECT count(*) FROM settings)"
                        + " + (SELECT count(*) FROM datasets) AS n");
        assertEquals(0, counted.exitCode(), counted.stderr());
        assertTrue(counted.stdout().contains("0"), counted.stdout());
        assertFalse(counted.stdout().matches("(?s).*\\b[1-9]\\d*\\b.*"), "probe rows left: " + counted.stdout());
    }

    @Test
    @DisplayName("dir: + real InfluxDB: exit 0, the probe point in toothbrush_probe is deleted again")
    void directoryAndInfluxDb_validateAndLeaveNothing() throws Exception {
        influx.recreateDatabase("validate");
        WorkerProcess.Run run =
                WorkerProcess.run(work, Map.of("TOOTHBRUSH_DB", influx.writeUrl("validate")), "validate");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(
                run.stdout()
                        .contains("database " + influx.writeUrl("validate") + ": ok (a probe point written to"
                                + " toothbrush_probe and deleted)"),
                run.stdout());
        assertEquals(List.of(), influx.series("validate", "SELECT * FROM toothbrush_probe"), "probe point left");
        assertEquals(List.of(), influx.series("validate", "SHOW SERIES FROM toothbrush_probe"), "probe series left");
        assertEquals(List.of(), filesUnder(work.resolve("jobs")), "the probe left a file in the spool");
    }

    @Test
    @DisplayName("real PostgreSQL queue + new lp: file: exit 0, no row in toothbrush_jobs, no file left")
    void postgresAndLineProtocol_validateAndLeaveNothing() throws Exception {
        WorkerProcess.Run run =
                WorkerProcess.run(work, "validate", "--queue", postgres.queueUri(), "--db", "lp:points.lp");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains(": ok (a probe written, read back and removed)"), run.stdout());
        try (var connection = postgres.connect();
                var statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM toothbrush_jobs")) {
            rows.next();
            assertEquals(0, rows.getLong(1), "the probe job was committed");
        }
        assertFalse(Files.exists(work.resolve("points.lp")), "the probe's lp: file was left behind");
    }

    @Test
    @DisplayName("unreachable InfluxDB: exit 1, the database line says FAILED, no stack trace")
    void unreachableDatabase_isAFailedLine() throws Exception {
        WorkerProcess.Run run = WorkerProcess.run(work, "validate", "--db", "http://127.0.0.1:1/write?db=x");
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("queue dir:jobs: ok"), run.stdout());
        assertTrue(run.stdout().contains("database http://127.0.0.1:1/write?db=x: FAILED: "), run.stdout());
        assertEquals(2, run.stdout().strip().lines().count(), run.stdout());
        assertFalse((run.stdout() + run.stderr()).contains("\tat "), "a stack trace: " + run.stderr());
    }

    @Test
    @DisplayName("unreachable PostgreSQL queue with a password in the URL: exit 1, FAILED line, password masked")
    void unreachableQueue_isAFailedLineWithThePasswordMasked() throws Exception {
        WorkerProcess.Run run = WorkerProcess.run(
                work, "validate", "--queue", "postgresql://ingest:hunter2@127.0.0.1:1/jobs", "--db", "lp:-");
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("queue postgresql://***@127.0.0.1:1/jobs: FAILED: "), run.stdout());
        assertTrue(run.stdout().contains("database lp:-: ok"), run.stdout());
        assertFalse((run.stdout() + run.stderr()).contains("hunter2"), run.stdout() + run.stderr());
        assertFalse((run.stdout() + run.stderr()).contains("\tat "), "a stack trace: " + run.stderr());
    }

    private static List<Path> filesUnder(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
