package toothbrush.ingest.adapter.streams.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * A stream's content bytes: gunzipped when the raw bytes start with the gzip magic {@code 1f 8b}
 * (whatever the name; multi-member gzip is read whole), counted in raw bytes for progress and resume.
 * The magic is looked at on the first read, so every I/O failure surfaces from a read.
 *
 * <p>U3: the decoded bytes are capped. A read never asks the decoder for more than the bytes left under
 * the cap, so gzip is inflated no further than the cap (plus the one byte that shows the stream is
 * longer); the read that would hand out a byte past the cap throws {@link StreamTooLargeException}, as
 * does every read after it.
 */
public final class DecodedInputStream extends InputStream {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int GZIP_BUFFER = 64 * 1024;

    private final InputStream raw;
    private final CountingInputStream counting;
    private final long maxDecodedBytes;
    private InputStream content;
    private boolean gzip;
    private long decoded;
    private boolean tooLarge;

    /** Decodes {@code raw} without a cap; nothing is read until the first read. */
    public DecodedInputStream(InputStream raw) {
        this(raw, Long.MAX_VALUE);
    }

    /**
     * Decodes {@code raw}, failing once it would hand out more than {@code maxDecodedBytes} bytes; nothing
     * is read until the first read.
     */
    public DecodedInputStream(InputStream raw, long maxDecodedBytes) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.counting = new CountingInputStream(raw);
        if (maxDecodedBytes < 1) {
            throw new IllegalArgumentException("maxDecodedBytes must be >= 1: " + maxDecodedBytes);
        }
        this.maxDecodedBytes = maxDecodedBytes;
    }

    /** Decoded bytes handed out so far. */
    public long decodedBytesRead() {
        return decoded;
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
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (tooLarge) {
            throw new StreamTooLargeException(maxDecodedBytes);
        }
        if (len == 0) {
            return 0;
        }
        InputStream c = content();
        long left = maxDecodedBytes - decoded;
        if (left == 0) {
            if (c.read() < 0) {
                return -1;
            }
            tooLarge = true;
            throw new StreamTooLargeException(maxDecodedBytes);
        }
        int n = c.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
            decoded += n;
        }
        return n;
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
