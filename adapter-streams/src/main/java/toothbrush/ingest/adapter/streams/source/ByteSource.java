package toothbrush.ingest.adapter.streams.source;

import java.io.IOException;
import java.io.InputStream;

/** The bytes of one stream, opened front to back from a byte offset (the seam for resumable sources). */
public interface ByteSource {

    /**
     * Opens the stream's raw (possibly compressed) bytes starting at {@code offset}.
     *
     * @throws SourceUnavailableException when the bytes do not exist or may not be read (retrying cannot help)
     * @throws IOException when opening failed for another reason (retrying may help)
     */
    InputStream open(long offset) throws IOException;

    /** What to call this source in messages (the URI or path as the user gave it). */
    String describe();

    /** The size in raw bytes, or -1 when unknown. */
    long size();
}
