package toothbrush.ingest.domain.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static toothbrush.ingest.domain.alignment.Fixtures.flag;
import static toothbrush.ingest.domain.alignment.Fixtures.number;
import static toothbrush.ingest.domain.alignment.Fixtures.text;

import java.util.List;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;

class FieldTypePinsTest {

    private final FieldTypePins pins = new FieldTypePins();

    @Test
    void anEmptyListAllocatesNothing() {
        FieldTypePins.Filtered first = pins.filter(List.of());
        assertSame(first, pins.filter(List.of()));
        assertEquals(0, first.dropped());
        assertEquals(List.of(), first.kept());
    }

    @Test
    void B3_S8_unpinnedFieldsAreKept_andFilterPinsNothing() {
        List<ExtraField> extras = List.of(text("note", "a"), number("pressure", 2.0));
        FieldTypePins.Filtered filtered = pins.filter(extras);
        assertSame(extras, filtered.kept());
        assertEquals(0, filtered.dropped());
        assertNull(pins.pinnedType("note"));
    }

    @Test
    void B3_S8_theFirstPinnedTypeWins_andOtherTypesAreDroppedAndCounted() {
        pins.pin(List.of(text("note", "a"), number("pressure", 2.0)));
        pins.pin(List.of(number("note", 1.0), flag("mode", true)));
        assertEquals(FieldValue.Type.STRING, pins.pinnedType("note"));
        assertEquals(FieldValue.Type.FLOAT, pins.pinnedType("pressure"));
        assertEquals(FieldValue.Type.BOOLEAN, pins.pinnedType("mode"));

        FieldTypePins.Filtered filtered = pins.filter(List.of(
                number("note", 3.0), number("pressure", 4.0), text("mode", "on"), text("fresh", "x")));
        // note (float vs string) and mode (string vs boolean) are dropped: 2.
        assertEquals(2, filtered.dropped());
        assertEquals(List.of(number("pressure", 4.0), text("fresh", "x")), filtered.kept());
    }
}
