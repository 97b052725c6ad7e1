package toothbrush.ingest.application.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The argument checks settings share. */
class ChecksTest {

    @Test
    void aPositiveDuration_isReturned() {
        Duration second = Duration.ofSeconds(1);
        assertSame(second, Checks.requirePositive(second, "wait"));
        assertSame(second, Checks.requirePositive(second, "wait", ", was "));
    }

    @Test
    void zeroNegativeAndNull_areRefusedWithTheName() {
        assertEquals(
                "wait must be positive: PT0S",
                assertThrows(IllegalArgumentException.class, () -> Checks.requirePositive(Duration.ZERO, "wait"))
                        .getMessage());
        assertEquals(
                "wait must be positive, was PT-1S",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Checks.requirePositive(Duration.ofSeconds(-1), "wait", ", was "))
                        .getMessage());
        assertEquals(
                "wait",
                assertThrows(NullPointerException.class, () -> Checks.requirePositive(null, "wait"))
                        .getMessage());
    }
}
