package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB backend refuses points its fixed schema cannot hold, before appending anything. */
class DuckDbClientTest {

    @TempDir
    Path dir;
    private LlamaDbClient client;
    private final Tags tags = new Tags().add("toothbrush_id", "tb-42");

    @BeforeEach
    void connect() {
        client = LlamaDb.connect("duckdb:" + dir.resolve("llamadb.duckdb"));
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    @DisplayName("Only the brushing and settings measurements have tables")
    void unknownMeasurement_isRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> client.insert("weather", 1, tags, new Fields().addLong("tick", 1)));
        assertEquals("DuckDB has no table for measurement weather: expected brushing or settings", refused.getMessage());
    }

    @Test
    @DisplayName("Points carry exactly the tag toothbrush_id")
    void otherTags_areRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> client.insert("brushing", 1, new Tags(), new Fields().addLong("tick", 1)));
        assertThrows(IllegalArgumentException.class, () -> client.insert("brushing", 1,
                new Tags().add("toothbrush_id", "tb-42").add("room", "bath"), new Fields().addLong("tick", 1)));
    }

    @Test
    @DisplayName("A column field must have the column's type and fit it")
    void mistypedColumnFields_areRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> client.insert("brushing", 1, tags, new Fields().addDouble("tick", 1.0)));
        assertEquals("field tick of brushing must be INTEGER, not FLOAT", refused.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> client.insert("brushing", 1, tags, new Fields().addLong("tooth", 1L << 40)));
        assertThrows(IllegalArgumentException.class,
                () -> client.insert("settings", 1, tags, new Fields().addLong("tick", 1).addLong("tick", 2)));
    }
}
