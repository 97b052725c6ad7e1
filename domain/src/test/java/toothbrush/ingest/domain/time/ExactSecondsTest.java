package toothbrush.ingest.domain.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExactSecondsTest {

    @Test
    void A3_seedTimestamp_isExactToTheNanosecond() {
        ExactSeconds seed = ExactSeconds.parse("1595896877.6374981");
        assertTrue(seed.isWholeNanos());
        assertEquals(1_595_896_877_637_498_100L, seed.nanos());
        assertEquals(1595896877.6374981, seed.doubleValue());
    }

    @Test
    void P3_aTimestamp_parsesWithoutBinaryNoise() {
        // Through a double it would be 1612022711592999936.
        assertEquals(
                1_612_022_711_593_000_000L, ExactSeconds.parse("1612022711.593").roundedNanos());
    }

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({
        "0, 0",
        "0.0, 0",
        "1, 1000000000",
        "0.1, 100000000",
        "0.000000001, 1",
        "60, 60000000000",
        "0.25000000000000000000, 250000000",
        "1.5e9, 1500000000000000000",
        "16e-1, 1600000000",
        "1E+2, 100000000000",
        "1595896877637498100e-9, 1595896877637498100",
        "9223372036.854775807, 9223372036854775807",
        "000001.5, 1500000000"
    })
    @DisplayName("A3: decimals of at most 9 places, plain or with an exponent, are whole nanoseconds")
    void A3_shortDecimals_areWholeNanoseconds(String text, long nanos) {
        ExactSeconds value = ExactSeconds.parse(text);
        assertTrue(value.isWholeNanos(), text);
        assertEquals(nanos, value.nanos(), text);
        assertEquals(Double.parseDouble(text), value.doubleValue(), text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "0.333333333333",
        "1600000000.0000000005",
        "1e-320",
        "9223372036.854775808",
        "123456789012345678901234.5",
        "0.1000000000000000000001"
    })
    @DisplayName("A3: other values are kept exactly as BigDecimal")
    void A3_otherValues_areKeptExactly(String text) {
        ExactSeconds value = ExactSeconds.parse(text);
        assertFalse(value.isWholeNanos(), text);
        assertEquals(0, new BigDecimal(text).compareTo(value.toBigDecimal()), text);
        assertEquals(Double.parseDouble(text), value.doubleValue(), text);
        assertThrows(ArithmeticException.class, value::nanos);
    }

    @Test
    void P3_roundsOnceToTheNanosecond_halfToEven() {
        assertEquals(
                1_600_000_000_000_000_000L,
                ExactSeconds.parse("1600000000.0000000005").roundedNanos());
        assertEquals(
                1_600_000_000_000_000_002L,
                ExactSeconds.parse("1600000000.0000000015").roundedNanos());
        assertEquals(
                1_600_000_000_000_000_001L,
                ExactSeconds.parse("1600000000.00000000050001").roundedNanos());
        assertEquals(333_333_333L, ExactSeconds.parse("0.333333333333").roundedNanos());
    }

    @Test
    void equalValues_areEqualWhateverTheirText() {
        assertEquals(ExactSeconds.parse("0.1"), ExactSeconds.parse("1e-1"));
        assertEquals(ExactSeconds.parse("0.1"), ExactSeconds.parse("0.100000000000"));
        assertEquals(
                ExactSeconds.parse("0.1").hashCode(), ExactSeconds.parse("1e-1").hashCode());
        assertEquals(ExactSeconds.parse("0.3333333333330"), ExactSeconds.parse("0.333333333333"));
        assertEquals(ExactSeconds.ofNanos(250_000_000), ExactSeconds.of(0.25));
        assertEquals(ExactSeconds.of(new BigDecimal("100")), ExactSeconds.parse("1E+2"));
    }

    @Test
    void toBigDecimal_hasNoTrailingZerosAndNoExponent() {
        assertEquals("3.65", ExactSeconds.parse("3.650").toString());
        assertEquals("100", ExactSeconds.parse("1e2").toString());
        assertEquals("0", ExactSeconds.ZERO.toString());
        assertEquals(
                new BigDecimal("1595896997.84"),
                ExactSeconds.parse("1595896997.840000000").toBigDecimal());
    }

    @Test
    void sumsAndComparisons_areExact() {
        assertEquals(
                ExactSeconds.parse("1595896997.84"),
                ExactSeconds.parse("1595896997.59").plus(ExactSeconds.parse("0.25")));
        assertEquals(
                ExactSeconds.parse("0.6666666666660000000001"),
                ExactSeconds.parse("0.333333333333").plus(ExactSeconds.parse("0.3333333333330000000001")));
        assertTrue(ExactSeconds.parse("0.3333333333331").compareTo(ExactSeconds.parse("0.333333333333")) > 0);
        assertEquals(
                0,
                ExactSeconds.ofNanos(Long.MAX_VALUE)
                        .plus(ExactSeconds.ofNanos(1))
                        .toBigDecimal()
                        .compareTo(new BigDecimal("9223372036.854775808")));
    }

    @Test
    @DisplayName("V4: differences are exact, on either representation, and never negative")
    void differences_areExact() {
        assertEquals(ExactSeconds.parse("1.4"), ExactSeconds.parse("3.65").minus(ExactSeconds.parse("2.25")));
        assertEquals(
                ExactSeconds.parse("0.0000000000000000000001"),
                ExactSeconds.parse("0.3333333333330000000001").minus(ExactSeconds.parse("0.333333333333")));
        ExactSeconds beyondALong = ExactSeconds.ofNanos(Long.MAX_VALUE).plus(ExactSeconds.ofNanos(5));
        assertEquals(ExactSeconds.ofNanos(Long.MAX_VALUE - 1), beyondALong.minus(ExactSeconds.ofNanos(6)));
        assertEquals(ExactSeconds.ZERO, ExactSeconds.parse("0.25").minus(ExactSeconds.parse("0.25")));
        assertThrows(
                IllegalArgumentException.class, () -> ExactSeconds.parse("0.25").minus(ExactSeconds.parse("0.5")));
        assertThrows(
                IllegalArgumentException.class,
                () -> ExactSeconds.parse("0.25").minus(ExactSeconds.parse("0.2500000000001")));
    }

    @Test
    void negativeOrNonNumbers_areProgrammingErrors() {
        assertThrows(IllegalArgumentException.class, () -> ExactSeconds.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> ExactSeconds.ofNanos(-1));
        assertThrows(NumberFormatException.class, () -> ExactSeconds.parse("1.2.3"));
        assertThrows(NumberFormatException.class, () -> ExactSeconds.parse(""));
    }
}
