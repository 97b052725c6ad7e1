package toothbrush.ingest.adapter.streams;

import toothbrush.ingest.domain.rules.NumberSyntax;

/**
 * Splits one CSV line into trimmed fields by SPEC B1, in place and without allocating.
 *
 * <p>Hand-written rather than FastCSV because B1 differs from RFC 4180 as FastCSV implements it in
 * three places: a record never spans lines (L2); whitespace before an opening quote makes the field
 * unquoted ({@code  "a"} is the text {@code "a"}); whitespace after a closing quote is allowed while
 * any other character there makes the line malformed. And a per-line tokenizer over the line reader's
 * bytes must not allocate on the hot path (FastCSV builds a {@code String} per field). FastCSV stays in
 * the tests as the oracle for the lines on which B1 and RFC 4180 agree.
 *
 * <p>Fields are ranges of the line's own bytes: a quoted field's {@code ""} pairs are rewritten to
 * {@code "} in place, so the line's bytes change. Field ranges stay valid until the next {@link #tokenize}.
 */
final class CsvLineTokenizer {
    /** {@link #tokenize} result for a B1 quoting error. */
    static final int MALFORMED = -1;

    private static final byte COMMA = ',';
    private static final byte QUOTE = '"';

    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int count;

    /**
     * Splits {@code b[from, to)}.
     *
     * @return the number of fields (at least 1), or {@link #MALFORMED} for an unclosed quote or
     *     anything but whitespace between a closing quote and the next comma or the end of the line
     */
    int tokenize(byte[] b, int from, int to) {
        count = 0;
        int i = from;
        while (true) {
            if (i < to && b[i] == QUOTE) {
                int write = i + 1;
                int read = i + 1;
                boolean closed = false;
                while (read < to) {
                    byte c = b[read];
                    if (c == QUOTE) {
                        if (read + 1 < to && b[read + 1] == QUOTE) {
                            b[write++] = QUOTE;
                            read += 2;
                            continue;
                        }
                        closed = true;
                        read++;
                        break;
                    }
                    if (write != read) {
                        b[write] = c;
                    }
                    write++;
                    read++;
                }
                if (!closed) {
                    count = 0;
                    return MALFORMED;
                }
                int contentStart = NumberSyntax.trimStart(b, i + 1, write);
                add(contentStart, NumberSyntax.trimEnd(b, contentStart, write));
                read = NumberSyntax.trimStart(b, read, to);
                if (read == to) {
                    return count;
                }
                if (b[read] != COMMA) {
                    count = 0;
                    return MALFORMED;
                }
                i = read + 1;
            } else {
                int j = i;
                while (j < to && b[j] != COMMA) {
                    j++;
                }
                int fieldStart = NumberSyntax.trimStart(b, i, j);
                add(fieldStart, NumberSyntax.trimEnd(b, fieldStart, j));
                if (j == to) {
                    return count;
                }
                i = j + 1;
            }
        }
    }

    private void add(int start, int end) {
        if (count == starts.length) {
            starts = java.util.Arrays.copyOf(starts, count * 2);
            ends = java.util.Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    /** Fields of the last line tokenized (0 after a malformed one). */
    int count() {
        return count;
    }

    /** Start of field {@code i} (trimmed, quotes removed). */
    int start(int i) {
        return starts[i];
    }

    /** End of field {@code i}. */
    int end(int i) {
        return ends[i];
    }
}
