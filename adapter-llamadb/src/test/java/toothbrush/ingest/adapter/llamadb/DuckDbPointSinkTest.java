package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.PointSink;
import toothbrush.ingest.application.testing.AbstractPointSinkContractTest;
import toothbrush.ingest.application.testing.StoredPoint;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.point.Point;

/**
 * The {@code duckdb:PATH} sink passes the point-sink contract; its rows are read back with SQL
 * through a second connection of the same database, the way a user would query them.
 */
class DuckDbPointSinkTest extends AbstractPointSinkContractTest {

    @TempDir
    Path dir;

    private Path database;
    private LlamaDbClient client;
    private PointSink sink;

    @BeforeEach
    void connect() {
        database = dir.resolve("llamadb.duckdb");
        client = connect(database);
        sink = new LlamaDbPointSink(client);
    }

    /** The client under test: the default one, as {@code --db duckdb:PATH} connects it. */
    protected LlamaDbClient connect(Path file) {
        return LlamaDb.connect("duckdb:" + file);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Override
    protected PointSink sink() {
        return sink;
    }

    @Override
    protected boolean discardsUncommittedPoints() {
        return true;
    }

    @Override
    protected List<StoredPoint> storedPoints() {
        List<StoredPoint> points = new ArrayList<>();
        query(
                "SELECT epoch_ns(time), toothbrush_id, tick, tooth, percent_clean, dataset_id, extra FROM brushing",
                row -> {
                    StoredPoint.Builder point = StoredPoint.of(
                                    "brushing", row.getLong(1), "toothbrush_id", row.getString(2))
                            .field("tick", row.getLong(3))
                            .field("tooth", row.getLong(4))
                            .field("percent_clean", row.getDouble(5))
                            .field("dataset_id", row.getString(6));
                    addExtras(point, row.getString(7));
                    points.add(point.build());
                });
        query(
                "SELECT epoch_ns(time), toothbrush_id, tick, battery, tick_interval, dataset_id, extra FROM settings",
                row -> {
                    StoredPoint.Builder point = StoredPoint.of(
                                    "settings", row.getLong(1), "toothbrush_id", row.getString(2))
                            .field("tick", row.getLong(3));
                    double battery = row.getDouble(4);
                    if (!row.wasNull()) {
                        point.field("battery", battery);
                    }
                    point.field("tick_interval", row.getDouble(5)).field("dataset_id", row.getString(6));
                    addExtras(point, row.getString(7));
                    points.add(point.build());
                });
        return points;
    }

    @Test
    @DisplayName("B3, S8: extra fields are one JSON object with typed values, floats written 2.0; NULL when none")
    void extraFields_areAJsonObject() {
        Point withExtras = new Point.Settings(
                SPEC_TIME,
                16,
                null,
                0.25,
                List.of(
                        new ExtraField("firmware", new FieldValue.FloatValue(2)),
                        new ExtraField("charging", new FieldValue.BooleanValue(true)),
                        new ExtraField("say \"hi\"", new FieldValue.StringValue("a\\b ✓"))));
        write(DS1, List.of(withExtras, new Point.Settings(SPEC_TIME + 1, 17, 0.5, 0.25, List.of())));

        assertEquals(
                List.of(
                        "{\"firmware\":2.0,\"charging\":true,\"say \\\"hi\\\"\":\"a\\\\b ✓\"}|2.0|true|DOUBLE|null",
                        "null|null|null|null|0.5"),
                strings("SELECT extra, extra->>'firmware', extra->>'charging', json_type(extra->'firmware'), battery"
                        + " FROM settings ORDER BY time"));
    }

    @Test
    @DisplayName("time is a TIMESTAMP_NS column holding the nanoseconds exactly")
    void time_isATimestampWithNanoseconds() {
        write(DS1, List.of(brushing(1_595_896_877_637_498_123L, 16, 3, 0.5)));

        assertEquals(
                List.of("TIMESTAMP_NS|2020-07-28 00:41:17.637498123|1595896877637498123"),
                strings("SELECT typeof(time), CAST(time AS VARCHAR), epoch_ns(time) FROM brushing"));
    }

    @Test
    @DisplayName("P4: rewriting one dataset replaces only its own rows, in both tables")
    void P4_rewritingADataset_keepsTheOthers() {
        write(
                DS1,
                List.of(
                        brushing(SPEC_TIME, 16, 3, 0.5),
                        brushing(SPEC_TIME + 1, 17, 3, 0.5),
                        new Point.Settings(SPEC_TIME, 16, 0.91, 0.25, List.of())));
        write(DS2, List.of(brushing(SPEC_TIME, 16, 3, 0.5)));

        write(DS1, List.of(brushing(SPEC_TIME + 2, 18, 3, 0.5)));

        assertEquals(
                List.of("ds-1|1", "ds-2|1"),
                strings("SELECT dataset_id, count(*) FROM brushing GROUP BY dataset_id ORDER BY dataset_id"));
        assertEquals(List.of("0"), strings("SELECT count(*) FROM settings"));
    }

    @Test
    @DisplayName("U5: a job naming another toothbrush's dataset id replaces only its own toothbrush's rows")
    void U5_reingestOfASharedDatasetId_neverDeletesAnotherToothbrushsRows() {
        Dataset victim = new Dataset("ds-shared", "tb-victim", "b.csv", "s.jsonl");
        Dataset intruder = new Dataset("ds-shared", "tb-intruder", "b.csv", "s.jsonl");
        write(
                victim,
                List.of(
                        brushing(SPEC_TIME, 16, 3, 0.5),
                        brushing(SPEC_TIME + 1, 17, 3, 0.5),
                        new Point.Settings(SPEC_TIME, 16, 0.91, 0.25, List.of())));

        write(intruder, List.of(brushing(SPEC_TIME + 2, 18, 4, 0.25)));
        write(intruder, List.of(brushing(SPEC_TIME + 3, 19, 4, 0.25)));

        assertEquals(
                List.of("tb-intruder|1", "tb-victim|2"),
                strings("SELECT toothbrush_id, count(*) FROM brushing"
                        + " WHERE dataset_id = 'ds-shared' GROUP BY toothbrush_id ORDER BY toothbrush_id"));
        assertEquals(
                List.of("tb-victim|1"),
                strings("SELECT toothbrush_id, count(*) FROM settings" + " GROUP BY toothbrush_id"));
        assertEquals(List.of("19"), strings("SELECT tick FROM brushing WHERE toothbrush_id = 'tb-intruder'"));
    }

    @Test
    @DisplayName("P5: settings points sharing a timestamp are all stored")
    void P5_pointsSharingATimestamp_areAllStored() {
        write(
                DS1,
                List.of(
                        new Point.Settings(SPEC_TIME, 16, 0.91, 0.25, List.of()),
                        new Point.Settings(SPEC_TIME, 16, 0.9, 0.25, List.of())));

        assertEquals(List.of("0.9", "0.91"), strings("SELECT battery FROM settings ORDER BY battery"));
    }

    @Test
    @DisplayName("The connection runs with a bounded memory_limit and one thread, the inserting one")
    void connection_isBounded() {
        assertEquals(
                List.of("244.1 MiB|1"), strings("SELECT current_setting('memory_limit'), current_setting('threads')"));
    }

    @Test
    @DisplayName("Points of an uncommitted dataset are invisible to other connections until commit")
    void uncommittedPoints_areInvisibleUntilCommit() {
        var writer = sink.open(DS1);
        writer.write(List.of(brushing(SPEC_TIME, 16, 3, 0.5)));
        assertEquals(List.of("0"), strings("SELECT count(*) FROM brushing"));

        writer.commit();
        writer.close();

        assertEquals(List.of("1"), strings("SELECT count(*) FROM brushing"));
    }

    @Test
    @DisplayName("Extra fields reached through the brushing table too: pressure as a float")
    void brushingExtras_areQueryable() {
        write(
                DS1,
                List.of(new Point.Brushing(
                        SPEC_TIME,
                        new BrushingEvent(
                                16, 3, 0.5, List.of(new ExtraField("pressure", new FieldValue.FloatValue(2.5)))))));

        assertEquals(List.of("2.5"), strings("SELECT CAST(extra->'pressure' AS DOUBLE) FROM brushing"));
    }

    /** A row of a result set, read inside {@link #query}. */
    @FunctionalInterface
    private interface Row {
        void read(ResultSet row) throws SQLException;
    }

    private void query(String sql, Row reader) {
        try (Connection connection = secondConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private List<String> strings(String sql) {
        List<String> result = new ArrayList<>();
        query(sql, row -> result.add(join(row)));
        return result;
    }

    /** Another connection to the client's database (DuckDB shares the open instance within a process). */
    private Connection secondConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:" + database);
    }

    private static String join(ResultSet row) throws SQLException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
            if (i > 1) {
                text.append('|');
            }
            text.append(row.getString(i));
        }
        return text.toString();
    }

    /** Reads the extra JSON object with DuckDB's own json_each, keeping each value's JSON type. */
    private void addExtras(StoredPoint.Builder point, String extra) throws SQLException {
        if (extra == null) {
            return;
        }
        try (Connection connection = secondConnection();
                PreparedStatement each =
                        connection.prepareStatement("SELECT key, type, value->>'$' FROM json_each(CAST(? AS JSON))")) {
            each.setString(1, extra);
            try (ResultSet rows = each.executeQuery()) {
                while (rows.next()) {
                    String text = rows.getString(3);
                    Object value = switch (rows.getString(2)) {
                        case "DOUBLE" -> Double.valueOf(text);
                        case "VARCHAR" -> text;
                        case "BOOLEAN" -> Boolean.valueOf(text);
                        case "BIGINT", "UBIGINT" -> Long.valueOf(text);
                        default -> throw new IllegalStateException("unexpected JSON type " + rows.getString(2));
                    };
                    point.field(rows.getString(1), value);
                }
            }
        }
    }
}
