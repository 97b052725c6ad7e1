package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The query sandbox's statement check (the command's behaviour is in bootstrap's QueryCommandTest). */
class DuckDbQueryTest {

    @Test
    @DisplayName("one statement: semicolons in literals, identifiers, comments and a trailing one are fine")
    void oneStatement_isRecognised() {
        assertTrue(DuckDbQuery.isOneStatement("SELECT 1"));
        assertTrue(DuckDbQuery.isOneStatement("SELECT 1;  -- done\n"));
        assertTrue(DuckDbQuery.isOneStatement("SELECT ';', \"a;b\" FROM t /* ; */ WHERE x = $$;$$;"));
        assertTrue(DuckDbQuery.isOneStatement("SELECT 'it''s; fine'"));
        assertFalse(DuckDbQuery.isOneStatement("SELECT 1; SELECT 2"));
        assertFalse(DuckDbQuery.isOneStatement("SELECT 1;;"));
        assertFalse(DuckDbQuery.isOneStatement("SELECT ';'; DROP TABLE brushing"));
    }

    @Test
    @DisplayName("only duckdb:PATH URIs are accepted")
    void query_acceptsDuckDbFilesOnly() {
        assertTrue(DuckDbQuery.accepts("duckdb:x.duckdb"));
        assertFalse(DuckDbQuery.accepts("duckdb:"));
        assertFalse(DuckDbQuery.accepts("lp:x"));
        assertThrows(IllegalArgumentException.class, () -> DuckDbQuery.run("lp:x", "SELECT 1", null));
    }
}
