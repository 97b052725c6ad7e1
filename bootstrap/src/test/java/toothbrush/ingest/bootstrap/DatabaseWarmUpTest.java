package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.adapter.llamadb.DuckDbWarmUp;

/** Issue 12: the database a command line will open is guessed before parsing, to load DuckDB early. */
class DatabaseWarmUpTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    @DisplayName("ingest, worker, query and validate open --db, else TOOTHBRUSH_DB, else the default")
    void databaseCommands_useDbElseEnvironmentElseDefault() {
        assertEquals(Wiring.DEFAULT_DB, Main.databaseOf(new String[] {"ingest", "--brushing", "b"}, NO_ENV));
        assertEquals("lp:-", Main.databaseOf(new String[] {"ingest", "--db", "lp:-"}, NO_ENV));
        assertEquals("duckdb:x", Main.databaseOf(new String[] {"worker", "--db=duckdb:x"}, NO_ENV));
        assertEquals(
                "http://h/write",
                Main.databaseOf(new String[] {"query", "q"}, Map.of("TOOTHBRUSH_DB", "http://h/write")));
        assertEquals(
                "lp:f",
                Main.databaseOf(new String[] {"validate", "--db", "lp:f"}, Map.of("TOOTHBRUSH_DB", "duckdb:e")));
        assertEquals("lp:b", Main.databaseOf(new String[] {"ingest", "--db", "lp:a", "--db", "lp:b"}, NO_ENV));
    }

    @Test
    @DisplayName("no guess for other commands, for help or the version, or after --")
    void otherCommands_haveNoDatabase() {
        assertNull(Main.databaseOf(new String[] {}, NO_ENV));
        assertNull(Main.databaseOf(new String[] {"enqueue", "--db", "duckdb:x"}, NO_ENV));
        assertNull(Main.databaseOf(new String[] {"generate", "--out", "d"}, NO_ENV));
        assertNull(Main.databaseOf(new String[] {"ingest", "--help"}, NO_ENV));
        assertNull(Main.databaseOf(new String[] {"worker", "-V"}, NO_ENV));
        assertEquals(Wiring.DEFAULT_DB, Main.databaseOf(new String[] {"query", "--", "--db", "lp:x"}, NO_ENV));
    }

    @Test
    @DisplayName("the warm-up starts for duckdb: only, and ends")
    void warmUp_startsForDuckDbOnly() {
        assertFalse(DuckDbWarmUp.startFor("lp:-").started());
        assertFalse(DuckDbWarmUp.startFor(null).started());
        DuckDbWarmUp warmUp = DuckDbWarmUp.startFor("duckdb:x.duckdb");
        assertTrue(warmUp.started());
        warmUp.awaitQuietly(Duration.ofSeconds(60));
        assertTrue(warmUp.finished());
    }
}
