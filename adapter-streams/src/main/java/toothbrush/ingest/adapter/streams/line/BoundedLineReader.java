package toothbrush.ingest.adapter.streams.line;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import toothbrush.ingest.domain.rules.Limits;

/**
 * Splits a byte stream into physical lines (L1, L2, L3, L5, L6) without allocating per line.
 *
 * <p>Each call to {@link #next()} makes the next line current: {@link #buffer()} from {@link #start()}
 * to {@link #end()} (the BOM and the one trailing {@code \r} removed), its 1-based {@link #lineNumber()}
 * and its {@link #status()}. The view is valid until the next call; the caller may rewrite the line's
 * own bytes in place (nothing reads them again). A line longer than {@link Limits#MAX_LINE_BYTES} is never
 * held whole: its bytes are dropped as they arrive until the next {@code \n}, so memory stays constant.
 * The underlying stream is read in chunks of up to the buffer size, never a byte per call.
 */
public final class BoundedLineReader {

    /** What the current line is. */
    public enum Status {
        /** Valid UTF-8 of at most {@link Limits#MAX_LINE_BYTES} bytes. */
        OK,
        /** L3: longer than {@link Limits#MAX_LINE_BYTES} bytes; the view is empty. */
        TOO_LONG,
        /** L5: not strict UTF-8. */
        MALFORMED
    }

    /** Default buffer size: room for a longest line, its {@code \r} and the next chunk. */
    public static final int DEFAULT_BUFFER_SIZE = 2 * Limits.MAX_LINE_BYTES;

    private static final byte LF = '\n';
    private static final byte CR = '\r';
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** Eight bytes of the buffer read as one little-endian long: byte i of a word is bits 8i..8i+7. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long LFS = ONES * LF;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf;
    /** Start of the unconsumed bytes in {@link #buf}. */
    private int pos;
    /** End of the valid bytes in {@link #buf}. */
    private int limit;
    /** Bytes in {@code [pos, scanned)} are known to contain no {@code \n}. */
    private int scanned;
    /** The high bits of the bytes in {@code [pos, scanned)} ORed: zero while they are all ASCII. */
    private long nonAscii;

    private boolean eof;
    private boolean started;

    private long lineNumber;
    private int lineStart;
    private int lineEnd;
    private Status status = Status.OK;

    /** A reader with the L3 limit and the default buffer. */
    public BoundedLineReader(InputStream in) {
        this(in, Limits.MAX_LINE_BYTES, DEFAULT_BUFFER_SIZE);
    }

    /**
     * A reader with another line limit or buffer size (tests).
     *
     * @param bufferSize at least {@code maxLineBytes + 2} (a longest line, its {@code \r} and one byte more)
     */
    public BoundedLineReader(InputStream in, int maxLineBytes, int bufferSize) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be >= 1: " + maxLineBytes);
        }
        if (bufferSize < maxLineBytes + 2) {
            throw new IllegalArgumentException("bufferSize must be >= maxLineBytes + 2: " + bufferSize);
        }
        this.maxLineBytes = maxLineBytes;
        this.buf = new byte[bufferSize];
    }

    /**
     * Makes the next physical line current.
     *
     * @return false at the end of the stream (a final {@code \n} does not start another line)
     * @throws IOException when the underlying stream fails; the reader is then unusable
     */
    public boolean next() throws IOException {
        if (!started) {
            started = true;
            skipBom();
        }
        while (true) {
            int lf = indexOfLf(scanned, limit);
            if (lf >= 0) {
                setLine(pos, lf);
                pos = lf + 1;
                scanned = pos;
                nonAscii = 0;
                return true;
            }
            scanned = limit;
            if (limit - pos > maxLineBytes + 1) {
                skipRestOfLine();
                return true;
            }
            if (eof) {
                if (pos == limit) {
                    lineStart = lineEnd = limit;
                    return false;
                }
                setLine(pos, limit);
                pos = limit;
                scanned = limit;
                nonAscii = 0;
                return true;
            }
            fill();
        }
    }

    /** The buffer that holds the current line. */
    public byte[] buffer() {
        return buf;
    }

    /** Index of the current line's first byte in {@link #buffer()}. */
    public int start() {
        return lineStart;
    }

    /** Index after the current line's last byte (the {@code \n} and one {@code \r} excluded). */
    public int end() {
        return lineEnd;
    }

    /** 1-based physical line number of the current line (L6); 0 before the first line. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The current line's status. */
    public Status status() {
        return status;
    }

    /** L1: a UTF-8 BOM at the very start of the stream is not part of the first line. */
    private void skipBom() throws IOException {
        // read on only while what has arrived could still be a BOM, so no line waits for bytes it does not need
        while (limit < BOM.length && !eof && isBomPrefix()) {
            fill();
        }
        if (limit >= BOM.length && isBomPrefix()) {
            pos = BOM.length;
            scanned = BOM.length;
        }
    }

    private boolean isBomPrefix() {
        for (int i = 0; i < Math.min(limit, BOM.length); i++) {
            if (buf[i] != BOM[i]) {
                return false;
            }
        }
        return true;
    }

    private void setLine(int from, int to) {
        lineNumber++;
        if (to > from && buf[to - 1] == CR) {
            to--;
        }
        if (to - from > maxLineBytes) {
            lineStart = lineEnd = from;
            status = Status.TOO_LONG;
            return;
        }
        lineStart = from;
        lineEnd = to;
        // an ASCII line (the scan for its \n saw no high bit) is valid UTF-8 without a second pass
        status = nonAscii == 0 || Utf8.isValid(buf, from, to) ? Status.OK : Status.MALFORMED;
    }

    /** L3: the line in progress is too long; drop its bytes up to and including the next {@code \n}. */
    private void skipRestOfLine() throws IOException {
        pos = limit = scanned = 0;
        while (!eof) {
            fill();
            int lf = indexOfLf(pos, limit);
            if (lf >= 0) {
                pos = lf + 1;
                scanned = pos;
                break;
            }
            pos = limit = scanned = 0;
        }
        lineNumber++;
        status = Status.TOO_LONG;
        lineStart = lineEnd = 0;
        nonAscii = 0;
    }

    /**
     * The index of the first {@code \n} in {@code [from, to)}, or -1; ORs the high bits of the bytes
     * before it into {@link #nonAscii}. Reads eight bytes per step (SWAR): in {@code x = word ^ LFS} a
     * {@code \n} is a zero byte, and {@code (x - ONES) & ~x & HIGH_BITS} sets the high bit of the
     * lowest zero byte (a borrow can only mark bytes above a real zero, never below it).
     */
    private int indexOfLf(int from, int to) {
        byte[] b = buf;
        long high = 0;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long word = (long) WORDS.get(b, i);
            long x = word ^ LFS;
            long found = (x - ONES) & ~x & HIGH_BITS;
            if (found != 0) {
                int bitsBefore = Long.numberOfTrailingZeros(found) & ~7;
                // the bytes of this word before the \n (a shift by 64 would be a shift by 0)
                long before = bitsBefore == 0 ? 0 : word & (-1L >>> (Long.SIZE - bitsBefore));
                nonAscii |= (high | before) & HIGH_BITS;
                return i + (bitsBefore >>> 3);
            }
            high |= word;
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == LF) {
                nonAscii |= high & HIGH_BITS;
                return i;
            }
            high |= c & 0x80;
        }
        nonAscii |= high & HIGH_BITS;
        return -1;
    }

    /** Moves the unconsumed bytes to the front and reads one chunk after them (or sets {@link #eof}). */
    private void fill() throws IOException {
        if (pos > 0) {
            int remaining = limit - pos;
            System.arraycopy(buf, pos, buf, 0, remaining);
            scanned -= pos;
            limit = remaining;
            pos = 0;
        }
        int n;
        do {
            n = in.read(buf, limit, buf.length - limit);
        } while (n == 0);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }
}
