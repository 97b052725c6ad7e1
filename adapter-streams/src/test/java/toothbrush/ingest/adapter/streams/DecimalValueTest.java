package toothbrush.ingest.adapter.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The percent's fast decimal path gives exactly the double {@link Double#parseDouble} gives for B6
 * text, and NaN for any other text.
 */
class DecimalValueTest {

    private static double value(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return BrushingCsvParser.decimalValue(b, 0, b.length);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "1",
                "0.5",
                ".5",
                "5.",
                "0.1",
                "0.3",
                "0.7",
                "1.0",
                "-0.0",
                "+0.25",
                "-1",
                "0.123456789012345",
                "123456789012345",
                "1234567890123456",
                "0.1234567890123456",
                "9007199254740993",
                "1e-1",
                "5E-1",
                "1e400",
                "1e-400",
                "0000000000000000000.5",
                "0.00000000000000000001",
                "999999999999999.9"
            })
    void B6_value_isSameAsParseDouble(String text) {
        assertEquals(
                Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(value(text)), text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "+",
                "-",
                ".",
                "+.",
                "-.",
                "1..2",
                "1.2.3",
                "..5",
                "1e",
                "1e+",
                "e5",
                ".e5",
                "0x1",
                "NaN",
                "Infinity",
                "-Infinity",
                "1_000",
                "1,5",
                " 1",
                "1 ",
                "1f",
                "1d",
                "++1",
                "+-1",
                "1-",
                "١"
            })
    @DisplayName("B6: text that is not B6 syntax is NaN, whatever Double.parseDouble makes of it")
    void B6_otherText_isNaN(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(Double.NaN, BrushingCsvParser.decimalValue(b, 0, b.length), text);
    }

    @Test
    @DisplayName("B6: random strings of sign, digit, dot, exponent and other characters: parseDouble's value when"
            + " B6 accepts them, else NaN")
    void B6_randomText_isParseDoubleOrNaN() {
        Random random = new Random(66);
        String alphabet = "0123456789..+-eE x";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            double expected = toothbrush.ingest.domain.rules.NumberSyntax.isDecimal(b, 0, b.length)
                    ? Double.parseDouble(text)
                    : Double.NaN;
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(value(text)), text);
        }
    }

    @Test
    @DisplayName("B6: random plain decimals parse to the same double as Double.parseDouble")
    void B6_randomDecimals_sameAsParseDouble() {
        Random random = new Random(6);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            if (random.nextInt(4) == 0) {
                sb.append(random.nextBoolean() ? '-' : '+');
            }
            int intDigits = random.nextInt(9);
            int fracDigits = random.nextInt(12);
            for (int d = 0; d < intDigits; d++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
            if (fracDigits > 0 || intDigits == 0) {
                sb.append('.');
                for (int d = 0; d < Math.max(fracDigits, intDigits == 0 ? 1 : 0); d++) {
                    sb.append((char) ('0' + random.nextInt(10)));
                }
            }
            String text = sb.toString();
            assertEquals(
                    Double.doubleToRawLongBits(Double.parseDouble(text)),
                    Double.doubleToRawLongBits(value(text)),
                    text);
        }
    }
}
