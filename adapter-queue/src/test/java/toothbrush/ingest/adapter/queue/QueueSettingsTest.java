package toothbrush.ingest.adapter.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Queue settings: the defaults and the backoff arithmetic. */
class QueueSettingsTest {
    private final QueueSettings settings = QueueSettings.defaults();

    @Test
    @DisplayName("defaults: 5 min lease, 5 attempts, backoff 10 s doubling up to 15 min, the UTC system clock")
    void defaults_areTheNamedConstants() {
        assertEquals(Duration.ofMinutes(5), settings.leaseTimeout());
        assertEquals(5, settings.maxAttempts());
        assertEquals(Duration.ofSeconds(10), settings.backoffBase());
        assertEquals(Duration.ofMinutes(15), settings.backoffCap());
        assertEquals(Clock.systemUTC(), settings.clock());
    }

    @ParameterizedTest(name = "failure {0}, random {1}: {2} ms")
    @CsvSource({
        // d = min(15 min, 10 s * 2^(n-1)); delay = d/2 + random * d/2
        "1, 0.0, 5000",
        "1, 0.5, 7500",
        "1, 0.999, 9995",
        "2, 0.0, 10000",
        "3, 0.5, 30000",
        "7, 0.0, 320000",
        "8, 0.0, 450000", // 1280 s capped at 900 s
        "8, 0.5, 675000",
        "64, 0.0, 450000", // no overflow for absurd attempt counts
        "2147483647, 0.25, 562500",
    })
    void retryDelay_isExponentialWithEqualJitterAndCapped(int failures, double random, long expectedMillis) {
        assertEquals(Duration.ofMillis(expectedMillis), settings.retryDelay(failures, random));
    }

    @Test
    @DisplayName("invalid settings are refused with the field named")
    void invalidSettings_areRefused() {
        Clock clock = Clock.systemUTC();
        assertEquals(
                "leaseTimeout must be positive, was PT0S",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new QueueSettings(
                                        Duration.ZERO, 5, Duration.ofSeconds(1), Duration.ofSeconds(2), clock))
                        .getMessage());
        assertEquals(
                "maxAttempts must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> settings.withMaxAttempts(0))
                        .getMessage());
        assertEquals(
                "backoffCap PT1S must not be below backoffBase PT2S",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> settings.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                        .getMessage());
        assertThrows(NullPointerException.class, () -> settings.withClock(null));
        assertThrows(IllegalArgumentException.class, () -> settings.retryDelay(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> settings.retryDelay(1, 1.0));
    }
}
