package toothbrush.ingest.adapter.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stream settings: documented defaults, withers, and a message naming a wrong setting. */
class StreamSettingsTest {

    @Test
    void defaults_areTheDocumentedValues() {
        StreamSettings d = StreamSettings.defaults();
        assertEquals(
                new StreamSettings(
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        8,
                        Duration.ofMillis(200),
                        2.0,
                        Duration.ofSeconds(10),
                        0.5),
                d);
        assertEquals(Duration.ofSeconds(10), StreamSettings.DEFAULT_CONNECT_TIMEOUT);
        assertEquals(Duration.ofSeconds(30), StreamSettings.DEFAULT_READ_TIMEOUT);
        assertEquals(8, StreamSettings.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void withers_changeOneSettingEach() {
        StreamSettings d = StreamSettings.defaults();
        assertEquals(
                Duration.ofSeconds(3),
                d.withConnectTimeout(Duration.ofSeconds(3)).connectTimeout());
        assertEquals(
                Duration.ofMillis(500),
                d.withReadTimeout(Duration.ofMillis(500)).readTimeout());
        assertEquals(2, d.withMaxAttempts(2).maxAttempts());
        StreamSettings b = d.withBackoff(Duration.ofMillis(5), 3.0, Duration.ofSeconds(1), 0.0);
        assertEquals(
                new StreamSettings(
                        d.connectTimeout(), d.readTimeout(), 8, Duration.ofMillis(5), 3.0, Duration.ofSeconds(1), 0.0),
                b);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0|30000|8|200|2|10000|0.5|connectTimeout must be positive: PT0S",
                "10000|-1|8|200|2|10000|0.5|readTimeout must be positive: PT-0.001S",
                "10000|30000|0|200|2|10000|0.5|maxAttempts must be >= 1: 0",
                "10000|30000|8|0|2|10000|0.5|backoffInitial must be positive: PT0S",
                "10000|30000|8|200|0.5|10000|0.5|backoffMultiplier must be finite and >= 1: 0.5",
                "10000|30000|8|200|NaN|10000|0.5|backoffMultiplier must be finite and >= 1: NaN",
                "10000|30000|8|200|2|100|0.5|backoffMax must be >= backoffInitial: PT0.1S < PT0.2S",
                "10000|30000|8|200|2|10000|1.0|backoffJitter must be in [0, 1): 1.0",
                "10000|30000|8|200|2|10000|-0.1|backoffJitter must be in [0, 1): -0.1"
            })
    void aWrongSetting_isNamed(
            long connect,
            long read,
            int attempts,
            long initial,
            double multiplier,
            long max,
            double jitter,
            String message) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new StreamSettings(
                        Duration.ofMillis(connect),
                        Duration.ofMillis(read),
                        attempts,
                        Duration.ofMillis(initial),
                        multiplier,
                        Duration.ofMillis(max),
                        jitter));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aSubMillisecondBackoff_isRefused_asTheRetryLibraryWould() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> StreamSettings.defaults().withBackoff(Duration.ofNanos(500), 2.0, Duration.ofSeconds(1), 0.5));
        assertEquals("backoffInitial must be >= 1 ms: PT0.0000005S", e.getMessage());
    }
}
