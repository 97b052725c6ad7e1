package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reading Retry-After (moved here from HttpLineProtocolClientTest with {@link RetryAfter}). */
class RetryAfterTest {

    @Test
    @DisplayName("Retry-After is read as seconds or as an HTTP date")
    void retryAfter_secondsOrDate() {
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        assertEquals(3_000, RetryAfter.millis("3", now));
        assertEquals(5_000, RetryAfter.millis("Fri, 02 Jan 2026 03:04:10 GMT", now));
        assertEquals(0, RetryAfter.millis("Fri, 02 Jan 2026 03:04:00 GMT", now));
        assertEquals(0, RetryAfter.millis("soon", now));
    }
}
