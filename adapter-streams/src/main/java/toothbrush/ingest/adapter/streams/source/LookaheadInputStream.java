package toothbrush.ingest.adapter.streams.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Lets the first bytes of a stream be looked at before they are read (the gzip magic), and makes
 * {@link #available()} answer "is there another byte" exactly: {@link java.util.zip.GZIPInputStream}
 * only looks for a further gzip member when {@code available() > 0}, which a network stream may
 * answer 0 at a packet boundary, silently ending a multi-member stream early.
 */
final class LookaheadInputStream extends FilterInputStream {
    private final byte[] pending = new byte[2];
    private int pendingStart;
    private int pendingEnd;

    LookaheadInputStream(InputStream in) {
        super(in);
    }

    /**
     * True if the next two bytes are {@code first, second}; reads them ahead but does not consume them.
     * The second byte is waited for only when the first matches.
     */
    boolean startsWith(int first, int second) throws IOException {
        fill(1);
        if (pendingEnd - pendingStart < 1 || (pending[pendingStart] & 0xFF) != first) {
            return false;
        }
        fill(2);
        return pendingEnd - pendingStart == 2 && (pending[pendingStart + 1] & 0xFF) == second;
    }

    /** Blocks until one byte more is known to exist or the stream has ended; 0 only at the end. */
    @Override
    public int available() throws IOException {
        fill(1);
        return pendingEnd - pendingStart;
    }

    private void fill(int wanted) throws IOException {
        if (pendingStart > 0) {
            System.arraycopy(pending, pendingStart, pending, 0, pendingEnd - pendingStart);
            pendingEnd -= pendingStart;
            pendingStart = 0;
        }
        while (pendingEnd < wanted) {
            int n = in.read(pending, pendingEnd, wanted - pendingEnd);
            if (n < 0) {
                return;
            }
            pendingEnd += n;
        }
    }

    @Override
    public int read() throws IOException {
        if (pendingStart < pendingEnd) {
            return pending[pendingStart++] & 0xFF;
        }
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pendingStart < pendingEnd) {
            int n = Math.min(len, pendingEnd - pendingStart);
            System.arraycopy(pending, pendingStart, b, off, n);
            pendingStart += n;
            return n;
        }
        return in.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        if (pendingStart < pendingEnd) {
            int k = (int) Math.min(n, pendingEnd - pendingStart);
            pendingStart += k;
            return k;
        }
        return in.skip(n);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
