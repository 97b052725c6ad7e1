package toothbrush.ingest.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static toothbrush.ingest.application.testing.TestLines.brushing;
import static toothbrush.ingest.application.testing.TestLines.settings;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.testing.InMemoryDatasetReader;
import toothbrush.ingest.application.testing.InMemoryPointSink;
import toothbrush.ingest.application.testing.TestLines;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.SettingsUpdate;

class IngestProgressTest {

    @Test
    @DisplayName("progress hears the brushing bytes read and the points written after each batch")
    void progress_hearsBytesAndPointsAfterEachBatch() {
        // 1 settings point + 5 brushing points in batches of 2: batches end after points 2, 4 and 6.
        InMemoryDatasetReader reader = new InMemoryDatasetReader(
                TestLines.<BrushingEvent>lines()
                        .parsed(brushing(0), brushing(1), brushing(2), brushing(3), brushing(4))
                        .build(),
                TestLines.<SettingsUpdate>lines()
                        .parsed(settings(1_600_000_000d, 0, 0.5, 0.25))
                        .build());
        IngestService service = new IngestService(
                reader, new InMemoryPointSink(), IngestSettings.defaults().withBatchSize(2));
        List<long[]> updates = new ArrayList<>();
        Dataset dataset = new Dataset("ds-1", "tb-1", "b.csv", "s.jsonl");

        service.ingest(
                dataset, (d, bytesRead, totalBytes, points) -> updates.add(new long[] {bytesRead, totalBytes, points}));

        // Lines are 10 bytes. Point 2 (tick 0) is emitted right after its line, the 1st, was pulled: 10 bytes;
        // point 4 (tick 2) after the 3rd line: 30 bytes; the last batch after the stream ended: 50 bytes.
        assertEquals(
                List.of("10/50 bytes, 2 points", "30/50 bytes, 4 points", "50/50 bytes, 6 points"),
                updates.stream()
                        .map(u -> u[0] + "/" + u[1] + " bytes, " + u[2] + " points")
                        .toList());
    }
}
