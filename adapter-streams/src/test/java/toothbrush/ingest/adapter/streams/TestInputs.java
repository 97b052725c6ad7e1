package toothbrush.ingest.adapter.streams;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import toothbrush.ingest.adapter.streams.source.ByteSource;

/** Byte inputs for parser tests: text as bytes, gzip, and streams and sources that read slowly, fail or break. */
public final class TestInputs {
    /** The message of the failure {@link #failingAfter} throws. */
    public static final String FAILURE_MESSAGE = "connection reset (test)";

    private TestInputs() {}

    /** {@code text} as UTF-8 bytes. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Each char of {@code text} (all below U+0100) as one byte: for invalid UTF-8. */
    public static byte[] latin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("not a byte: " + text.charAt(i));
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The byte arrays one after the other. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** {@code data} gzipped as one member. */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An input stream that hands out at most one byte per read call (jackson's throttled input). */
    public static InputStream oneBytePerRead(InputStream in) {
        return atMostPerRead(in, 1);
    }

    /** An input stream that hands out at most {@code n} bytes per read call: reads end anywhere in a line. */
    public static InputStream atMostPerRead(InputStream in, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1: " + n);
        }
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, n));
            }

            @Override
            public int available() {
                return 0;
            }
        };
    }

    /** An input stream over {@code data} that throws {@link IOException} once {@code n} bytes were read. */
    public static InputStream failingAfter(byte[] data, int n) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos >= n) {
                    throw new IOException(FAILURE_MESSAGE);
                }
                return pos < data.length ? data[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (pos >= n) {
                    throw new IOException(FAILURE_MESSAGE);
                }
                if (pos >= data.length) {
                    return -1;
                }
                int count = Math.min(len, Math.min(n, data.length) - pos);
                System.arraycopy(data, pos, b, off, count);
                pos += count;
                return count;
            }
        };
    }

    /**
     * A source over {@code data} whose every stream breaks (throws {@link java.net.SocketException}) after
     * {@code every} bytes: a resume layer above it must re-open at each multiple of {@code every}.
     */
    public static BreakingSource breakingEvery(byte[] data, int every) {
        return new BreakingSource(data, every);
    }

    /** See {@link #breakingEvery}. */
    public static final class BreakingSource implements ByteSource {
        private final byte[] data;
        private final int every;
        private int opens;

        private BreakingSource(byte[] data, int every) {
            if (every < 1) {
                throw new IllegalArgumentException("every must be >= 1: " + every);
            }
            this.data = data.clone();
            this.every = every;
        }

        /** How often it was opened. */
        public int opens() {
            return opens;
        }

        /** How many breaks a whole read meets: one at each multiple of {@code every} inside the data. */
        public int breaks() {
            return data.length == 0 ? 0 : (data.length - 1) / every;
        }

        @Override
        public InputStream open(long offset) throws IOException {
            if (offset % every != 0) {
                throw new IllegalStateException("re-opened at " + offset + ", not where it broke");
            }
            opens++;
            int start = (int) offset;
            int end = Math.min(data.length, start + every);
            return new InputStream() {
                private int pos = start;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (len == 0) {
                        return 0;
                    }
                    if (pos == end && end < data.length) {
                        throw new SocketException("connection reset (test)");
                    }
                    if (pos >= data.length) {
                        return -1;
                    }
                    int n = Math.min(len, end - pos);
                    System.arraycopy(data, pos, b, off, n);
                    pos += n;
                    return n;
                }
            };
        }

        @Override
        public String describe() {
            return "mem:breaking";
        }

        @Override
        public long size() {
            return data.length;
        }
    }

    /** How a table case's bytes reach the parser. */
    public enum Mode {
        /** As they are, in large reads. */
        PLAIN,
        /** One byte per read call. */
        ONE_BYTE,
        /** Gzipped (detected by its magic bytes). */
        GZIP,
        /** Gzipped, one compressed byte per read call. */
        GZIP_ONE_BYTE;

        /** The stream this mode makes of {@code data}. */
        public InputStream open(byte[] data) {
            switch (this) {
                case PLAIN:
                    return new ByteArrayInputStream(data);
                case ONE_BYTE:
                    return oneBytePerRead(new ByteArrayInputStream(data));
                case GZIP:
                    return new ByteArrayInputStream(gzip(data));
                default:
                    return oneBytePerRead(new ByteArrayInputStream(gzip(data)));
            }
        }
    }

    /** {@code source}, counting each open (the first and every resume) in {@code opens}. */
    public static ByteSource countingOpens(ByteSource source, java.util.concurrent.atomic.AtomicInteger opens) {
        return new ByteSource() {
            @Override
            public InputStream open(long offset) throws IOException {
                opens.incrementAndGet();
                return source.open(offset);
            }

            @Override
            public String describe() {
                return source.describe();
            }

            @Override
            public long size() {
                return source.size();
            }
        };
    }
}
