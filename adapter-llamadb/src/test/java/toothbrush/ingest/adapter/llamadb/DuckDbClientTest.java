package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.point.PointBatch;

/** The DuckDB backend refuses points its fixed schema cannot hold, before appending anything. */
class DuckDbClientTest {

    @TempDir
    Path dir;

    private LlamaDbClient client;
    private final Tags tags = new Tags().add("toothbrush_id", "tb-42");

    @BeforeEach
    void connect() {
        client = DuckDbClient.connect(
                "duckdb:" + dir.resolve("llamadb.duckdb"),
                dir.resolve("llamadb.duckdb").toString(),
                128,
                true);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    @DisplayName("Only the brushing and settings measurements have tables")
    void unknownMeasurement_isRefused() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> client.insert("weather", 1, tags, new Fields().addLong("tick", 1)));
        assertEquals(
                "DuckDB has no table for measurement weather: expected brushing or settings", refused.getMessage());
    }

    @Test
    @DisplayName("Points carry exactly the tag toothbrush_id")
    void otherTags_areRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> client.insert("brushing", 1, new Tags(), new Fields().addLong("tick", 1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> client.insert(
                        "brushing",
                        1,
                        new Tags().add("toothbrush_id", "tb-42").add("room", "bath"),
                        new Fields().addLong("tick", 1)));
    }

    @Test
    @DisplayName("A column field must have the column's type and fit it")
    void mistypedColumnFields_areRefused() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> client.insert("brushing", 1, tags, new Fields().addDouble("tick", 1.0)));
        assertEquals("field tick of brushing must be INTEGER, not FLOAT", refused.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> client.insert("brushing", 1, tags, new Fields().addLong("tooth", 1L << 40)));
        assertThrows(
                IllegalArgumentException.class,
                () -> client.insert(
                        "settings", 1, tags, new Fields().addLong("tick", 1).addLong("tick", 2)));
    }

    @Test
    @DisplayName("Points of several datasets interleaved, and points lacking fields, keep their ids and NULLs (P1, P2)")
    void interleavedDatasetsAndMissingFields_keepTheirIdsAndNulls() throws SQLException {
        client.beginDataset("tb-42", "ds-1");
        for (int tick = 0; tick < 300; tick++) {
            String dataset = tick % 3 == 0 ? "ds-2" : "ds-1";
            Fields fields = new Fields().addLong("tick", tick).addString("dataset_id", dataset);
            if (tick % 5 != 0) {
                fields.addLong("tooth", tick % 32);
            }
            client.insert("brushing", 1_000L + tick, tags, fields);
        }
        client.insert("brushing", 2_000L, tags, new Fields().addLong("tick", 999));
        client.flush();

        assertEquals(
                List.of("null|1|1|null|null", "ds-1|200|40|0|31", "ds-2|100|20|0|31"),
                strings("SELECT dataset_id, count(*), count(*) - count(tooth), min(tooth), max(tooth) FROM brushing"
                        + " WHERE toothbrush_id = 'tb-42' GROUP BY dataset_id ORDER BY dataset_id NULLS FIRST"));
        assertEquals(
                List.of("0"),
                strings(
                        "SELECT count(*) FROM brushing WHERE percent_clean IS NOT NULL"
                                + " OR extra IS NOT NULL OR epoch_ns(time) <> CASE WHEN tick = 999 THEN 2000 ELSE 1000 + tick END"));
    }

    @Test
    @DisplayName("A batch stores what one insert per point stores, plain brushing points included (P1, P2)")
    void batchInsert_storesWhatPointInsertsStore() throws SQLException {
        PointBatch batch = new PointBatch(16);
        for (int tick = 0; tick < 1_000; tick++) {
            long time = 1_595_896_877_637_498_100L + tick * 250_000_000L;
            if (tick % 50 == 0) {
                batch.addSettings(time, tick, tick % 100 == 0 ? null : 0.5, 0.25, List.of());
            } else if (tick % 7 == 0) {
                batch.addBrushing(
                        time,
                        tick,
                        tick % 32,
                        0.5,
                        List.of(new ExtraField("pressure", new FieldValue.FloatValue(2.0))));
            } else {
                batch.addBrushing(time, tick, tick % 32, (tick % 101) / 100.0, List.of());
            }
        }
        client.beginDataset("tb-42", "by-batch");
        client.insert(batch, "tb-42", "by-batch");
        client.flush();
        client.beginDataset("tb-42", "by-point");
        PointMapping point = new PointMapping();
        for (int row = 0; row < batch.size(); row++) {
            String measurement = point.load(batch, row, "tb-42", "by-point");
            client.insert(measurement, batch.timeNanos(row), point.tags(), point.fields());
        }
        client.flush();

        for (String sql : List.of(
                "SELECT epoch_ns(time), tick, tooth, percent_clean, extra FROM brushing WHERE dataset_id = '%s' ORDER BY tick",
                "SELECT epoch_ns(time), tick, battery, tick_interval, extra FROM settings WHERE dataset_id = '%s' ORDER BY tick")) {
            List<String> byBatch = strings(String.format(sql, "by-batch"));
            assertEquals(sql.contains("brushing") ? 980 : 20, byBatch.size());
            assertEquals(strings(String.format(sql, "by-point")), byBatch);
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("llamadb.duckdb"));
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(rows.getString(i));
                }
                result.add(row.toString());
            }
        }
        return result;
    }
}
