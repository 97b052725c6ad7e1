package toothbrush.ingest.adapter.llamadb;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The wait a 429 or 503 response asks for in its {@code Retry-After} header (RFC 9110 10.2.3). */
final class RetryAfter {
    private RetryAfter() {}

    /** {@code Retry-After} of {@code response} in milliseconds from now; 0 when absent or unreadable. */
    static long millis(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .map(value -> millis(value, Instant.now()))
                .orElse(0L);
    }

    /**
     * A {@code Retry-After} value, in seconds or as an HTTP date, in milliseconds from {@code now}; 0 when
     * unreadable.
     */
    static long millis(String value, Instant now) {
        String text = value.trim();
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return text.length() > 9 ? Long.MAX_VALUE : Long.parseLong(text) * 1000;
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return Math.max(0, Duration.between(now, at).toMillis());
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
