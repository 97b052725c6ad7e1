package toothbrush.ingest.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The digit writers produce the number texts the generated streams are made of. */
class AsciiTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0, 0", "7, 7", "10, 10", "1234567890123, 1234567890123", "9223372036854775807, 9223372036854775807"})
    void putLong_writesDecimalDigits(long value, String expected) {
        byte[] buffer = new byte[32];
        int end = Ascii.putLong(buffer, 3, value);
        assertEquals(expected, new String(buffer, 3, end - 3, StandardCharsets.US_ASCII));
    }

    @ParameterizedTest(name = "{0} / 10^{1} -> {2}")
    @CsvSource({
        "91, 2, 0.91",
        "90, 2, 0.9",
        "100, 2, 1.0",
        "5, 2, 0.05",
        "0, 3, 0.0",
        "50, 3, 0.05",
        "1000, 3, 1.0",
        "897, 3, 0.897",
        "250000, 6, 0.25",
        "125000, 6, 0.125",
        "1595896877637000, 6, 1595896877.637",
        "1595896907637200, 6, 1595896907.6372",
        "1578020473753925, 6, 1578020473.753925"
    })
    void putDecimal_writesOneFractionDigitAtLeastAndNoTrailingZeros(long value, int scale, String expected) {
        byte[] buffer = new byte[32];
        int end = Ascii.putDecimal(buffer, 0, value, scale);
        assertEquals(expected, new String(buffer, 0, end, StandardCharsets.US_ASCII));
    }
}
