package toothbrush.ingest.adapter.streams.line;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.adapter.streams.TestInputs;

/** The line reader's boundaries: L1, L2, L3, L5, L6, chunked reads and no allocation per line. */
class BoundedLineReaderTest {
    private static final int MAX = 65_536;

    /** Each line as "n:STATUS:text" (text in ISO-8859-1 so every byte shows). */
    private static List<String> lines(InputStream in) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(in);
        List<String> out = new ArrayList<>();
        while (reader.next()) {
            String text = new String(
                    reader.buffer(), reader.start(), reader.end() - reader.start(), StandardCharsets.ISO_8859_1);
            out.add(reader.lineNumber() + ":" + reader.status() + ":" + text);
        }
        assertFalse(reader.next(), "stays at the end");
        return out;
    }

    /** The lines of {@code data}, checked to be the same in large reads and one byte per read. */
    private static List<String> lines(byte[] data) throws IOException {
        List<String> plain = lines(new ByteArrayInputStream(data));
        assertEquals(plain, lines(TestInputs.oneBytePerRead(new ByteArrayInputStream(data))), "one byte per read");
        return plain;
    }

    @Test
    @DisplayName("L3: a line of exactly 65,536 bytes is accepted")
    void L3_maxLine_isAccepted() throws IOException {
        String line = "a".repeat(MAX);
        assertEquals(List.of("1:OK:" + line, "2:OK:b"), lines(TestInputs.utf8(line + "\nb")));
    }

    @Test
    @DisplayName("L3: a line of 65,537 bytes is too_long, and the next line is read")
    void L3_maxPlusOne_isTooLong() throws IOException {
        assertEquals(List.of("1:TOO_LONG:", "2:OK:b"), lines(TestInputs.utf8("a".repeat(MAX + 1) + "\nb\n")));
    }

    @Test
    @DisplayName("L3: 65,536 bytes plus \\r\\n is accepted; plus \\r\\r\\n is too long")
    void L3_theTrailingCr_doesNotCount() throws IOException {
        String line = "a".repeat(MAX);
        assertEquals(
                List.of("1:OK:" + line, "2:OK:" + line, "3:TOO_LONG:", "4:OK:x"),
                lines(TestInputs.utf8(line + "\r\n" + line + "\r" + "\n" + line + "\r\r\nx\r")));
    }

    @Test
    @DisplayName("L3: a last line of 65,536 bytes plus \\r without \\n is accepted")
    void L3_lastLineWithCr_isAccepted() throws IOException {
        String line = "a".repeat(MAX);
        assertEquals(List.of("1:OK:" + line), lines(TestInputs.utf8(line + "\r")));
    }

    @Test
    @DisplayName("L3: the BOM does not count toward the length")
    void L3_bom_doesNotCount() throws IOException {
        String line = "a".repeat(MAX);
        assertEquals(List.of("1:OK:" + line), lines(TestInputs.utf8("\uFEFF" + line + "\n")));
    }

    @Test
    @DisplayName("L3: a 10 MB line without \\n is too_long, read in constant memory")
    void L3_hugeLine_isSkippedInConstantMemory() throws IOException {
        long size = 10L * 1024 * 1024;
        CountingGenerator in = new CountingGenerator(size);
        BoundedLineReader reader = new BoundedLineReader(in);
        byte[] buffer = reader.buffer();
        assertTrue(reader.next());
        assertEquals(BoundedLineReader.Status.TOO_LONG, reader.status());
        assertEquals(1, reader.lineNumber());
        assertFalse(reader.next());
        assertEquals(size, in.served);
        assertSame(buffer, reader.buffer(), "the buffer never grows");
        assertEquals(BoundedLineReader.DEFAULT_BUFFER_SIZE, reader.buffer().length);
        assertTrue(in.largestRead > MAX && in.reads < size / MAX, "reads in chunks: " + in.reads);
    }

    @Test
    @DisplayName("L3: too long lines in a row keep their line numbers")
    void L3_consecutiveTooLongLines_keepTheirLineNumbers() throws IOException {
        String big = "x".repeat(3 * MAX);
        assertEquals(
                List.of("1:TOO_LONG:", "2:TOO_LONG:", "3:OK:", "4:TOO_LONG:"),
                lines(TestInputs.utf8(big + "\n" + big + "\n\n" + big)));
    }

    @Test
    @DisplayName("L1: only a BOM is no lines; BOM then \\n is one empty line; a partial BOM is data")
    void L1_bom_isSkippedOnlyWhenWholeAndLeading() throws IOException {
        assertEquals(List.of(), lines(TestInputs.utf8("\uFEFF")));
        assertEquals(List.of("1:OK:"), lines(TestInputs.utf8("\uFEFF\n")));
        assertEquals(List.of("1:OK:a", "2:OK:\u00ef\u00bb\u00bfb"), lines(TestInputs.utf8("\uFEFFa\n\uFEFFb")));
        assertEquals(List.of("1:MALFORMED:\u00ef\u00bb"), lines(TestInputs.latin1("\u00ef\u00bb")));
        assertEquals(List.of("1:MALFORMED:\u00ef"), lines(TestInputs.latin1("\u00ef")));
        assertEquals(
                List.of("1:OK:\u00ef\u00bb\u00bf"), lines(TestInputs.latin1("\u00ef\u00bb\u00bf\u00ef\u00bb\u00bf")));
    }

    @Test
    @DisplayName("L2/L6: CRLF, a last line without \\n, no extra line after a final \\n")
    void L2_L6_lineEnds_areLfOrCrlf() throws IOException {
        assertEquals(List.of("1:OK:a", "2:OK:b"), lines(TestInputs.utf8("a\r\nb\r\n")));
        assertEquals(List.of("1:OK:a", "2:OK:b"), lines(TestInputs.utf8("a\nb")));
        assertEquals(List.of("1:OK:a\rb"), lines(TestInputs.utf8("a\rb")));
        assertEquals(List.of("1:OK:a\r"), lines(TestInputs.utf8("a\r\r\n")));
        assertEquals(List.of("1:OK:", "2:OK:"), lines(TestInputs.utf8("\n\r\n")));
        assertEquals(List.of(), lines(new byte[0]));
    }

    @Test
    @DisplayName("L5: overlong, surrogate, F5..FF and truncated sequences are malformed; valid ones are not")
    void L5_invalidUtf8_isMalformed() throws IOException {
        assertEquals(
                List.of(
                        "1:MALFORMED:\u00c0\u0080",
                        "2:MALFORMED:\u00ed\u00a0\u0080",
                        "3:MALFORMED:\u00f5",
                        "4:MALFORMED:\u00ff",
                        "5:OK:\u00c3\u00a9",
                        "6:MALFORMED:\u00e2\u0082"),
                lines(TestInputs.latin1(
                        "\u00c0\u0080\n\u00ed\u00a0\u0080\n\u00f5\n\u00ff\n\u00c3\u00a9\n\u00e2\u0082")));
    }

    @Test
    @DisplayName("Reads the underlying stream in chunks, never one byte per call")
    void underlyingStream_isReadInChunks() throws IOException {
        byte[] data = TestInputs.utf8("abc\n".repeat(100_000));
        List<Integer> requested = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                requested.add(len);
                return super.read(b, off, len);
            }

            @Override
            public synchronized int read() {
                throw new AssertionError("single-byte read");
            }
        };
        BoundedLineReader reader = new BoundedLineReader(in);
        int n = 0;
        while (reader.next()) {
            n++;
        }
        assertEquals(100_000, n);
        assertTrue(requested.size() < 10, "reads: " + requested.size());
        for (int len : requested.subList(0, requested.size() - 1)) {
            assertTrue(len > MAX, "asked for " + len);
        }
    }

    @Test
    @DisplayName("Reading a line allocates nothing")
    void nextLine_doesNotAllocate() throws IOException {
        byte[] data = TestInputs.utf8("16,3,0.5,caf\u00e9\r\n".repeat(20_000));
        for (int warmup = 0; warmup < 20; warmup++) {
            readAll(data);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        ByteArrayInputStream in = new ByteArrayInputStream(data);
        BoundedLineReader reader = new BoundedLineReader(in);
        assertTrue(reader.next());
        long before = threads.getThreadAllocatedBytes(tid);
        int n = 1;
        while (reader.next()) {
            n++;
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertEquals(20_000, n);
        assertTrue(allocated < 20_000, "allocated " + allocated + " bytes for 20,000 lines");
    }

    private static void readAll(byte[] data) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(new ByteArrayInputStream(data));
        while (reader.next()) {
            assertEquals(BoundedLineReader.Status.OK, reader.status());
        }
    }

    @Test
    void smallLimits_workTheSame() throws IOException {
        BoundedLineReader reader = new BoundedLineReader(
                TestInputs.oneBytePerRead(new ByteArrayInputStream(TestInputs.utf8("abcd\nabcde\nab\r\nabcdef\r\n"))),
                4,
                6);
        List<String> out = new ArrayList<>();
        while (reader.next()) {
            out.add(reader.status() + ":"
                    + new String(
                            Arrays.copyOfRange(reader.buffer(), reader.start(), reader.end()),
                            StandardCharsets.US_ASCII));
        }
        assertEquals(List.of("OK:abcd", "TOO_LONG:", "OK:ab", "TOO_LONG:"), out);
        assertThrows(
                IllegalArgumentException.class,
                () -> new BoundedLineReader(new ByteArrayInputStream(new byte[0]), 4, 5));
    }

    @Test
    void anIoFailure_propagates() {
        byte[] data = TestInputs.utf8("a\nb\nc\n");
        BoundedLineReader reader = new BoundedLineReader(TestInputs.failingAfter(data, 3));
        IOException e = assertThrows(IOException.class, () -> {
            while (reader.next()) {
                assertArrayEquals(new byte[] {'a'}, Arrays.copyOfRange(reader.buffer(), reader.start(), reader.end()));
            }
        });
        assertEquals(TestInputs.FAILURE_MESSAGE, e.getMessage());
        assertEquals(1, reader.lineNumber());
    }

    @Test
    @DisplayName("L1-L6 over random bytes: the eight-byte scan finds every line end and every non-ASCII line,"
            + " at any alignment and read size, as a byte-by-byte reference does")
    void randomBytes_matchAByteByByteReference() throws IOException {
        java.util.Random random = new java.util.Random(6);
        byte[][] pieces = {
            {'a'},
            {'7'},
            {','},
            {' '},
            {'\n'},
            {'\r'},
            {'\r', '\n'},
            {(byte) 0xC3, (byte) 0xA9},
            {(byte) 0xE2, (byte) 0x82, (byte) 0xAC},
            {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80},
            {(byte) 0x80},
            {(byte) 0xFF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0x0A, (byte) 0x8A}
        };
        for (int round = 0; round < 3_000; round++) {
            java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
            if (random.nextInt(8) == 0) {
                data.write(0xEF);
                data.write(0xBB);
                data.write(0xBF);
            }
            int length = random.nextInt(200);
            for (int k = 0; k < length; k++) {
                // mostly ASCII runs, so that long all-ASCII words and lines occur
                byte[] piece =
                        random.nextInt(4) == 0 ? pieces[random.nextInt(pieces.length)] : pieces[random.nextInt(2)];
                data.write(piece, 0, piece.length);
            }
            byte[] bytes = data.toByteArray();
            int max = 1 + random.nextInt(40);
            int chunk = 1 + random.nextInt(50);
            BoundedLineReader reader = new BoundedLineReader(inChunks(bytes, chunk), max, max + 2 + random.nextInt(60));
            List<String> actual = new ArrayList<>();
            while (reader.next()) {
                actual.add(reader.lineNumber() + ":" + reader.status() + ":"
                        + new String(
                                reader.buffer(),
                                reader.start(),
                                reader.end() - reader.start(),
                                StandardCharsets.ISO_8859_1));
            }
            assertEquals(referenceLines(bytes, max), actual, "round " + round + ", max " + max + ", chunk " + chunk);
        }
    }

    /** L1-L6 as SPEC states them, one byte at a time; strict UTF-8 by the JDK's decoder. */
    private static List<String> referenceLines(byte[] bytes, int max) {
        int from =
                bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
                        ? 3
                        : 0;
        List<String> out = new ArrayList<>();
        int number = 0;
        while (from < bytes.length) {
            int lf = from;
            while (lf < bytes.length && bytes[lf] != '\n') {
                lf++;
            }
            int to = lf > from && bytes[lf - 1] == '\r' ? lf - 1 : lf;
            number++;
            String status;
            String text = "";
            if (to - from > max) {
                status = "TOO_LONG";
            } else {
                text = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
                status = strictUtf8(bytes, from, to) ? "OK" : "MALFORMED";
            }
            out.add(number + ":" + status + ":" + text);
            from = lf + 1;
        }
        return out;
    }

    private static boolean strictUtf8(byte[] bytes, int from, int to) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes, from, to - from));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** Serves {@code data} at most {@code chunk} bytes per read. */
    private static InputStream inChunks(byte[] data, int chunk) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    /** Serves {@code size} bytes of 'x' without a newline, without holding them. */
    private static final class CountingGenerator extends InputStream {
        private final long size;
        long served;
        int reads;
        int largestRead;

        CountingGenerator(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            throw new AssertionError("single-byte read");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served == size) {
                return -1;
            }
            int n = (int) Math.min(len, size - served);
            Arrays.fill(b, off, off + n, (byte) 'x');
            served += n;
            reads++;
            largestRead = Math.max(largestRead, n);
            return n;
        }
    }
}
