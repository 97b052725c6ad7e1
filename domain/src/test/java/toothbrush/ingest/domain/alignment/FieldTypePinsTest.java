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
    void anEmptyList_allocatesNothing() {
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

        FieldTypePins.Filtered filtered = pins.filter(
                List.of(number("note", 3.0), number("pressure", 4.0), text("mode", "on"), text("fresh", "x")));
        // note (float vs string) and mode (string vs boolean) are dropped: 2.
        assertEquals(2, filtered.dropped());
        assertEquals(List.of(number("pressure", 4.0), text("fresh", "x")), filtered.kept());
    }

    @Test
    void U4_B3_S8_pastTheNameCap_newNamesAreDroppedLeftToRight_whilePinnedNamesStayKept() {
        FieldTypePins capped = new FieldTypePins(3);
        capped.pin(List.of(text("a", "x"), number("b", 1.0)));

        // One name of room: "c" takes it, "d" and "e" are dropped; "a" (pinned, same type) is kept.
        FieldTypePins.Filtered filtered =
                capped.filter(List.of(text("c", "1"), text("a", "y"), number("d", 2.0), text("e", "z")));
        assertEquals(List.of(text("c", "1"), text("a", "y")), filtered.kept());
        assertEquals(2, filtered.dropped());
        capped.pin(filtered.kept());
        assertEquals(3, capped.pinnedNames());

        // Full: every new name is dropped, a pinned one of the wrong type too, the rest kept.
        FieldTypePins.Filtered full = capped.filter(List.of(number("a", 3.0), number("b", 4.0), text("f", "q")));
        assertEquals(List.of(number("b", 4.0)), full.kept());
        assertEquals(2, full.dropped());
        assertNull(capped.pinnedType("d"));
    }

    @Test
    void U4_theDefaultCapIs1024Names_andMemoryStopsGrowingThere() {
        for (int event = 0; event < 50; event++) {
            List<ExtraField> extras = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                extras.add(number("k" + event + "_" + i, i));
            }
            FieldTypePins.Filtered filtered = pins.filter(extras);
            pins.pin(filtered.kept());
            int pinnedBefore = Math.min(event * 100, 1_024);
            assertEquals(Math.max(0, pinnedBefore + 100 - 1_024), filtered.dropped(), "event " + event);
        }
        assertEquals(1_024, pins.pinnedNames());
    }
}
