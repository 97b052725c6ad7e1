package toothbrush.ingest.application.port;

import java.util.List;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.rules.RejectReason;

/** {@link BrushingLines#over}: a cursor over a stream of {@link ParsedLine} values. */
final class ParsedLineCursor implements BrushingLines {
    private final LineStream<BrushingEvent> stream;
    private ParsedLine<BrushingEvent> line;

    ParsedLineCursor(LineStream<BrushingEvent> stream) {
        this.stream = stream;
    }

    @Override
    public boolean advance() {
        line = stream.next();
        return line != null;
    }

    @Override
    public ParsedLine<BrushingEvent> next() {
        return advance() ? line : null;
    }

    @Override
    public LineKind kind() {
        ParsedLine<BrushingEvent> current = current();
        if (current instanceof ParsedLine.Parsed<BrushingEvent>) {
            return LineKind.PARSED;
        } else if (current instanceof ParsedLine.Blank<BrushingEvent>) {
            return LineKind.BLANK;
        } else if (current instanceof ParsedLine.Header<BrushingEvent>) {
            return LineKind.HEADER;
        }
        return LineKind.REJECTED;
    }

    @Override
    public long lineNumber() {
        return current().lineNumber();
    }

    @Override
    public RejectReason reason() {
        if (current() instanceof ParsedLine.Rejected<BrushingEvent> rejected) {
            return rejected.reason();
        }
        throw new IllegalStateException("line " + line.lineNumber() + " is not rejected");
    }

    @Override
    public long tick() {
        return event().tick();
    }

    @Override
    public int tooth() {
        return event().tooth();
    }

    @Override
    public double percentClean() {
        return event().percentClean();
    }

    @Override
    public List<ExtraField> extras() {
        return event().extras();
    }

    private BrushingEvent event() {
        if (current() instanceof ParsedLine.Parsed<BrushingEvent> parsed) {
            return parsed.record();
        }
        throw new IllegalStateException("line " + line.lineNumber() + " is not parsed");
    }

    private ParsedLine<BrushingEvent> current() {
        if (line == null) {
            throw new IllegalStateException("no current line: call advance() first");
        }
        return line;
    }

    @Override
    public long bytesRead() {
        return stream.bytesRead();
    }

    @Override
    public long totalBytes() {
        return stream.totalBytes();
    }

    @Override
    public void close() {
        stream.close();
    }
}
