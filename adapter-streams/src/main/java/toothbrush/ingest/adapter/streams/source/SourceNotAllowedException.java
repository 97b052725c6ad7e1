package toothbrush.ingest.adapter.streams.source;

import java.io.IOException;

/**
 * U2: the source policy refuses a stream's file or URL (or a redirect hop of it). Thrown before the
 * refused source is opened or requested; never retried ({@code source_not_allowed}, permanent).
 */
public class SourceNotAllowedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A refusal described by {@code message}, which names no secret (no user info, no query string). */
    public SourceNotAllowedException(String message) {
        super(message);
    }
}
