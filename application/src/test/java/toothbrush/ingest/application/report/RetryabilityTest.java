package toothbrush.ingest.application.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one HTTP rule: what status is worth another attempt. */
class RetryabilityTest {

    @ParameterizedTest(name = "HTTP {0}: {1}")
    @CsvSource({
        "408, RETRYABLE",
        "429, RETRYABLE",
        "500, RETRYABLE",
        "503, RETRYABLE",
        "599, RETRYABLE",
        "200, PERMANENT",
        "400, PERMANENT",
        "401, PERMANENT",
        "404, PERMANENT",
        "410, PERMANENT",
        "413, PERMANENT",
        "600, PERMANENT",
    })
    void httpStatus_decidesRetryability(int status, Retryability expected) {
        assertEquals(expected, Retryability.ofHttpStatus(status));
    }
}
