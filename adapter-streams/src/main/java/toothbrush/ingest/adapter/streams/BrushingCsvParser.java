package toothbrush.ingest.adapter.streams;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import toothbrush.ingest.application.port.BrushingLines;
import toothbrush.ingest.application.port.LineKind;
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
 * <p>A cursor ({@link BrushingLines}): a valid line's values are read in place, so a line without extra
 * fields allocates nothing (the percent is parsed without a string, in one pass, when it is a plain
 * decimal); {@link #next()} builds the event and its {@code ParsedLine} for code that wants values.
 */
public final class BrushingCsvParser extends InputLineStream<BrushingEvent> implements BrushingLines {
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

    // The values of the current line when it parsed.
    private long tick;
    private int tooth;
    private double percentClean;
    private List<ExtraField> extras = List.of();

    /** Parses the lines of {@code input}; closing this closes it. */
    public BrushingCsvParser(StreamInput input) {
        super(input);
    }

    @Override
    LineKind parseLine(byte[] b, int start, int end) {
        int from = NumberSyntax.trimStart(b, start, end);
        int to = NumberSyntax.trimEnd(b, from, end);
        if (columns.isRepeatedHeader(b, from, to)) {
            return LineKind.HEADER;
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
            return reject(RejectReason.MALFORMED);
        }
        if (!headerDecided) {
            headerDecided = true;
            if (!NumberSyntax.isDecimal(b, fields.start(0), fields.end(0))) {
                columns = BrushingColumns.fromHeader(Arrays.copyOf(firstLineText, textLength), b, fields);
                firstLineText = null;
                return LineKind.HEADER;
            }
            firstLineText = null;
        }
        return parseEvent(b);
    }

    /** B3-B6 over the tokenized fields. */
    private LineKind parseEvent(byte[] b) {
        BrushingColumns cols = columns;
        int count = fields.count();
        if (count < cols.needed) {
            return reject(RejectReason.MALFORMED);
        }
        List<ExtraField> lineExtras = List.of();
        // B3 for the columns after the leading tick, tooth and percent (in the common file, none)
        for (int k = cols.leadingPointColumns; k < count; k++) {
            int start = fields.start(k);
            int end = fields.end(k);
            if (start == end) {
                continue;
            }
            switch (cols.role(k)) {
                case BrushingColumns.UNNAMED:
                    return reject(RejectReason.MALFORMED);
                case BrushingColumns.NAMED:
                    if (!hasControlByte(b, start, end)) {
                        if (lineExtras.isEmpty()) {
                            lineExtras = new ArrayList<>(4);
                        }
                        lineExtras.add(new ExtraField(cols.name(k), extraValue(b, start, end)));
                    }
                    break;
                default:
                    break;
            }
        }
        long tickValue = NumberSyntax.parseTick(b, fields.start(cols.tickColumn), fields.end(cols.tickColumn));
        if (tickValue == NumberSyntax.INVALID) {
            return reject(RejectReason.BAD_TICK);
        }
        long toothValue = NumberSyntax.parseTick(b, fields.start(cols.toothColumn), fields.end(cols.toothColumn));
        if (toothValue == NumberSyntax.INVALID || toothValue > Limits.MAX_TOOTH) {
            return reject(RejectReason.BAD_TOOTH);
        }
        // NaN (not B6 syntax) fails the range check too
        double percent = decimalValue(b, fields.start(cols.percentColumn), fields.end(cols.percentColumn));
        if (!(percent >= 0.0 && percent <= 1.0)) {
            return reject(RejectReason.BAD_PERCENT);
        }
        tick = tickValue;
        tooth = (int) toothValue;
        // + 0.0 turns -0.0 into 0.0, so "-0" is written as 0
        percentClean = percent + 0.0;
        extras = lineExtras;
        return LineKind.PARSED;
    }

    @Override
    BrushingEvent record() {
        requireParsed();
        return new BrushingEvent(tick, tooth, percentClean, extras);
    }

    @Override
    public long tick() {
        requireParsed();
        return tick;
    }

    @Override
    public int tooth() {
        requireParsed();
        return tooth;
    }

    @Override
    public double percentClean() {
        requireParsed();
        return percentClean;
    }

    @Override
    public List<ExtraField> extras() {
        requireParsed();
        return extras;
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
