package toothbrush.ingest.application.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.application.testing.ListLineStream;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.rules.RejectReason;

class BrushingLinesTest {
    private static final ExtraField PRESSURE = new ExtraField("pressure", new FieldValue.FloatValue(2.0));

    private static ListLineStream<BrushingEvent> lines() {
        return new ListLineStream<>(List.of(
                new ParsedLine.Header<>(1),
                new ParsedLine.Parsed<>(2, new BrushingEvent(16, 3, 0.5, List.of(PRESSURE))),
                new ParsedLine.Blank<>(3),
                new ParsedLine.Rejected<>(4, RejectReason.BAD_TOOTH),
                new ParsedLine.Parsed<>(5, new BrushingEvent(17, 4, 1.0, List.of()))));
    }

    @Test
    void over_aValueStream_givesEachLinesKindNumberAndValues() {
        BrushingLines cursor = BrushingLines.over(lines());
        assertThrows(IllegalStateException.class, cursor::kind);
        assertTrue(cursor.advance());
        assertEquals(LineKind.HEADER, cursor.kind());
        assertEquals(1, cursor.lineNumber());
        assertTrue(cursor.advance());
        assertEquals(LineKind.PARSED, cursor.kind());
        assertEquals(2, cursor.lineNumber());
        assertEquals(16, cursor.tick());
        assertEquals(3, cursor.tooth());
        assertEquals(0.5, cursor.percentClean());
        assertEquals(List.of(PRESSURE), cursor.extras());
        assertThrows(IllegalStateException.class, cursor::reason);
        assertTrue(cursor.advance());
        assertEquals(LineKind.BLANK, cursor.kind());
        assertThrows(IllegalStateException.class, cursor::tick);
        assertTrue(cursor.advance());
        assertEquals(LineKind.REJECTED, cursor.kind());
        assertEquals(RejectReason.BAD_TOOTH, cursor.reason());
        assertEquals(new ParsedLine.Parsed<>(5, new BrushingEvent(17, 4, 1.0, List.of())), cursor.next());
        assertEquals(17, cursor.tick());
        assertFalse(cursor.advance());
        assertNull(cursor.next());
    }

    @Test
    void over_aCursor_isThatCursor() {
        BrushingLines cursor = BrushingLines.over(lines());
        assertSame(cursor, BrushingLines.over(cursor));
    }

    @Test
    void over_passesByteCountsAndCloseThrough() {
        ListLineStream<BrushingEvent> stream = lines();
        BrushingLines cursor = BrushingLines.over(stream);
        while (cursor.advance()) {
            // read to the end
        }
        assertEquals(stream.bytesRead(), cursor.bytesRead());
        assertEquals(stream.totalBytes(), cursor.totalBytes());
        cursor.close();
        assertTrue(stream.closed());
    }
}
