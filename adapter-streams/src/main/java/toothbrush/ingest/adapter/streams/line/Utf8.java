package toothbrush.ingest.adapter.streams.line;

/** L5: strict UTF-8 validation (RFC 3629) over a byte range, with an ASCII fast path. */
final class Utf8 {

    private Utf8() {}

    /**
     * True if {@code [from, to)} is well-formed UTF-8: no overlong forms, no surrogates
     * (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequence, no stray continuation byte.
     */
    static boolean isValid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            // ASCII fast path: 8 bytes at a time while all are < 0x80
            while (i + 8 <= to
                    && ((b[i] | b[i + 1] | b[i + 2] | b[i + 3] | b[i + 4] | b[i + 5] | b[i + 6] | b[i + 7]) & 0x80)
                            == 0) {
                i += 8;
            }
            if (i >= to) {
                return true;
            }
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            if (c < 0xC2) {
                return false; // continuation byte first, or overlong 2-byte lead C0/C1
            }
            if (c < 0xE0) {
                if (i + 1 >= to || !isContinuation(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c < 0xF0) {
                if (i + 2 >= to) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                if (c == 0xE0 && c1 < 0xA0) {
                    return false; // overlong
                }
                if (c == 0xED && c1 > 0x9F) {
                    return false; // surrogate U+D800..U+DFFF
                }
                if (!isContinuation(b[i + 1]) || !isContinuation(b[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (c <= 0xF4) {
                if (i + 3 >= to) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                if (c == 0xF0 && c1 < 0x90) {
                    return false; // overlong
                }
                if (c == 0xF4 && c1 > 0x8F) {
                    return false; // above U+10FFFF
                }
                if (!isContinuation(b[i + 1]) || !isContinuation(b[i + 2]) || !isContinuation(b[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false; // F5..FF never occur in UTF-8
            }
        }
        return true;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
