package toothbrush.ingest.adapter.streams.source;

import java.io.IOException;

/**
 * The source's bytes can no longer continue the bytes already read: the object was replaced during the
 * download, or the server answered a resume in a way that cannot be shown to continue the same object.
 * Re-opening cannot help within this read; reading the stream again from its start later may.
 */
public class SourceChangedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A change described by {@code message}, e.g. {@code object changed during download: ETag "a" -> "b" at byte 42}. */
    public SourceChangedException(String message) {
        super(message);
    }
}
