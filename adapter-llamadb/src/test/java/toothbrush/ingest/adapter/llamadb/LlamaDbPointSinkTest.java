package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.PointWriter;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.point.Point;

/** How {@link LlamaDbPointSink} hands dataset boundaries and points to its client. */
class LlamaDbPointSinkTest {

    private static final Dataset DS1 = new Dataset("ds-1", "tb-42", "b.csv", "s.jsonl");

    private final RecordingClient client = new RecordingClient();
    private final LlamaDbPointSink sink = new LlamaDbPointSink(client);

    @Test
    @DisplayName("P4: open begins the dataset, commit flushes, close after commit keeps it")
    void committedWriter_flushes() {
        try (PointWriter writer = sink.open(DS1)) {
            writer.write(List.of(brushing(16)));
            writer.commit();
        }
        assertEquals(
                List.of(
                        "begin ds-1",
                        "insert brushing 1 toothbrush_id=tb-42 tick,tooth,percent_clean,dataset_id",
                        "flush"),
                client.calls);
    }

    @Test
    @DisplayName("Closing a writer with points written after its last commit discards them")
    void uncommittedWriter_discards() {
        try (PointWriter writer = sink.open(DS1)) {
            writer.write(List.of(brushing(16)));
            writer.commit();
            writer.write(List.of(brushing(17)));
        }
        assertEquals(
                List.of(
                        "begin ds-1",
                        "insert brushing 1 toothbrush_id=tb-42 tick,tooth,percent_clean,dataset_id",
                        "flush",
                        "insert brushing 1 toothbrush_id=tb-42 tick,tooth,percent_clean,dataset_id",
                        "discard"),
                client.calls);
    }

    @Test
    @DisplayName("A writer opened and closed without commit discards the dataset's replacement too")
    void emptyUncommittedWriter_discards() {
        sink.open(DS1).close();

        assertEquals(List.of("begin ds-1", "discard"), client.calls);
    }

    @Test
    @DisplayName("P2: an extra field named like a point field is refused, never replacing it")
    void P2_extraNamedLikeAPointField_isRefused() {
        Point clash = new Point.Settings(
                1, 16, 0.5, 0.25, List.of(new ExtraField("battery", new FieldValue.FloatValue(0.1))));
        try (PointWriter writer = sink.open(DS1)) {
            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> writer.write(List.of(clash)));
            assertEquals(
                    "extra field battery of a settings point of dataset ds-1 would replace a point field",
                    refused.getMessage());
        }
    }

    @Test
    @DisplayName(
            "the sink is available exactly while its client is (the worker takes no job while the breaker is open)")
    void availability_followsTheClient() {
        RecordingClient client = new RecordingClient();
        LlamaDbPointSink sink = new LlamaDbPointSink(client);
        assertTrue(sink.available());
        client.up = false;
        assertFalse(sink.available());
    }

    private static Point brushing(long tick) {
        return new Point.Brushing(1, new BrushingEvent(tick, 3, 0.5, List.of()));
    }

    /** A client that records the calls it gets. */
    private static final class RecordingClient implements LlamaDbClient {
        final List<String> calls = new ArrayList<>();
        boolean up = true;

        @Override
        public boolean available() {
            return up;
        }

        @Override
        public String uri() {
            return "recording:";
        }

        @Override
        public void beginDataset(String toothbrushId, String datasetId) {
            calls.add("begin " + datasetId);
        }

        @Override
        public void insert(String measurement, long timeNanos, Tags tags, Fields fields) {
            StringBuilder call =
                    new StringBuilder("insert ").append(measurement).append(' ').append(timeNanos);
            for (int i = 0; i < tags.size(); i++) {
                call.append(' ').append(tags.key(i)).append('=').append(tags.value(i));
            }
            for (int i = 0; i < fields.size(); i++) {
                call.append(i == 0 ? ' ' : ',').append(fields.key(i));
            }
            calls.add(call.toString());
        }

        @Override
        public void flush() {
            calls.add("flush");
        }

        @Override
        public void discard() {
            calls.add("discard");
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }
}
