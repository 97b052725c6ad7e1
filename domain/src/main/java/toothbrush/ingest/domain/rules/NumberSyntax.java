package toothbrush.ingest.domain.rules;

import java.nio.charset.StandardCharsets;

/**
 * The number syntaxes of SPEC.md (B4-B6) and its whitespace (L4), over ASCII bytes of a line.
 * Every method takes a half-open range {@code [from, to)} of a byte array and allocates nothing
 * unless it says so.
 */
public final class NumberSyntax {

    /** Returned by {@link #parseTick} for text that is not a valid tick. */
    public static final long INVALID = -1;

    private NumberSyntax() {}

    /** L4: whitespace is exactly space, tab, CR, VT (0x0B) and FF (0x0C). */
    public static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\r' || b == 0x0B || b == 0x0C;
    }

    /** L7: the ASCII digits only. */
    public static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    /** The first index in {@code [from, to)} that is not whitespace, or {@code to}. */
    public static int trimStart(byte[] b, int from, int to) {
        while (from < to && isWhitespace(b[from])) {
            from++;
        }
        return from;
    }

    /** The end of {@code [from, to)} with trailing whitespace removed. */
    public static int trimEnd(byte[] b, int from, int to) {
        while (to > from && isWhitespace(b[to - 1])) {
            to--;
        }
        return to;
    }

    /** True if {@code [from, to)} is empty or only whitespace (L4). */
    public static boolean isBlank(byte[] b, int from, int to) {
        return trimStart(b, from, to) == to;
    }

    /**
     * B4 (and B5's integer rule): decimal digits, optionally followed by {@code .} and zeros only,
     * value 0..2^53. Returns the value, or {@link #INVALID}.
     */
    public static long parseTick(byte[] b, int from, int to) {
        int i = from;
        long value = 0;
        while (i < to && isDigit(b[i])) {
            if (value <= Limits.MAX_TICK) {
                value = value * 10 + (b[i] - '0');
            }
            i++;
        }
        if (i == from || value > Limits.MAX_TICK) {
            return INVALID;
        }
        if (i < to) {
            if (b[i] != '.') {
                return INVALID;
            }
            i++;
            while (i < to && b[i] == '0') {
                i++;
            }
            if (i < to) {
                return INVALID;
            }
        }
        return value;
    }

    /**
     * B6 syntax: {@code [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?}. No NaN, Infinity, hex,
     * suffixes or underscores.
     */
    public static boolean isDecimal(byte[] b, int from, int to) {
        int i = from;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            i++;
        }
        int intStart = i;
        while (i < to && isDigit(b[i])) {
            i++;
        }
        int intDigits = i - intStart;
        int fracDigits = 0;
        if (i < to && b[i] == '.') {
            i++;
            int fracStart = i;
            while (i < to && isDigit(b[i])) {
                i++;
            }
            fracDigits = i - fracStart;
        }
        if (intDigits == 0 && fracDigits == 0) {
            return false;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int expStart = i;
            while (i < to && isDigit(b[i])) {
                i++;
            }
            if (i == expStart) {
                return false;
            }
        }
        return i == to;
    }

    /**
     * The value of text that {@link #isDecimal} accepts, as the nearest double (may be infinite for
     * huge exponents). Allocates one short string.
     */
    public static double decimalValue(byte[] b, int from, int to) {
        return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    }
}
