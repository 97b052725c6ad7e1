package toothbrush.ingest.adapter.streams.source;

import java.io.IOException;

/** A source that does not exist or may not be read: trying again later cannot help (a missing file, a 404). */
public class SourceUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Unavailable for the reason {@code message} names. */
    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
