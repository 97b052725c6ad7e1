package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate}'s database probe on the file backends: it writes, and leaves every earlier byte and row. */
class LlamaDbProbeTest {
    @TempDir
    Path work;

    @Test
    @DisplayName("DuckDB: the probe dataset is rolled back, an earlier dataset of the same file is kept")
    void duckDb_keepsEarlierPointsAndAddsNone() throws Exception {
        Path file = work.resolve("db.duckdb");
        String uri = "duckdb:" + file;
        try (LlamaDbClient client = LlamaDb.connect(uri)) {
            client.beginDataset("tb-1", "ds-1");
            client.insert(
                    "brushing",
                    1_000_000_000L,
                    new Tags().add("toothbrush_id", "tb-1"),
                    new Fields()
                            .addLong("tick", 1)
                            .addLong("tooth", 3)
                            .addDouble("percent_clean", 50)
                            .addString("dataset_id", "ds-1"));
            client.flush();
        }
        LlamaDbProbe.Result result = LlamaDbProbe.probe(uri, Map.<String, String>of()::get);
        assertTrue(result.ok(), result.detail());
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT (SELECT count(*) FROM brushing WHERE dataset_id = 'ds-1'),"
                                + " (SELECT count(*) FROM brushing), (SELECT count(*) FROM datasets)")) {
            rows.next();
            assertEquals(1, rows.getLong(1));
            assertEquals(1, rows.getLong(2), "the probe's point was kept");
            assertEquals(1, rows.getLong(3), "the probe's dataset was kept");
        }
    }

    @Test
    @DisplayName("lp: an existing file is left byte for byte; a new one is written, cut off and deleted")
    void lineProtocolFiles_existingIsKept_newIsDeleted() throws Exception {
        Path existing = work.resolve("existing.lp");
        Files.writeString(existing, "brushing,toothbrush_id=tb tick=1i 1\n", StandardCharsets.UTF_8);
        LlamaDbProbe.Result kept = LlamaDbProbe.probe("lp:" + existing, name -> null);
        assertTrue(kept.ok(), kept.detail());
        assertEquals("brushing,toothbrush_id=tb tick=1i 1\n", Files.readString(existing));

        Path fresh = work.resolve("fresh.lp");
        LlamaDbProbe.Result created = LlamaDbProbe.probe("lp:" + fresh, name -> null);
        assertTrue(created.ok(), created.detail());
        assertFalse(Files.exists(fresh));

        LlamaDbProbe.Result nowhere = LlamaDbProbe.probe("lp:" + work.resolve("no/such/dir/x.lp"), name -> null);
        assertFalse(nowhere.ok(), nowhere.detail());
    }

    @Test
    @DisplayName("an unsupported URI is the caller's usage error, as for the worker")
    void unsupportedUri_isAUsageError() {
        assertThrows(IllegalArgumentException.class, () -> LlamaDbProbe.probe("mysql://x", name -> null));
        assertThrows(IllegalArgumentException.class, () -> LlamaDbProbe.probe("duckdb:", name -> null));
    }
}
