package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.application.port.PointSink;
import toothbrush.ingest.application.testing.AbstractPointSinkContractTest;
import toothbrush.ingest.application.testing.StoredPoint;

/**
 * The {@code http://} backend against a real, throwaway InfluxDB 1.x ({@link EmbeddedInfluxDb}): the
 * point-sink contract read back with InfluxQL, and a refused write.
 */
class InfluxDbPointSinkIT extends AbstractPointSinkContractTest {
    private static final String DATABASE = "toothbrush";
    private static EmbeddedInfluxDb server;

    private LlamaDbClient client;
    private PointSink sink;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedInfluxDb.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        server.recreateDatabase(DATABASE);
        client = LlamaDb.connect(
                server.writeUrl(DATABASE),
                System.out,
                HttpWriteSettings.defaults()
                        .withRetry(new HttpWriteSettings.RetryPolicy(
                                3, Duration.ofMillis(50), 2.0, Duration.ofMillis(200), 0.5)));
        sink = new LlamaDbPointSink(client);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Override
    protected PointSink sink() {
        return sink;
    }

    /** Over HTTP, batches the server acknowledged cannot be taken back. */
    @Override
    protected boolean discardsUncommittedPoints() {
        return false;
    }

    @Override
    protected List<StoredPoint> storedPoints() {
        try {
            List<StoredPoint> points = new ArrayList<>();
            for (String measurement : List.of("brushing", "settings")) {
                points.addAll(read(server, DATABASE, measurement));
            }
            return points;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName(
            "B3: a field type conflict (tick as float after integer) is a 400: not retried, the server's message quoted")
    void fieldTypeConflict_failsNotRetryable() {
        Tags tags = new Tags().add("toothbrush_id", "tb-42");
        client.beginDataset("tb-42", "ds-1");
        client.insert("brushing", SPEC_TIME, tags, new Fields().addLong("tick", 16));
        client.flush();

        client.beginDataset("tb-42", "ds-2");
        client.insert("brushing", SPEC_TIME + 1, tags, new Fields().addDouble("tick", 16.5));
        LlamaDbException failure = assertThrows(LlamaDbException.class, client::flush);

        assertFalse(failure.retryable());
        assertEquals("ds-2", failure.datasetId());
        assertTrue(
                failure.getMessage()
                        .startsWith("LlamaDB " + server.writeUrl(DATABASE)
                                + " dataset ds-2: the server refused batch 2 (1 point): HTTP 400: {\"error\":\"partial write:"
                                + " field type conflict: input field \\\"tick\\\" on measurement \\\"brushing\\\" is type float,"
                                + " already exists as type integer"),
                failure.getMessage());
        client.discard();
        assertStored(StoredPoint.of("brushing", SPEC_TIME, "toothbrush_id", "tb-42")
                .field("tick", 16L)
                .build());
    }

    @Test
    @DisplayName("An unknown database is a 404: the job fails at once, not retryable, naming the database")
    void unknownDatabase_failsNotRetryable() {
        try (LlamaDbClient other = LlamaDb.connect(server.writeUrl("nosuchdb"))) {
            other.beginDataset("tb-42", "ds-1");
            other.insert(
                    "brushing", SPEC_TIME, new Tags().add("toothbrush_id", "tb-42"), new Fields().addLong("tick", 1));
            LlamaDbException failure = assertThrows(LlamaDbException.class, other::flush);

            assertFalse(failure.retryable());
            assertTrue(
                    failure.getMessage().endsWith("HTTP 404: {\"error\":\"database not found: \\\"nosuchdb\\\"\"}"),
                    failure.getMessage());
        }
    }

    /**
     * Every point of {@code measurement}: {@code SHOW FIELD KEYS} gives each field's type (JSON alone
     * cannot tell the float 2.0 from the integer 2), {@code SELECT * ... GROUP BY *} the tags apart
     * from the fields.
     */
    static List<StoredPoint> read(EmbeddedInfluxDb server, String database, String measurement)
            throws IOException, InterruptedException {
        Map<String, String> types = new HashMap<>();
        JsonNode keys = server.query(database, "SHOW FIELD KEYS FROM \"" + measurement + "\"");
        for (JsonNode series : keys.path("series")) {
            for (JsonNode row : series.path("values")) {
                types.put(row.get(0).asText(), row.get(1).asText());
            }
        }
        List<StoredPoint> points = new ArrayList<>();
        server.select(database, "SELECT * FROM \"" + measurement + "\" GROUP BY *", result -> {
            for (JsonNode series : result.path("series")) {
                JsonNode columns = series.get("columns");
                for (JsonNode row : series.get("values")) {
                    StoredPoint.Builder point =
                            new StoredPoint.Builder(measurement, row.get(0).asLong());
                    for (Map.Entry<String, JsonNode> tag : series.path("tags").properties()) {
                        point.tag(tag.getKey(), tag.getValue().asText());
                    }
                    for (int c = 1; c < columns.size(); c++) {
                        JsonNode value = row.get(c);
                        if (value != null && !value.isNull()) {
                            String key = columns.get(c).asText();
                            point.field(key, value(types.get(key), value));
                        }
                    }
                    points.add(point.build());
                }
            }
        });
        return points;
    }

    private static Object value(String type, JsonNode value) {
        return switch (type) {
            case "integer" -> value.asLong();
            case "float" -> value.asDouble();
            case "string" -> value.asText();
            case "boolean" -> value.asBoolean();
            default -> throw new IllegalStateException("unknown InfluxDB field type " + type);
        };
    }
}
