package toothbrush.ingest.domain.time;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A non-negative decimal number of seconds, exactly as written (A3: the JSON number's text, not its
 * nearest double). A value that is a whole number of nanoseconds within a {@code long} (at most 9
 * decimals, below about 9.2e9 s) is held as that {@code long}, so time arithmetic on it is integer
 * arithmetic; any other value is held as a {@link BigDecimal}. Equal values are equal objects whatever
 * text they came from ({@code 0.1}, {@code 0.100}, {@code 1e-1}).
 */
public final class ExactSeconds implements Comparable<ExactSeconds> {

    /** Zero seconds. */
    public static final ExactSeconds ZERO = ofNanos(0);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** The largest whole seconds whose nanoseconds plus 999,999,999 still fit a {@code long}. */
    private static final long MAX_FAST_SECONDS = (Long.MAX_VALUE - (NANOS_PER_SECOND - 1)) / NANOS_PER_SECOND;

    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
    };

    /** The value in nanoseconds when {@link #exact} is null. */
    private final long nanos;
    /** The value when it is not a whole number of nanoseconds within a long: no trailing zeros, scale >= 0. */
    private final BigDecimal exact;
    /** The nearest double, for validation that compares doubles (S2-S5, S7). */
    private final double nearest;

    private ExactSeconds(long nanos, BigDecimal exact, double nearest) {
        this.nanos = nanos;
        this.exact = exact;
        this.nearest = nearest;
    }

    /**
     * The value {@code nanos} nanoseconds.
     *
     * @throws IllegalArgumentException when {@code nanos} is negative
     */
    public static ExactSeconds ofNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("seconds must be >= 0: " + nanos + " ns");
        }
        return new ExactSeconds(nanos, null, nearestOfNanos(nanos));
    }

    /**
     * The value {@code seconds}, exactly.
     *
     * @throws IllegalArgumentException when {@code seconds} is negative
     */
    public static ExactSeconds of(BigDecimal seconds) {
        Objects.requireNonNull(seconds, "seconds");
        if (seconds.signum() < 0) {
            throw new IllegalArgumentException("seconds must be >= 0: " + seconds);
        }
        if (seconds.signum() == 0) {
            return ZERO;
        }
        BigDecimal stripped = seconds.stripTrailingZeros();
        // precision - scale is the number of digits before the point: below 10^19 the value may fit in nanos
        if (stripped.scale() <= 9 && stripped.precision() - stripped.scale() <= 19) {
            BigInteger inNanos = stripped.movePointRight(9).toBigIntegerExact();
            if (inNanos.bitLength() < Long.SIZE) {
                return ofNanos(inNanos.longValue());
            }
        }
        if (stripped.scale() < 0) {
            stripped = stripped.setScale(0);
        }
        return new ExactSeconds(0, stripped, stripped.doubleValue());
    }

    /**
     * The decimal that {@link Double#toString(double)} writes for {@code seconds}, whose nearest double is
     * {@code seconds} again: for tests and generators that think in doubles.
     *
     * @throws IllegalArgumentException when {@code seconds} is negative, NaN or infinite
     */
    public static ExactSeconds of(double seconds) {
        if (!Double.isFinite(seconds)) {
            throw new IllegalArgumentException("seconds must be finite: " + seconds);
        }
        return of(new BigDecimal(Double.toString(seconds)));
    }

    /**
     * The value of a JSON number's text (RFC 8259 syntax, e.g. {@code 1595896877.6374981}, {@code 16e-1}):
     * plain {@code digits[.digits]} text is read by hand, anything else by {@link BigDecimal}.
     *
     * @throws NumberFormatException when the text is not a number
     * @throws IllegalArgumentException when the number is negative
     */
    public static ExactSeconds parse(char[] text, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, text.length);
        int end = offset + length;
        int i = offset;
        long seconds = 0;
        while (i < end && isDigit(text[i])) {
            seconds = seconds * 10 + (text[i++] - '0');
            if (seconds > MAX_FAST_SECONDS) {
                return parseSlow(text, offset, length);
            }
        }
        if (i == offset) {
            return parseSlow(text, offset, length);
        }
        long fraction = 0;
        int decimals = 0;
        if (i < end && text[i] == '.') {
            i++;
            int firstDecimal = i;
            while (i < end && isDigit(text[i])) {
                if (decimals < 9) {
                    fraction = fraction * 10 + (text[i] - '0');
                    decimals++;
                } else if (text[i] != '0') {
                    return parseSlow(text, offset, length); // a tenth decimal that is not a trailing zero
                }
                i++;
            }
            if (i == firstDecimal) {
                return parseSlow(text, offset, length);
            }
        }
        if (i != end) {
            return parseSlow(text, offset, length); // an exponent, or not a number
        }
        return ofNanos(seconds * NANOS_PER_SECOND + fraction * POWERS_OF_TEN[9 - decimals]);
    }

    /**
     * As {@link #parse(char[], int, int)} for a whole text.
     *
     * @throws NumberFormatException when the text is not a number
     * @throws IllegalArgumentException when the number is negative
     */
    public static ExactSeconds parse(String text) {
        return parse(text.toCharArray(), 0, text.length());
    }

    private static ExactSeconds parseSlow(char[] text, int offset, int length) {
        return of(new BigDecimal(text, offset, length));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static double nearestOfNanos(long nanos) {
        if (nanos < 1L << 52) {
            return (double) nanos / 1e9; // both exact: one correctly rounded division
        }
        return BigDecimal.valueOf(nanos, 9).doubleValue(); // correctly rounded (through Double.parseDouble)
    }

    /**
     * {@code seconds} rounded once to the nanosecond, half to even (P3).
     *
     * @throws ArithmeticException when the result does not fit a {@code long}
     */
    public static long roundToNanos(BigDecimal seconds) {
        return seconds.setScale(9, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    /** True when the value is a whole number of nanoseconds that fits a {@code long} (the fast path). */
    public boolean isWholeNanos() {
        return exact == null;
    }

    /**
     * The value in nanoseconds.
     *
     * @throws ArithmeticException when it is not {@link #isWholeNanos() a whole number of nanoseconds}
     */
    public long nanos() {
        if (exact != null) {
            throw new ArithmeticException("not a whole number of nanoseconds within a long: " + exact.toPlainString());
        }
        return nanos;
    }

    /**
     * P3: the value rounded once to the nanosecond, half to even.
     *
     * @throws ArithmeticException when the result does not fit a {@code long}
     */
    public long roundedNanos() {
        return exact == null ? nanos : roundToNanos(exact);
    }

    /** The exact value, without trailing zeros and with a scale >= 0 (so {@code toPlainString} has no noise). */
    public BigDecimal toBigDecimal() {
        if (exact != null) {
            return exact;
        }
        BigDecimal value = BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /** The nearest double: what validation compares (S2-S5, S7). */
    public double doubleValue() {
        return nearest;
    }

    /** The exact sum. */
    public ExactSeconds plus(ExactSeconds other) {
        if (exact == null && other.exact == null) {
            long sum = nanos + other.nanos;
            if (sum >= 0) { // both are >= 0: a negative sum has overflowed
                return ofNanos(sum);
            }
        }
        return of(toBigDecimal().add(other.toBigDecimal()));
    }

    /**
     * The exact difference {@code this - other}.
     *
     * @throws IllegalArgumentException when {@code other} is larger (seconds are never negative)
     */
    public ExactSeconds minus(ExactSeconds other) {
        if (exact == null && other.exact == null) {
            return ofNanos(nanos - other.nanos); // both >= 0: no overflow; a negative result throws
        }
        return of(toBigDecimal().subtract(other.toBigDecimal()));
    }

    @Override
    public int compareTo(ExactSeconds other) {
        if (exact == null && other.exact == null) {
            return Long.compare(nanos, other.nanos);
        }
        return toBigDecimal().compareTo(other.toBigDecimal());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExactSeconds other && nanos == other.nanos && Objects.equals(exact, other.exact);
    }

    @Override
    public int hashCode() {
        return exact == null ? Long.hashCode(nanos) : exact.hashCode();
    }

    /** The value in plain decimal notation, without trailing zeros. */
    @Override
    public String toString() {
        return toBigDecimal().toPlainString();
    }
}
