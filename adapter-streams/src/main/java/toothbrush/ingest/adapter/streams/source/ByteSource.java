package toothbrush.ingest.adapter.streams.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one stream, opened front to back from any byte offset: the primitive a broken stream is
 * resumed with (the first open is at 0; each resume re-opens at the count of bytes already read).
 */
public interface ByteSource {

    /**
     * Opens the stream's raw (possibly compressed) bytes starting at {@code offset}.
     *
     * @throws SourceUnavailableException when the bytes do not exist or may not be read (retrying cannot help)
     * @throws SourceChangedException when the bytes from {@code offset} on would not continue those read
     *     before (the object changed): this read cannot go on, a new read from the start may
     * @throws IOException when opening failed for another reason (retrying may help)
     */
    InputStream open(long offset) throws IOException;

    /** What to call this source in messages (the URI or path as the user gave it). */
    String describe();

    /** The size in raw bytes, or -1 when unknown (an HTTP source knows it once opened). */
    long size();
}
