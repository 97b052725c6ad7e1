package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.application.port.PointSink;
import toothbrush.ingest.application.port.PointWriter;
import toothbrush.ingest.application.testing.AbstractPointSinkContractTest;
import toothbrush.ingest.application.testing.StoredPoint;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.point.Point;

/** The {@code lp:PATH} sink passes the point-sink contract, and writes the exact lines SPEC shows. */
class LineProtocolPointSinkTest extends AbstractPointSinkContractTest {

    @TempDir
    Path dir;

    private Path file;
    private LlamaDbClient client;
    private PointSink sink;

    @BeforeEach
    void connect() {
        file = dir.resolve("points.lp");
        reconnect();
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
    protected List<StoredPoint> storedPoints() {
        List<StoredPoint> points = new ArrayList<>();
        for (String line : lines()) {
            points.add(LineProtocolReader.parse(line));
        }
        return points;
    }

    @Override
    protected boolean discardsUncommittedPoints() {
        return true;
    }

    /** A retried job is a new process: its connect truncates the output. */
    @Override
    protected void prepareRetry() {
        client.close();
        reconnect();
    }

    @Test
    @DisplayName("P1, P2, line protocol: the SPEC example lines, byte for byte")
    void specExampleLines_areWrittenExactly() {
        write(DS1, List.of(brushing(SPEC_TIME, 16, 3, 0.5), new Point.Settings(SPEC_TIME, 16, 0.91, 0.25, List.of())));

        assertEquals(
                List.of(
                        "brushing,toothbrush_id=tb-42 tick=16i,tooth=3i,percent_clean=0.5,dataset_id=\"ds-1\" 1595896877637498000",
                        "settings,toothbrush_id=tb-42 tick=16i,battery=0.91,tick_interval=0.25,dataset_id=\"ds-1\" 1595896877637498000"),
                lines());
    }

    @Test
    @DisplayName("P1, P2, B3, S8: extra fields follow the point's own fields, in their order, floats as 2.0")
    void extraFields_followInTheirOrder() {
        Point brushing = new Point.Brushing(
                SPEC_TIME,
                new BrushingEvent(
                        16,
                        3,
                        0.5,
                        List.of(
                                new ExtraField("pressure", new FieldValue.FloatValue(2.0)),
                                new ExtraField("mode", new FieldValue.StringValue("a \"b\"")))));
        Point settings = new Point.Settings(
                SPEC_TIME,
                16,
                null,
                0.25,
                List.of(
                        new ExtraField("firmware", new FieldValue.FloatValue(2)),
                        new ExtraField("charging", new FieldValue.BooleanValue(true))));

        write(DS1, List.of(brushing, settings));

        assertEquals(
                List.of(
                        "brushing,toothbrush_id=tb-42 tick=16i,tooth=3i,percent_clean=0.5,dataset_id=\"ds-1\","
                                + "pressure=2.0,mode=\"a \\\"b\\\"\" 1595896877637498000",
                        "settings,toothbrush_id=tb-42 tick=16i,tick_interval=0.25,dataset_id=\"ds-1\","
                                + "firmware=2.0,charging=true 1595896877637498000"),
                lines());
    }

    @Test
    @DisplayName("lp:PATH truncates the file on connect, then appends every dataset")
    void connect_truncates_andDatasetsAppend() throws IOException {
        client.close();
        Files.writeString(file, "old line from an earlier process\n");
        reconnect();

        write(DS1, List.of(brushing(SPEC_TIME, 16, 3, 0.5)));
        write(DS2, List.of(brushing(SPEC_TIME, 17, 4, 0.75)));

        assertEquals(
                List.of(
                        "brushing,toothbrush_id=tb-42 tick=16i,tooth=3i,percent_clean=0.5,dataset_id=\"ds-1\" 1595896877637498000",
                        "brushing,toothbrush_id=tb-7 tick=17i,tooth=4i,percent_clean=0.75,dataset_id=\"ds-2\" 1595896877637498000"),
                lines());
    }

    @Test
    @DisplayName("A discarded dataset larger than the buffer is cut off the file, and the next one follows whole")
    void discardAfterTheBufferWasWritten_cutsTheFileBack() throws IOException {
        write(DS1, List.of(brushing(SPEC_TIME, 16, 3, 0.5)));
        long committedSize = Files.size(file);
        try (PointWriter writer = sink.open(DS2)) {
            List<Point> batch = new ArrayList<>();
            for (int tick = 0; tick < 30_000; tick++) {
                batch.add(brushing(SPEC_TIME + tick, tick, 0, 0.125));
            }
            writer.write(batch);
            assertEquals(
                    true,
                    Files.size(file) > LineProtocolClient.BUFFER_BYTES,
                    "the buffer was written out before the discard");
        }
        assertEquals(committedSize, Files.size(file));

        write(DS1, List.of(brushing(SPEC_TIME + 1, 17, 4, 0.75)));

        assertEquals(
                List.of(
                        "brushing,toothbrush_id=tb-42 tick=16i,tooth=3i,percent_clean=0.5,dataset_id=\"ds-1\" 1595896877637498000",
                        "brushing,toothbrush_id=tb-42 tick=17i,tooth=4i,percent_clean=0.75,dataset_id=\"ds-1\" 1595896877637498001"),
                lines());
    }

    private void reconnect() {
        client = LlamaDb.connect("lp:" + file);
        sink = new LlamaDbPointSink(client);
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
