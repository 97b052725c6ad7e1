package toothbrush.ingest.adapter.streams;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import toothbrush.ingest.application.port.ParsedLine;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.rules.Limits;
import toothbrush.ingest.domain.rules.NumberSyntax;
import toothbrush.ingest.domain.rules.RejectReason;

/**
 * Reads the brushing CSV stream as events: applies, in B9's order, L3, L4, L5, the B2 repeated-header
 * check, B1 quoting, the B2 header check, B3, B4, B5 and B6. B7, B8 and type pinning are the domain's.
 *
 * <p>Per line it allocates only the event, its {@code ParsedLine} and its extras (the percent is parsed
 * without a string, in one pass, when it is a plain decimal).
 */
public final class BrushingCsvParser extends InputLineStream<BrushingEvent> {
    /** Up to 15 digits: any such integer is exact as a double, and so is 10^15. */
    private static final int MAX_FAST_DIGITS = 15;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
    };

    private final CsvLineTokenizer fields = new CsvLineTokenizer();
    private BrushingColumns columns = BrushingColumns.POSITIONAL;
    /** B2: whether the one line that may be the header has been seen. */
    private boolean headerDecided;

    private byte[] firstLineText = new byte[0];

    /** Parses the lines of {@code input}; closing this closes it. */
    public BrushingCsvParser(StreamInput input) {
        super(input);
    }

    @Override
    ParsedLine<BrushingEvent> parseLine(long number, byte[] b, int start, int end) {
        int from = NumberSyntax.trimStart(b, start, end);
        int to = NumberSyntax.trimEnd(b, from, end);
        if (columns.isRepeatedHeader(b, from, to)) {
            return new ParsedLine.Header<>(number);
        }
        int textLength = to - from;
        if (!headerDecided) {
            // B1 unquotes in place: keep the header candidate's text for the B2 repeated-header check.
            if (firstLineText.length < textLength) {
                firstLineText = new byte[textLength];
            }
            System.arraycopy(b, from, firstLineText, 0, textLength);
        }
        if (fields.tokenize(b, start, end) == CsvLineTokenizer.MALFORMED) {
            return new ParsedLine.Rejected<>(number, RejectReason.MALFORMED);
        }
        if (!headerDecided) {
            headerDecided = true;
            if (!NumberSyntax.isDecimal(b, fields.start(0), fields.end(0))) {
                columns = BrushingColumns.fromHeader(Arrays.copyOf(firstLineText, textLength), b, fields);
                firstLineText = null;
                return new ParsedLine.Header<>(number);
            }
            firstLineText = null;
        }
        return parseEvent(b, number);
    }

    /** B3-B6 over the tokenized fields. */
    private ParsedLine<BrushingEvent> parseEvent(byte[] b, long number) {
        BrushingColumns cols = columns;
        int count = fields.count();
        if (count < cols.needed) {
            return new ParsedLine.Rejected<>(number, RejectReason.MALFORMED);
        }
        List<ExtraField> extras = List.of();
        // B3 for the columns after the leading tick, tooth and percent (in the common file, none)
        for (int k = cols.leadingPointColumns; k < count; k++) {
            int start = fields.start(k);
            int end = fields.end(k);
            if (start == end) {
                continue;
            }
            switch (cols.role(k)) {
                case BrushingColumns.UNNAMED:
                    return new ParsedLine.Rejected<>(number, RejectReason.MALFORMED);
                case BrushingColumns.NAMED:
                    if (!hasControlByte(b, start, end)) {
                        if (extras.isEmpty()) {
                            extras = new ArrayList<>(4);
                        }
                        extras.add(new ExtraField(cols.name(k), extraValue(b, start, end)));
                    }
                    break;
                default:
                    break;
            }
        }
        long tick = NumberSyntax.parseTick(b, fields.start(cols.tickColumn), fields.end(cols.tickColumn));
        if (tick == NumberSyntax.INVALID) {
            return new ParsedLine.Rejected<>(number, RejectReason.BAD_TICK);
        }
        long tooth = NumberSyntax.parseTick(b, fields.start(cols.toothColumn), fields.end(cols.toothColumn));
        if (tooth == NumberSyntax.INVALID || tooth > Limits.MAX_TOOTH) {
            return new ParsedLine.Rejected<>(number, RejectReason.BAD_TOOTH);
        }
        // NaN (not B6 syntax) fails the range check too
        double percent = decimalValue(b, fields.start(cols.percentColumn), fields.end(cols.percentColumn));
        if (!(percent >= 0.0 && percent <= 1.0)) {
            return new ParsedLine.Rejected<>(number, RejectReason.BAD_PERCENT);
        }
        // + 0.0 turns -0.0 into 0.0, so "-0" is written as 0
        return new ParsedLine.Parsed<>(number, new BrushingEvent(tick, (int) tooth, percent + 0.0, extras));
    }

    /**
     * The value of B6 text as {@link NumberSyntax#decimalValue} gives it, or NaN when the text is not B6
     * syntax (no B6 text parses to NaN). One pass for the common text: a plain decimal
     * ({@code [+-]?} then digits with at most one {@code .}, at least one digit) of up to 15 digits takes
     * Clinger's fast path: the digits as an exact integer divided by an exact power of ten is the
     * correctly rounded value, the same double {@link Double#parseDouble} returns, without a string.
     */
    static double decimalValue(byte[] b, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long digits = 0;
        int count = 0;
        int fraction = -1;
        for (; i < end; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                count++;
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                // an exponent, a second dot, anything else: the full B6 syntax decides
                return NumberSyntax.isDecimal(b, start, end) ? NumberSyntax.decimalValue(b, start, end) : Double.NaN;
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        if (count > MAX_FAST_DIGITS) {
            return NumberSyntax.decimalValue(b, start, end);
        }
        double value = fraction > 0 ? digits / POWERS_OF_TEN[fraction] : (double) digits;
        return negative ? -value : value;
    }

    /** B3: a number by B6 syntax that is finite as a double is a float, any other text a string. */
    private static FieldValue extraValue(byte[] b, int start, int end) {
        double value = decimalValue(b, start, end);
        if (Double.isFinite(value)) {
            return new FieldValue.FloatValue(value);
        }
        return new FieldValue.StringValue(new String(b, start, end - start, StandardCharsets.UTF_8));
    }

    /** B3: a control character below U+0020 (every byte of a multi-byte UTF-8 character is >= 0x80). */
    private static boolean hasControlByte(byte[] b, int start, int end) {
        for (int i = start; i < end; i++) {
            if (b[i] >= 0 && b[i] < 0x20) {
                return true;
            }
        }
        return false;
    }
}
