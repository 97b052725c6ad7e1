package toothbrush.ingest.generator;

/** Writes non-negative numbers as ASCII digits into a byte array: no String, no String.format. */
final class Ascii {
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L};

    private Ascii() {}

    /** Writes {@code value} (>= 0) at {@code at}; returns the index after the last digit. */
    static int putLong(byte[] dst, int at, long value) {
        int end = at + digits(value);
        long v = value;
        int i = end;
        do {
            long q = v / 10;
            dst[--i] = (byte) ('0' + (v - q * 10));
            v = q;
        } while (v != 0);
        return end;
    }

    /**
     * Writes {@code value / 10^scale} (value >= 0, 1 <= scale <= 6) as a decimal with at least one
     * fraction digit and no trailing zeros: (91, 2) is {@code 0.91}, (100, 2) is {@code 1.0}, (50, 3)
     * is {@code 0.05}. Returns the index after the last character.
     */
    static int putDecimal(byte[] dst, int at, long value, int scale) {
        long unit = POW10[scale];
        int i = putLong(dst, at, value / unit);
        dst[i++] = '.';
        long fraction = value % unit;
        if (fraction == 0) {
            dst[i++] = '0';
            return i;
        }
        for (long place = unit / 10; fraction != 0; place /= 10) {
            long digit = fraction / place;
            dst[i++] = (byte) ('0' + digit);
            fraction -= digit * place;
        }
        return i;
    }

    /** Copies the ASCII text {@code text} at {@code at}; returns the index after it. */
    static int putAscii(byte[] dst, int at, String text) {
        for (int k = 0; k < text.length(); k++) {
            dst[at + k] = (byte) text.charAt(k);
        }
        return at + text.length();
    }

    private static int digits(long value) {
        int n = 1;
        for (long v = value; v >= 10; v /= 10) {
            n++;
        }
        return n;
    }
}
