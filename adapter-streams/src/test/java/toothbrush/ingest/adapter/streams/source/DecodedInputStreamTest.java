package toothbrush.ingest.adapter.streams.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.adapter.streams.TestInputs;

/** gzip detection by magic bytes, multi-member gzip, and the raw byte count. */
class DecodedInputStreamTest {

    private static byte[] sample() {
        byte[] data = new byte[200_000];
        Random random = new Random(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ("0123456789,.\n".charAt(random.nextInt(13)));
        }
        return data;
    }

    @Test
    void plainBytes_passThrough_countedAsRead() throws IOException {
        byte[] data = sample();
        DecodedInputStream in = new DecodedInputStream(new ByteArrayInputStream(data));
        assertEquals(0, in.rawBytesRead());
        assertArrayEquals(data, in.readAllBytes());
        assertFalse(in.gzip());
        assertEquals(data.length, in.rawBytesRead());
    }

    @Test
    void gzip_isDetectedByMagic_andCountsCompressedBytes() throws IOException {
        byte[] data = sample();
        byte[] gz = TestInputs.gzip(data);
        DecodedInputStream in = new DecodedInputStream(new ByteArrayInputStream(gz));
        assertArrayEquals(data, in.readAllBytes());
        assertTrue(in.gzip());
        assertEquals(gz.length, in.rawBytesRead());
    }

    @Test
    void multiMemberGzip_isReadWhole_evenOneBytePerRead() throws IOException {
        byte[] a = TestInputs.utf8("first member\n");
        byte[] b = TestInputs.utf8("second member\n");
        byte[] c = sample();
        byte[] gz = TestInputs.concat(TestInputs.gzip(a), TestInputs.gzip(b), TestInputs.gzip(c));
        byte[] expected = TestInputs.concat(a, b, c);
        assertArrayEquals(expected, new DecodedInputStream(new ByteArrayInputStream(gz)).readAllBytes());
        InputStream slow = TestInputs.oneBytePerRead(new ByteArrayInputStream(gz));
        assertArrayEquals(expected, new DecodedInputStream(slow).readAllBytes());
    }

    @Test
    void textStartingWith1f_isNotGzip() throws IOException {
        byte[] data = {0x1f, 'a', 'b'};
        assertArrayEquals(data, new DecodedInputStream(new ByteArrayInputStream(data)).readAllBytes());
        byte[] one = {0x1f};
        assertArrayEquals(one, new DecodedInputStream(new ByteArrayInputStream(one)).readAllBytes());
        assertArrayEquals(new byte[0], new DecodedInputStream(new ByteArrayInputStream(new byte[0])).readAllBytes());
    }

    @Test
    void theMagicWithACorruptHeader_isAZipException() {
        byte[] data = {0x1f, (byte) 0x8b, 1, 2, 3, 4};
        assertThrows(ZipException.class, () -> new DecodedInputStream(new ByteArrayInputStream(data)).readAllBytes());
    }

    @Test
    void closing_closesTheRawStream_evenBeforeAnyRead() throws IOException {
        boolean[] closed = {false};
        InputStream raw = new ByteArrayInputStream(new byte[] {1}) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new DecodedInputStream(raw).close();
        assertTrue(closed[0]);
    }
}
