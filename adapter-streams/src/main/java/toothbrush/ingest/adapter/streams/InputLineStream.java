package toothbrush.ingest.adapter.streams;

import java.util.Objects;
import toothbrush.ingest.adapter.streams.line.BoundedLineReader;
import toothbrush.ingest.application.port.LineKind;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.port.ParsedLine;
import toothbrush.ingest.domain.rules.NumberSyntax;
import toothbrush.ingest.domain.rules.RejectReason;

/**
 * What both parsers share: a cursor over the input's lines that applies the line rules that come first
 * in both streams (L3, L4, L5, in the order of B9 and S9), then {@link #parseLine} for the stream's own
 * rules; the lines as {@link ParsedLine} values built from the cursor; and the input's bytes read, total
 * size and closing.
 */
abstract class InputLineStream<R> implements LineStream<R> {

    /** The stream's lines and byte counts. */
    protected final StreamInput input;

    private LineKind kind;
    private long number;
    private RejectReason reason;

    InputLineStream(StreamInput input) {
        this.input = Objects.requireNonNull(input, "input");
    }

    /** Moves to the next physical line and judges it; false at the end of the stream. */
    public final boolean advance() {
        if (!input.nextLine()) {
            kind = null;
            return false;
        }
        BoundedLineReader line = input.lines();
        number = line.lineNumber();
        if (line.status() == BoundedLineReader.Status.TOO_LONG) {
            kind = reject(RejectReason.TOO_LONG);
        } else if (NumberSyntax.isBlank(line.buffer(), line.start(), line.end())) {
            kind = LineKind.BLANK;
        } else if (line.status() == BoundedLineReader.Status.MALFORMED) {
            kind = reject(RejectReason.MALFORMED);
        } else {
            kind = parseLine(line.buffer(), line.start(), line.end());
        }
        return true;
    }

    /**
     * Parses a line that passed L3-L5: {@code b[start, end)}, not blank, valid UTF-8, without its line
     * ending; the bytes are valid until the next call. Returns {@link LineKind#PARSED} (its values kept for
     * {@link #record()} and the stream's accessors), {@link LineKind#HEADER}, or {@link #reject}'s kind.
     */
    abstract LineKind parseLine(byte[] b, int start, int end);

    /** The record of the current {@link LineKind#PARSED} line, as a value. */
    abstract R record();

    /** Rejects the current line for {@code why}: returns {@link LineKind#REJECTED}. */
    final LineKind reject(RejectReason why) {
        reason = why;
        return LineKind.REJECTED;
    }

    /** The current line's kind. */
    public final LineKind kind() {
        if (kind == null) {
            throw new IllegalStateException("no current line");
        }
        return kind;
    }

    /** The current line's 1-based physical line number (L6). */
    public final long lineNumber() {
        kind();
        return number;
    }

    /** Why the current line was rejected. */
    public final RejectReason reason() {
        if (kind() != LineKind.REJECTED) {
            throw new IllegalStateException("line " + number + " is " + kind + ", not rejected");
        }
        return reason;
    }

    @Override
    public final ParsedLine<R> next() {
        if (!advance()) {
            return null;
        }
        return switch (kind) {
            case PARSED -> new ParsedLine.Parsed<>(number, record());
            case BLANK -> new ParsedLine.Blank<>(number);
            case HEADER -> new ParsedLine.Header<>(number);
            case REJECTED -> new ParsedLine.Rejected<>(number, reason);
        };
    }

    /** Throws unless the current line is {@link LineKind#PARSED}. */
    final void requireParsed() {
        if (kind() != LineKind.PARSED) {
            throw new IllegalStateException("line " + number + " is " + kind + ", not parsed");
        }
    }

    @Override
    public final long bytesRead() {
        return input.bytesRead();
    }

    @Override
    public final long totalBytes() {
        return input.totalBytes();
    }

    @Override
    public final void close() {
        input.close();
    }
}
