package toothbrush.ingest.application.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one backoff policy: exponential, capped, spread by a symmetric jitter, capped again. */
class BackoffTest {

    /** Was HttpLineProtocolClientTest.backoff_growsExponentiallyWithJitter: same values, now for the shared policy. */
    @Test
    @DisplayName("Backoff: initial * multiplier^(attempt-1), capped, randomized by +-jitter")
    void backoff_growsExponentiallyWithJitter() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofMillis(30_000), 2.0, 0.5);
        assertEquals(500, backoff.delayMillis(1, 0.5));
        assertEquals(250, backoff.delayMillis(1, 0.0));
        assertEquals(750, backoff.delayMillis(1, 1.0));
        assertEquals(4_000, backoff.delayMillis(4, 0.5));
        assertEquals(30_000, backoff.delayMillis(7, 0.9));
        assertEquals(15_000, backoff.delayMillis(20, 0.0));
    }

    @Test
    @DisplayName("without jitter: the plain exponential up to the cap, to the nanosecond, whatever the draw")
    void withoutJitter_theExponentialIsExact() {
        Backoff doubling = Backoff.doubling(Duration.ofNanos(100_000_001), Duration.ofMillis(400));
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 4; attempt++) {
            waits.add(doubling.delay(attempt));
        }
        assertEquals(
                List.of(
                        Duration.ofNanos(100_000_001),
                        Duration.ofNanos(200_000_002),
                        Duration.ofMillis(400),
                        Duration.ofMillis(400)),
                waits);
        assertEquals(Duration.ofMillis(400), doubling.delay(Integer.MAX_VALUE, 0.3), "no overflow");
    }

    @Test
    @DisplayName("a jittered wait stays within [d(1 - jitter), d(1 + jitter)] and never above max")
    void jitter_staysInItsRange() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), 2.0, 0.5);
        for (int i = 0; i < 1_000; i++) {
            long first = backoff.delayMillis(1);
            long capped = backoff.delayMillis(9);
            assertTrue(first >= 100 && first <= 300, "first wait " + first);
            assertTrue(capped >= 5_000 && capped <= 10_000, "capped wait " + capped);
        }
    }

    @Test
    @DisplayName("nonsense is refused, naming the part")
    void invalid_isRefused() {
        assertEquals(
                "initial must be positive: PT0S",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2.0, 0.5))
                        .getMessage());
        assertEquals(
                "multiplier must be finite and >= 1: 0.5",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0.5))
                        .getMessage());
        assertEquals(
                "jitter must be in [0, 1): 1.0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 2.0, 1.0))
                        .getMessage());
        Backoff backoff = Backoff.doubling(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThrows(IllegalArgumentException.class, () -> backoff.delay(0));
        assertThrows(IllegalArgumentException.class, () -> backoff.delay(1, 1.5));
    }
}
