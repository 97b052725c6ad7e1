package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link Fields} keeps typed values in order and is reused point after point. */
class FieldsTest {

    @Test
    @DisplayName("Fields keep their order and types, grow past their first capacity, and clear for reuse")
    void fields_keepOrderAndTypes_andClear() {
        Fields fields = new Fields();
        for (int round = 0; round < 2; round++) {
            fields.clear()
                    .addLong("tick", 16)
                    .addDouble("percent_clean", 0.5)
                    .addString("dataset_id", "ds-1")
                    .addBoolean("charging", true);
            for (int i = 0; i < 10; i++) {
                fields.addDouble("extra" + i, i);
            }
            assertEquals(14, fields.size());
            assertEquals("tick", fields.key(0));
            assertEquals(Fields.Type.INTEGER, fields.type(0));
            assertEquals(16, fields.longValue(0));
            assertEquals(0.5, fields.doubleValue(1));
            assertEquals("ds-1", fields.stringValue(2));
            assertEquals(true, fields.booleanValue(3));
            assertEquals("extra9", fields.key(13));
            assertEquals(9.0, fields.doubleValue(13));
        }
    }

    @Test
    @DisplayName("Non-finite floats, empty keys and wrong-type reads are refused")
    void invalidUse_isRefused() {
        Fields fields = new Fields();
        assertThrows(IllegalArgumentException.class, () -> fields.addDouble("f", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> fields.addDouble("f", Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> fields.addLong("", 1));
        fields.addLong("tick", 1);
        assertThrows(IllegalStateException.class, () -> fields.doubleValue(0));
        assertThrows(IndexOutOfBoundsException.class, () -> fields.key(1));
    }
}
