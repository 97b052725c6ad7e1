package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DuckDB file across versions and crashes: a file of the schema before issue 12 is migrated on
 * open (or refused, unchanged, with how to migrate), and a process killed in the middle of a dataset
 * leaves the dataset's previous version (P4).
 */
class DuckDbMigrationAndCrashTest {

    /** The tables as the version before issue 12 created them. */
    private static final String[] OLD_DDL = {
        "CREATE TABLE brushing (time TIMESTAMP_NS NOT NULL, toothbrush_id VARCHAR NOT NULL, dataset_id VARCHAR,"
                + " tick BIGINT, tooth INTEGER, percent_clean DOUBLE, extra JSON)",
        "CREATE TABLE settings (time TIMESTAMP_NS NOT NULL, toothbrush_id VARCHAR NOT NULL, dataset_id VARCHAR,"
                + " tick BIGINT, battery DOUBLE, tick_interval DOUBLE, extra JSON)",
    };

    private static final String BRUSHING_ROWS = "SELECT epoch_ns(time), toothbrush_id, dataset_id, tick, tooth,"
            + " percent_clean, extra FROM brushing ORDER BY ALL";
    private static final String SETTINGS_ROWS = "SELECT epoch_ns(time), toothbrush_id, dataset_id, tick, battery,"
            + " tick_interval, extra FROM settings ORDER BY ALL";

    @TempDir
    Path dir;

    @Test
    @DisplayName(
            "A file of the previous schema is migrated on open: the same rows through brushing and settings, then re-ingest by (toothbrush_id, dataset_id) (P4, U5)")
    void previousSchema_isMigratedOnOpen() throws SQLException {
        Path file = dir.resolve("old.duckdb");
        execute(
                file,
                OLD_DDL[0],
                OLD_DDL[1],
                "INSERT INTO brushing VALUES (make_timestamp_ns(1595896877637498123), 'tb-42', 'ds-1', 16, 3, 0.5, NULL),"
                        + " (make_timestamp_ns(1595896877887498123), 'tb-42', 'ds-1', 17, 4, 0.75, '{\"pressure\":2.5}'),"
                        + " (make_timestamp_ns(1595896877637498000), 'tb-7', 'ds-1', 1, 1, 0.0, NULL),"
                        + " (make_timestamp_ns(1595896877637498000), 'tb-7', NULL, 2, 2, NULL, NULL)",
                "INSERT INTO settings VALUES (make_timestamp_ns(1595896877637498000), 'tb-42', 'ds-1', 16, NULL, 0.25,"
                        + " '{\"firmware\":\"2.1.0\"}'), (make_timestamp_ns(1595896877637498001), 'tb-9', 'ds-9', 0, 0.5, 0.1, NULL)");
        List<String> brushing = strings(file, BRUSHING_ROWS);
        List<String> settings = strings(file, SETTINGS_ROWS);

        try (LlamaDbClient client = LlamaDb.connect("duckdb:" + file)) {
            client.beginDataset("tb-7", "ds-1");
            PlainBrushing.insert(client, "tb-7", "ds-1", 1595896877637498000L, 5, 5, 0.5);
            client.flush();
        }

        assertEquals(
                List.of(
                        "brushing|VIEW",
                        "brushing_points|BASE TABLE",
                        "datasets|BASE TABLE",
                        "settings|VIEW",
                        "settings_points|BASE TABLE"),
                strings(file, "SELECT table_name, table_type FROM information_schema.tables" + " ORDER BY table_name"));
        List<String> expected = new ArrayList<>(brushing);
        expected.remove("1595896877637498000|tb-7|ds-1|1|1|0.0|null");
        expected.add("1595896877637498000|tb-7|ds-1|5|5|0.5|null");
        expected.sort(null);
        assertEquals(expected, strings(file, BRUSHING_ROWS));
        assertEquals(settings, strings(file, SETTINGS_ROWS));
        assertEquals(
                List.of("2.5"),
                strings(
                        file,
                        "SELECT CAST(extra->'pressure' AS DOUBLE) FROM brushing"
                                + " WHERE toothbrush_id = 'tb-42' AND extra IS NOT NULL"));
    }

    @Test
    @DisplayName("A file of the previous schema that cannot be migrated is refused, unchanged, with how to migrate")
    void unmigratableFile_isRefusedUnchanged() throws SQLException {
        Path file = dir.resolve("half.duckdb");
        execute(
                file,
                OLD_DDL[0],
                "INSERT INTO brushing VALUES (make_timestamp_ns(1), 'tb-42', 'ds-1', 1, 1, 0.5, NULL)");

        LlamaDbException refused = assertThrows(LlamaDbException.class, () -> LlamaDb.connect("duckdb:" + file));

        assertTrue(
                refused.getMessage()
                        .contains("table settings of an earlier version is missing; export the file"
                                + " with DuckDB (EXPORT DATABASE), remove it and ingest the datasets again"),
                refused.getMessage());
        assertEquals(
                List.of("brushing|BASE TABLE"),
                strings(file, "SELECT table_name, table_type FROM information_schema.tables"));
        assertEquals(List.of("1|tb-42|ds-1"), strings(file, "SELECT tick, toothbrush_id, dataset_id FROM brushing"));
    }

    @Test
    @DisplayName("P4: a process killed in the middle of re-ingesting a dataset leaves its previous version whole")
    void killedMidDataset_leavesThePreviousVersion() throws Exception {
        Path file = dir.resolve("crash.duckdb");
        try (LlamaDbClient client = LlamaDb.connect("duckdb:" + file)) {
            client.beginDataset("tb-42", "ds-1");
            for (int tick = 0; tick < 1000; tick++) {
                PlainBrushing.insert(client, "tb-42", "ds-1", 1595896877637498000L + tick, tick, tick % 32, 0.5);
            }
            client.flush();
        }
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DuckDbCrashChild.class.getName(),
                        file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("inserting", out.readLine(), "the child got into the dataset");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        assertEquals(
                List.of("1000|0|999|15404|tb-42|ds-1"),
                strings(
                        file,
                        "SELECT count(*), min(tick), max(tick),"
                                + " sum(tooth), any_value(toothbrush_id), any_value(dataset_id) FROM brushing"));
        try (LlamaDbClient client = LlamaDb.connect("duckdb:" + file)) {
            client.beginDataset("tb-42", "ds-1");
            PlainBrushing.insert(client, "tb-42", "ds-1", 1595896877637498000L, 7, 7, 0.75);
            client.flush();
        }
        assertEquals(List.of("1|7"), strings(file, "SELECT count(*), max(tick) FROM brushing"));
    }

    private static void execute(Path file, String... sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    private static List<String> strings(Path file, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rows.getString(i));
                }
                result.add(row.toString());
            }
        }
        return result;
    }
}
