package toothbrush.ingest.adapter.streams;

import java.util.Objects;
import toothbrush.ingest.adapter.streams.line.BoundedLineReader;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.port.ParsedLine;
import toothbrush.ingest.domain.rules.NumberSyntax;
import toothbrush.ingest.domain.rules.RejectReason;

/**
 * What both parsers share: the line rules that come first in both streams (L3, L4, L5, in the order
 * of B9 and S9), then {@link #parseLine} for the stream's own rules; and the input's bytes read, total
 * size and closing.
 */
abstract class InputLineStream<R> implements LineStream<R> {

    /** The stream's lines and byte counts. */
    protected final StreamInput input;

    InputLineStream(StreamInput input) {
        this.input = Objects.requireNonNull(input, "input");
    }

    @Override
    public final ParsedLine<R> next() {
        if (!input.nextLine()) {
            return null;
        }
        BoundedLineReader line = input.lines();
        long number = line.lineNumber();
        if (line.status() == BoundedLineReader.Status.TOO_LONG) {
            return new ParsedLine.Rejected<>(number, RejectReason.TOO_LONG);
        }
        if (NumberSyntax.isBlank(line.buffer(), line.start(), line.end())) {
            return new ParsedLine.Blank<>(number);
        }
        if (line.status() == BoundedLineReader.Status.MALFORMED) {
            return new ParsedLine.Rejected<>(number, RejectReason.MALFORMED);
        }
        return parseLine(number, line.buffer(), line.start(), line.end());
    }

    /**
     * Parses a line that passed L3-L5: {@code b[start, end)}, not blank, valid UTF-8, without its line
     * ending; the bytes are valid until the next call.
     */
    abstract ParsedLine<R> parseLine(long number, byte[] b, int start, int end);

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
