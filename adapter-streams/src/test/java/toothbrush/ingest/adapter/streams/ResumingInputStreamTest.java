package toothbrush.ingest.adapter.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.adapter.streams.source.ByteSource;
import toothbrush.ingest.adapter.streams.source.FileByteSource;
import toothbrush.ingest.adapter.streams.source.SourceChangedException;
import toothbrush.ingest.adapter.streams.source.SourceUnavailableException;

/** The resume layer over any source: exactly where it broke, never a byte skipped or repeated. */
class ResumingInputStreamTest {
    private static final String CONTEXT = "dataset ds-1: brushing stream mem:b";
    private static final RetryConfig FAST = ResumingInputStream.retryConfig(StreamSettings.defaults()
            .withMaxAttempts(3)
            .withBackoff(Duration.ofMillis(1), 2.0, Duration.ofMillis(4), 0.5));

    @TempDir
    Path dir;

    private static byte[] data(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static TreeSet<Long> seededOffsets(int count, int length, long seed) {
        Random random = new Random(seed);
        TreeSet<Long> offsets = new TreeSet<>();
        while (offsets.size() < count) {
            offsets.add(1 + (long) random.nextInt(length - 1));
        }
        return offsets;
    }

    private static byte[] readAll(InputStream in, int bufferSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[bufferSize];
        int n;
        while ((n = in.read(buf, 0, buf.length)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * A source over {@code data} whose streams break once at each planned offset: by an exception, or
     * by ending early ({@code endEarly}). Records every offset it was opened at.
     */
    private static class BreakingSource implements ByteSource {
        final byte[] data;
        final TreeSet<Long> breaks;
        final boolean endEarly;
        final long size;
        final List<Long> opens = new ArrayList<>();

        BreakingSource(byte[] data, TreeSet<Long> breaks, boolean endEarly, long size) {
            this.data = data;
            this.breaks = breaks;
            this.endEarly = endEarly;
            this.size = size;
        }

        @Override
        public InputStream open(long offset) throws IOException {
            opens.add(offset);
            return new InputStream() {
                private long pos = offset;

                @Override
                public int read() {
                    throw new UnsupportedOperationException("the resume layer reads in blocks");
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    Long next = breaks.ceiling(pos);
                    if (next != null && next == pos) {
                        breaks.remove(next);
                        if (endEarly) {
                            return -1;
                        }
                        throw new SocketException("Connection reset");
                    }
                    if (pos >= data.length) {
                        return -1;
                    }
                    long limit = next == null ? data.length : Math.min(data.length, next);
                    int n = (int) Math.min(len, limit - pos);
                    System.arraycopy(data, (int) pos, b, off, n);
                    pos += n;
                    return n;
                }
            };
        }

        @Override
        public String describe() {
            return "mem:b";
        }

        @Override
        public long size() {
            return size;
        }
    }

    @Test
    void fortyBreaksAtSeededOffsets_everyByteOnce_reopenedExactlyWhereItBroke() throws IOException {
        byte[] data = data(100_000, 1);
        TreeSet<Long> breaks = seededOffsets(40, data.length, 2);
        List<Long> expectedOpens = new ArrayList<>();
        expectedOpens.add(0L);
        expectedOpens.addAll(breaks);
        BreakingSource source = new BreakingSource(data, new TreeSet<>(breaks), false, data.length);
        ResumingInputStream in = ResumingInputStream.open(source, FAST, CONTEXT);
        assertArrayEquals(data, readAll(in, 8192));
        assertEquals(expectedOpens, source.opens);
        assertEquals(data.length, in.offset());
    }

    @Test
    void oneByteReads_acrossBreaks() throws IOException {
        byte[] data = data(5_000, 3);
        BreakingSource source = new BreakingSource(data, seededOffsets(10, data.length, 4), false, data.length);
        ResumingInputStream in = ResumingInputStream.open(source, FAST, CONTEXT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
        }
        assertArrayEquals(data, out.toByteArray());
        assertEquals(11, source.opens.size());
    }

    @Test
    void anEndBeforeTheKnownLength_isABreak_andResumedThere() throws IOException {
        byte[] data = data(50_000, 5);
        TreeSet<Long> breaks = seededOffsets(12, data.length, 6);
        BreakingSource source = new BreakingSource(data, new TreeSet<>(breaks), true, data.length);
        assertArrayEquals(data, readAll(ResumingInputStream.open(source, FAST, CONTEXT), 4096));
        assertEquals(breaks, new TreeSet<>(source.opens.subList(1, source.opens.size())));
    }

    @Test
    void aSourceThatKeepsFailing_isTriedMaxAttemptsTimes_beforeTheStreamFails_andStaysFailed() throws IOException {
        byte[] data = data(1_000, 7);
        BreakingSource source = new BreakingSource(data, new TreeSet<>(List.of(500L)), false, data.length) {
            @Override
            public InputStream open(long offset) throws IOException {
                if (offset > 0) {
                    opens.add(offset);
                    throw new SocketException("Connection refused");
                }
                return super.open(offset);
            }
        };
        ResumingInputStream in = ResumingInputStream.open(source, FAST, CONTEXT);
        byte[] buf = new byte[300];
        assertEquals(300, in.read(buf, 0, 300));
        assertEquals(200, in.read(buf, 0, 300));
        RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class, () -> in.read(buf, 0, 300));
        assertEquals("gave up after 3 attempts, last error: Connection refused", e.getMessage());
        assertEquals(List.of(0L, 500L, 500L, 500L), source.opens);
        assertEquals(500, in.offset());
        assertSame(e, assertThrows(IOException.class, () -> in.read(buf, 0, 300)), "a failed stream stays failed");
        assertEquals(4, source.opens.size(), "and is not re-opened again");
    }

    @Test
    void attemptsStartAfresh_onceBytesFlowAgain() throws IOException {
        byte[] data = data(60_000, 8);
        int[] failuresLeft = {0};
        BreakingSource source = new BreakingSource(data, seededOffsets(20, data.length, 9), false, data.length) {
            @Override
            public InputStream open(long offset) throws IOException {
                if (offset > 0 && failuresLeft[0]-- > 0) {
                    throw new HttpTimeoutException("no response within 1 s (read timeout)");
                }
                failuresLeft[0] = 2;
                return super.open(offset);
            }
        };
        failuresLeft[0] = 2;
        assertArrayEquals(
                data,
                readAll(ResumingInputStream.open(source, FAST, CONTEXT), 8192),
                "twenty breaks, each needing three of the three attempts");
    }

    @Test
    void aReopenedStreamThatBreaksBeforeItsFirstByte_usesUpAnAttempt() throws IOException {
        byte[] data = data(1_000, 10);
        BreakingSource source = new BreakingSource(data, new TreeSet<>(List.of(400L)), false, data.length) {
            @Override
            public InputStream open(long offset) throws IOException {
                if (offset > 0) {
                    breaks.add(offset);
                }
                return super.open(offset);
            }
        };
        ResumingInputStream in = ResumingInputStream.open(source, FAST, CONTEXT);
        RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class, () -> readAll(in, 1000));
        assertEquals("gave up after 3 attempts, last error: Connection reset", e.getMessage());
        assertEquals(List.of(0L, 400L, 400L, 400L), source.opens);
    }

    @Test
    void aChangedOrUnavailableSource_endsTheStreamAtOnce() throws IOException {
        for (IOException failure : List.of(
                new SourceChangedException("object changed during download: ETag \"a\" -> " + "\"b\" at byte 300"),
                new SourceUnavailableException("HTTP 410 Gone", null))) {
            byte[] data = data(1_000, 11);
            BreakingSource source = new BreakingSource(data, new TreeSet<>(List.of(300L)), false, data.length) {
                @Override
                public InputStream open(long offset) throws IOException {
                    if (offset > 0) {
                        opens.add(offset);
                        throw failure;
                    }
                    return super.open(offset);
                }
            };
            ResumingInputStream in = ResumingInputStream.open(source, FAST, CONTEXT);
            assertSame(failure, assertThrows(IOException.class, () -> readAll(in, 1000)));
            assertEquals(List.of(0L, 300L), source.opens, "tried once: re-opening cannot help");
        }
    }

    @Test
    void anInterruptedThread_isNotRetried() throws IOException {
        byte[] data = data(1_000, 12);
        BreakingSource source = new BreakingSource(data, new TreeSet<>(List.of(100L)), false, data.length);
        ResumingInputStream in = ResumingInputStream.open(source, FAST, CONTEXT);
        Thread.currentThread().interrupt();
        try {
            assertThrows(SocketException.class, () -> readAll(in, 1000));
        } finally {
            assertTrue(Thread.interrupted());
        }
        assertEquals(List.of(0L), source.opens);
    }

    @Test
    void anOpenThatKeepsFailing_atTheStart_isRetriedUntilExhausted() {
        List<Long> tried = new ArrayList<>();
        ByteSource refusing = new BreakingSource(new byte[0], new TreeSet<>(), false, -1) {
            @Override
            public InputStream open(long offset) throws IOException {
                tried.add(offset);
                throw new EOFException();
            }
        };
        RetriesExhaustedException e =
                assertThrows(RetriesExhaustedException.class, () -> ResumingInputStream.open(refusing, FAST, CONTEXT));
        assertEquals("gave up after 3 attempts, last error: EOFException", e.getMessage());
        assertEquals(List.of(0L, 0L, 0L), tried);
    }

    @Test
    void reads_passTheCallersArrayStraightToTheSource() throws IOException {
        List<Object> calls = new ArrayList<>();
        ByteSource recording = new BreakingSource(new byte[0], new TreeSet<>(), false, -1) {
            @Override
            public InputStream open(long offset) {
                return new InputStream() {
                    @Override
                    public int read() {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        calls.add(b);
                        calls.add(off);
                        calls.add(len);
                        return len;
                    }
                };
            }
        };
        ResumingInputStream in = ResumingInputStream.open(recording, FAST, CONTEXT);
        byte[] buf = new byte[131_072];
        assertEquals(131_069, in.read(buf, 3, 131_069));
        assertEquals(List.of(buf, 3, 131_069), calls, "one call, same array, same range: no copy, no split");
        assertEquals(0, in.read(buf, 0, 0));
        assertEquals(3, calls.size(), "an empty read does not reach the source");
    }

    @Test
    void fileSources_resumeTheSameWay() throws IOException {
        byte[] data = data(200_000, 13);
        Path file = Files.write(dir.resolve("b.bin"), data);
        TreeSet<Long> breaks = seededOffsets(25, data.length, 14);
        FileByteSource files = new FileByteSource(file, "file.bin");
        ByteSource breakingFiles = new BreakingSource(data, breaks, false, data.length) {
            @Override
            public InputStream open(long offset) throws IOException {
                opens.add(offset);
                InputStream real = files.open(offset);
                Long next = breaks.ceiling(offset + 1);
                long limit = next == null ? Long.MAX_VALUE : next - offset;
                if (next != null) {
                    breaks.remove(next);
                }
                return new java.io.FilterInputStream(real) {
                    private long read;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (read >= limit) {
                            throw new IOException("Input/output error");
                        }
                        int n = super.read(b, off, (int) Math.min(len, limit - read));
                        if (n > 0) {
                            read += n;
                        }
                        return n;
                    }
                };
            }

            @Override
            public long size() {
                return files.size();
            }
        };
        assertArrayEquals(data, readAll(ResumingInputStream.open(breakingFiles, FAST, CONTEXT), 65536));
        assertEquals(26, ((BreakingSource) breakingFiles).opens.size());
    }

    @Test
    void close_closesTheOpenStream_andLaterReadsFail() throws IOException {
        boolean[] closed = {false};
        ByteSource source = new BreakingSource(new byte[10], new TreeSet<>(), false, 10) {
            @Override
            public InputStream open(long offset) {
                return new java.io.ByteArrayInputStream(data) {
                    @Override
                    public void close() {
                        closed[0] = true;
                    }
                };
            }
        };
        ResumingInputStream in = ResumingInputStream.open(source, FAST, CONTEXT);
        in.close();
        in.close();
        assertTrue(closed[0]);
        IOException e = assertThrows(IOException.class, in::read);
        assertEquals("stream closed", e.getMessage());
        assertEquals(0, in.available());
    }

    @Test
    void backoff_growsByTheMultiplier_upToTheMax() {
        RetryConfig config = ResumingInputStream.retryConfig(StreamSettings.defaults()
                .withBackoff(
                        StreamSettings.DEFAULT_BACKOFF_INITIAL,
                        StreamSettings.DEFAULT_BACKOFF_MULTIPLIER,
                        StreamSettings.DEFAULT_BACKOFF_MAX,
                        0.0));
        Function<Integer, Long> interval = waits(config);
        List<Long> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 8; attempt++) {
            waits.add(interval.apply(attempt));
        }
        assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 6400L, 10000L, 10000L), waits);
        assertEquals(
                StreamSettings.DEFAULT_MAX_ATTEMPTS,
                ResumingInputStream.retryConfig(StreamSettings.defaults()).getMaxAttempts());
    }

    @Test
    void backoff_jitterSpreadsEachWait() {
        Function<Integer, Long> interval = waits(ResumingInputStream.retryConfig(StreamSettings.defaults()));
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 2_000; i++) {
            long wait = interval.apply(1);
            min = Math.min(min, wait);
            max = Math.max(max, wait);
        }
        assertTrue(min >= 100 && min < 120, "first wait 200 ms * (1 - 0.5) at least: " + min);
        assertTrue(max <= 300 && max > 280, "first wait 200 ms * (1 + 0.5) at most: " + max);
    }

    @Test
    void retryLogLine_namesTheStreamTheOffsetTheAttemptAndTheError() throws IOException {
        byte[] data = data(10, 15);
        ResumingInputStream in = ResumingInputStream.open(
                new BreakingSource(data, new TreeSet<>(), false, 10),
                FAST,
                "dataset ds-1: settings stream http://h/s.jsonl");
        in.read(new byte[4], 0, 4);
        assertEquals(
                "dataset ds-1: settings stream http://h/s.jsonl: attempt 2 of 3 to read from byte 4 failed: "
                        + "HTTP 503 Service Unavailable; retrying in 250 ms",
                in.retryMessage(2, new IOException("HTTP 503 Service Unavailable"), 250));
    }

    @Test
    void transientFailures_areIoFailuresButUnavailableChangedAndExhausted() {
        assertTrue(ResumingInputStream.isTransient(new SocketException("Connection reset")));
        assertTrue(ResumingInputStream.isTransient(new HttpTimeoutException("no data for 30 s (read timeout)")));
        assertTrue(ResumingInputStream.isTransient(new EOFException("connection closed at byte 5")));
        assertTrue(ResumingInputStream.isTransient(new InterruptedIOException("timed out")));
        assertFalse(ResumingInputStream.isTransient(new SourceUnavailableException("HTTP 404 Not Found", null)));
        assertFalse(ResumingInputStream.isTransient(new SourceChangedException("object changed")));
        assertFalse(ResumingInputStream.isTransient(new RetriesExhaustedException(3, new IOException("x"))));
        assertFalse(ResumingInputStream.isTransient(new IllegalStateException("bug")));
    }

    /**
     * The wait before each attempt, as Retry asks for it: through the interval bi-function (built from our
     * interval function, which ignores the failure), since RetryConfig.getIntervalFunction() is deprecated.
     */
    private static Function<Integer, Long> waits(RetryConfig config) {
        IntervalBiFunction<Object> waits = config.getIntervalBiFunction();
        Either<Throwable, Object> failure = Either.left(new IOException("connection reset"));
        return attempt -> waits.apply(attempt, failure);
    }
}
