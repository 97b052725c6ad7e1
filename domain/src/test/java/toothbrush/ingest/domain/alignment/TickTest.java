package toothbrush.ingest.domain.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TickTest {

    @Test
    void B4_tickOutsideZeroTo2Pow53_isAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> Tick.of(-1));
        assertThrows(IllegalArgumentException.class, () -> Tick.of((1L << 53) + 1));
        assertEquals(1L << 53, Tick.of(1L << 53).value());
        assertEquals(0, Tick.of(0).value());
    }

    @Test
    void B8_S7_aJumpOfExactly10000_isPlausible_andOf10001_isNot() {
        // 10,100 = 100 + 10,000 is allowed; 10,101 = 100 + 10,001 is "more than 10,000 beyond".
        assertFalse(Tick.of(10_100).isImplausiblyFarAfter(Tick.of(100)));
        assertTrue(Tick.of(10_101).isImplausiblyFarAfter(Tick.of(100)));
        assertFalse(Tick.of(5).isImplausiblyFarAfter(Tick.of(100)));
    }

    @Test
    void ticks_compareByValue() {
        assertTrue(Tick.of(3).compareTo(Tick.of(4)) < 0);
        assertEquals(0, Tick.of(4).compareTo(Tick.of(4)));
        assertEquals("42", Tick.of(42).toString());
    }
}
