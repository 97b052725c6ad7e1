package toothbrush.ingest.application.testing;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import toothbrush.ingest.application.port.DatasetReadException;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.port.ParsedLine;
import toothbrush.ingest.application.report.FailureReason;

/**
 * A {@link LineStream} that hands out a list of parsed lines, counting {@value #BYTES_PER_LINE} bytes per
 * line, and can throw {@link DatasetReadException} when asked for its Nth line.
 *
 * @param <R> the record a valid line parses to
 */
public final class ListLineStream<R> implements LineStream<R> {

    /** The bytes each line counts in {@link #bytesRead()}. */
    public static final long BYTES_PER_LINE = 10;

    private final String name;
    private final List<ParsedLine<R>> lines;
    private final int failAtLine;
    private final boolean failureRetryable;
    private final Consumer<ParsedLine<R>> onPull;
    private int position;
    private boolean ended;
    private boolean closed;

    /** A stream of {@code lines} that never fails. */
    public ListLineStream(List<ParsedLine<R>> lines) {
        this("stream", lines, 0, false, line -> {});
    }

    /**
     * A stream of {@code lines} named {@code name} in failure messages.
     *
     * @param failAtLine       1-based: the call to {@link #next()} that would return this line throws
     *                         (every later call too); 0 for never
     * @param failureRetryable the failure's {@link DatasetReadException#retryable()}
     * @param onPull           told of every line handed out, and of {@code null} at the end
     */
    public ListLineStream(
            String name,
            List<ParsedLine<R>> lines,
            int failAtLine,
            boolean failureRetryable,
            Consumer<ParsedLine<R>> onPull) {
        this.name = Objects.requireNonNull(name, "name");
        this.lines = List.copyOf(lines);
        if (failAtLine < 0) {
            throw new IllegalArgumentException("failAtLine must be >= 0: " + failAtLine);
        }
        this.failAtLine = failAtLine;
        this.failureRetryable = failureRetryable;
        this.onPull = Objects.requireNonNull(onPull, "onPull");
    }

    @Override
    public ParsedLine<R> next() {
        if (closed) {
            throw new IllegalStateException(name + ": next() after close()");
        }
        if (failAtLine > 0 && position + 1 >= failAtLine) {
            throw new DatasetReadException(
                    failureRetryable ? FailureReason.SOURCE_UNAVAILABLE : FailureReason.SOURCE_NOT_FOUND,
                    name + ": read failed at line " + failAtLine + " (byte offset " + bytesRead() + ")",
                    new IOException("connection reset"));
        }
        if (position == lines.size()) {
            if (!ended) {
                ended = true;
                onPull.accept(null);
            }
            return null;
        }
        ParsedLine<R> line = lines.get(position++);
        onPull.accept(line);
        return line;
    }

    @Override
    public long bytesRead() {
        return position * BYTES_PER_LINE;
    }

    @Override
    public long totalBytes() {
        return lines.size() * BYTES_PER_LINE;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** True once {@link #close()} was called. */
    public boolean closed() {
        return closed;
    }

    /** Lines handed out so far. */
    public int linesRead() {
        return position;
    }

    /** True once {@link #next()} has returned {@code null}. */
    public boolean ended() {
        return ended;
    }
}
