package toothbrush.ingest.adapter.streams.source;

import java.io.IOException;

/**
 * U3: a stream's decoded bytes would pass the stream size cap. Thrown by the read that would have handed
 * out the byte after the cap; never retried ({@code stream_too_large}, permanent).
 */
public class StreamTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long cap;

    /** The stream has more than {@code cap} decoded bytes. */
    public StreamTooLargeException(long cap) {
        super("the stream has more than " + cap + " decoded bytes (the stream size cap): stopped at decoded byte "
                + cap);
        this.cap = cap;
    }

    /** The stream size cap that was reached, in decoded bytes. */
    public long cap() {
        return cap;
    }
}
