package toothbrush.ingest.adapter.streams.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * A stream's content bytes: gunzipped when the raw bytes start with the gzip magic {@code 1f 8b}
 * (whatever the name; multi-member gzip is read whole), counted in raw bytes for progress and resume.
 * The magic is looked at on the first read, so every I/O failure surfaces from a read.
 */
public final class DecodedInputStream extends InputStream {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int GZIP_BUFFER = 64 * 1024;

    private final InputStream raw;
    private final CountingInputStream counting;
    private InputStream content;
    private boolean gzip;

    /** Decodes {@code raw}; nothing is read until the first read. */
    public DecodedInputStream(InputStream raw) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.counting = new CountingInputStream(raw);
    }

    /** Raw (compressed, if gzip) bytes consumed from the source so far. */
    public long rawBytesRead() {
        return counting.count();
    }

    /** True when the raw bytes are gzip (known after the first read). */
    public boolean gzip() {
        return gzip;
    }

    private InputStream content() throws IOException {
        InputStream c = content;
        if (c == null) {
            LookaheadInputStream lookahead = new LookaheadInputStream(counting);
            if (lookahead.startsWith(GZIP_MAGIC_1, GZIP_MAGIC_2)) {
                gzip = true;
                c = new GZIPInputStream(lookahead, GZIP_BUFFER);
            } else {
                c = lookahead;
            }
            content = c;
        }
        return c;
    }

    @Override
    public int read() throws IOException {
        return content().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return content().read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        return content().skip(n);
    }

    /** Always 0: the lookahead under a gzip stream blocks to answer, which {@code available} must not. */
    @Override
    public int available() {
        return 0;
    }

    @Override
    public void close() throws IOException {
        if (content != null) {
            content.close();
        } else {
            raw.close();
        }
    }
}
