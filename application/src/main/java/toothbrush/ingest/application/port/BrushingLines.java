package toothbrush.ingest.application.port;

import java.util.List;
import java.util.Objects;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.rules.RejectReason;

/**
 * The brushing stream as a cursor: {@link #advance()} moves to the next physical line and the line's
 * kind and values are read in place, so a valid line costs no object. The stream holds one line for
 * every tick of a dataset (billions), so this is how the use case reads it; {@link #next()} moves the
 * cursor the same way and gives the line as a {@link ParsedLine} value, for code that prefers them.
 *
 * <p>The accessors describe the current line until the next {@link #advance()} (or {@link #next()});
 * the values of a {@link LineKind#PARSED} line are valid as B1-B6 define (B7, B8 and type pinning are the
 * domain's).
 */
public interface BrushingLines extends LineStream<BrushingEvent> {

    /**
     * Moves to the next physical line; false at the end of the stream.
     *
     * @throws DatasetReadException when the bytes cannot be read (after the adapter's retries)
     */
    boolean advance();

    /** The current line's kind. */
    LineKind kind();

    /** The current line's 1-based physical line number (L6). */
    long lineNumber();

    /** Why the current {@link LineKind#REJECTED} line was rejected. */
    RejectReason reason();

    /** The tick of the current {@link LineKind#PARSED} line. */
    long tick();

    /** The tooth of the current {@link LineKind#PARSED} line. */
    int tooth();

    /** The percent_clean of the current {@link LineKind#PARSED} line. */
    double percentClean();

    /** The extra fields of the current {@link LineKind#PARSED} line (B3), empty when none. */
    List<ExtraField> extras();

    /** A cursor over the lines of {@code stream} (for streams that hold their lines as values, as tests do). */
    static BrushingLines over(LineStream<BrushingEvent> stream) {
        Objects.requireNonNull(stream, "stream");
        return stream instanceof BrushingLines lines ? lines : new ParsedLineCursor(stream);
    }
}
