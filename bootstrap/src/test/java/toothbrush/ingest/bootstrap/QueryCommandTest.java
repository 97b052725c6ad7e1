package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code query} is a sandbox: one statement that returns rows, read-only, no other file, no network. */
class QueryCommandTest {
    @TempDir
    Path work;

    private Path database;

    @BeforeEach
    void ingestTheSample() {
        database = work.resolve("llamadb.duckdb");
        Path sample = JarRunner.sample();
        InProcess.Run ingest = InProcess.run(
                "ingest",
                "--brushing",
                sample.resolve("brushing.csv").toString(),
                "--settings",
                sample.resolve("settings.jsonlines").toString(),
                "--toothbrush-id",
                "tb-42",
                "--db",
                "duckdb:" + database);
        assertEquals(0, ingest.exit(), ingest.err());
    }

    private InProcess.Run query(String sql) {
        return InProcess.run("query", "--db", "duckdb:" + database, sql);
    }

    @Test
    @DisplayName("a SELECT still works")
    void select_works() {
        InProcess.Run run = query("SELECT count(*) AS n FROM brushing WHERE toothbrush_id = 'tb-42'");
        assertEquals(0, run.exit(), run.err());
        assertEquals("n\n524\n", run.out());
    }

    @Test
    @DisplayName("COPY ... TO is refused before it runs: no file is created")
    void copyTo_createsNoFile() {
        Path target = work.resolve("leak.csv");
        InProcess.Run run = query("COPY (SELECT 'x') TO '" + target + "'");
        assertEquals(1, run.exit());
        assertFalse(Files.exists(target), "COPY wrote " + target);
        InProcess.Run subquery = query("SELECT * FROM (SELECT 1) t; COPY (SELECT 'x') TO '" + target + "'");
        assertEquals(1, subquery.exit());
        assertFalse(Files.exists(target));
    }

    @Test
    @DisplayName("EXPORT DATABASE writes nothing")
    void exportDatabase_writesNothing() {
        Path target = work.resolve("export");
        InProcess.Run run = query("EXPORT DATABASE '" + target + "'");
        assertEquals(1, run.exit());
        assertFalse(Files.exists(target));
    }

    @Test
    @DisplayName("read_text('/etc/passwd'), read_csv, read_blob and glob cannot read other files")
    void fileFunctions_fail() {
        for (String sql : new String[] {
            "SELECT * FROM read_text('/etc/passwd')",
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM read_blob('/etc/passwd')",
            "SELECT * FROM glob('/etc/*')",
            "SELECT * FROM '/etc/passwd'"
        }) {
            InProcess.Run run = query(sql);
            assertEquals(1, run.exit(), sql);
            assertFalse(run.out().contains("root"), sql + " printed " + run.out());
            assertTrue(run.err().startsWith("toothbrush-ingest query: "), run.err());
        }
    }

    @Test
    @DisplayName("ATTACH, INSTALL, LOAD and SET are refused")
    void attachInstallAndSet_fail() {
        Path other = work.resolve("other.duckdb");
        for (String sql : new String[] {
            "ATTACH '" + other + "' AS other",
            "INSTALL httpfs",
            "LOAD httpfs",
            "SET enable_external_access = true",
            "SELECT * FROM read_parquet('https://example.com/x.parquet')"
        }) {
            InProcess.Run run = query(sql);
            assertEquals(1, run.exit(), sql);
        }
        assertFalse(Files.exists(other));
    }

    @Test
    @DisplayName("more than one statement is refused")
    void twoStatements_areRefused() {
        InProcess.Run run = query("SELECT 1; SELECT 2");
        assertEquals(1, run.exit());
        assertEquals("", run.out());
    }

    @Test
    @DisplayName("a statement before the last never runs: DuckDB's driver would run it while preparing")
    void aFirstStatement_neverRuns() {
        Path target = work.resolve("first.csv");
        InProcess.Run run = query("COPY (SELECT 'x') TO '" + target + "'; SELECT 1");
        assertEquals(1, run.exit());
        assertFalse(Files.exists(target));
    }

    @Test
    @DisplayName("one statement: a semicolon in a literal is fine (DuckDbQueryTest has the cases)")
    void oneStatement_isRecognised() {
        InProcess.Run run = query("SELECT ';' AS s");
        assertEquals(0, run.exit(), run.err());
        assertEquals("s\n;\n", run.out());
    }
}
