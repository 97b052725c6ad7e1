package toothbrush.ingest.adapter.streams.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The HTTP body stream: bytes before a failure are never lost, the idle timeout, and bounded demand. */
class HttpBodyInputStreamTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** A subscription that counts what was requested and whether it was cancelled. */
    private static final class Recording implements Flow.Subscription {
        long requested;
        boolean cancelled;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static List<ByteBuffer> bytes(String text) {
        return List.of(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private static HttpBodyInputStream subscribed(Recording subscription) {
        HttpBodyInputStream body = new HttpBodyInputStream(SECOND, "1 s");
        body.onSubscribe(subscription);
        return body;
    }

    @Test
    void bytesReceivedBeforeAFailure_areHandedOutFirst_beforeTheFailureIsThrown() throws IOException {
        HttpBodyInputStream body = subscribed(new Recording());
        body.onNext(bytes("0123"));
        body.onNext(List.of(
                ByteBuffer.wrap(new byte[] {'4', '5'}), ByteBuffer.allocate(0), ByteBuffer.wrap(new byte[] {'6'})));
        body.onError(new IOException("fixed content-length: 100, bytes received: 7"));
        byte[] buf = new byte[100];
        assertEquals(7, body.read(buf, 0, 100), "every byte that arrived, in one read");
        assertEquals("0123456", new String(buf, 0, 7, StandardCharsets.US_ASCII));
        IOException e = assertThrows(IOException.class, () -> body.read(buf, 0, 100));
        assertEquals("fixed content-length: 100, bytes received: 7", e.getMessage());
        assertThrows(IOException.class, () -> body.read(buf, 0, 100), "a failed body stays failed");
    }

    @Test
    void aCompleteBody_endsWithMinusOne() throws IOException {
        HttpBodyInputStream body = subscribed(new Recording());
        body.onNext(bytes("ab"));
        body.onComplete();
        assertEquals('a', body.read());
        byte[] buf = new byte[10];
        assertEquals(1, body.read(buf, 3, 7));
        assertEquals('b', buf[3]);
        assertEquals(-1, body.read(buf, 0, 10));
        assertEquals(-1, body.read());
        assertEquals(0, body.read(buf, 0, 0));
    }

    @Test
    void noBytesForTheReadTimeout_cancelsAndThrowsATimeout() {
        Recording subscription = new Recording();
        HttpBodyInputStream body = new HttpBodyInputStream(TimeUnit.MILLISECONDS.toNanos(50), "50 ms");
        body.onSubscribe(subscription);
        long t0 = System.nanoTime();
        HttpTimeoutException e = assertThrows(HttpTimeoutException.class, () -> body.read(new byte[10], 0, 10));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("no data for 50 ms (read timeout)", e.getMessage());
        assertTrue(millis >= 45 && millis < 2_000, "waited " + millis + " ms");
        assertTrue(subscription.cancelled);
    }

    @Test
    void demand_staysAtPrefetch_soMemoryIsBounded() throws IOException {
        Recording subscription = new Recording();
        HttpBodyInputStream body = subscribed(subscription);
        assertEquals(HttpBodyInputStream.PREFETCH, subscription.requested);
        for (int i = 0; i < HttpBodyInputStream.PREFETCH; i++) {
            body.onNext(bytes("x"));
        }
        assertEquals(HttpBodyInputStream.PREFETCH, subscription.requested, "nothing more until the reader takes");
        assertEquals('x', body.read());
        assertEquals(HttpBodyInputStream.PREFETCH + 1, subscription.requested, "one taken, one more asked for");
    }

    @Test
    void aPublisherThatOverrunsItsDemand_failsTheBody() {
        Recording subscription = new Recording();
        HttpBodyInputStream body = subscribed(subscription);
        for (int i = 0; i <= HttpBodyInputStream.PREFETCH + 1; i++) {
            body.onNext(bytes("x"));
        }
        assertTrue(subscription.cancelled);
        IOException e = assertThrows(IOException.class, () -> body.readAllBytes());
        assertEquals("HTTP body publisher sent more than was requested", e.getMessage());
    }

    @Test
    void skip_movesOverBuffersWithoutReadingThemOut() throws IOException {
        HttpBodyInputStream body = subscribed(new Recording());
        body.onNext(bytes("0123456789"));
        body.onNext(bytes("abcdef"));
        body.onComplete();
        assertEquals(12, body.skip(12));
        assertArrayEquals("cdef".getBytes(StandardCharsets.US_ASCII), body.readAllBytes());
        assertEquals(0, body.skip(5));
    }

    @Test
    void close_cancels_evenWhenItComesBeforeTheSubscription() {
        Recording early = new Recording();
        HttpBodyInputStream body = new HttpBodyInputStream(SECOND, "1 s");
        body.close();
        body.onSubscribe(early);
        assertTrue(early.cancelled);
        assertEquals(0, early.requested);

        Recording late = new Recording();
        HttpBodyInputStream other = subscribed(late);
        other.close();
        assertTrue(late.cancelled);
        assertThrows(IOException.class, () -> other.read());
    }

    @Test
    void aFailureWithoutMessage_isNamedByItsType() throws IOException {
        HttpBodyInputStream body = subscribed(new Recording());
        body.onError(new SocketException());
        IOException e = assertThrows(IOException.class, () -> body.read(new byte[4], 0, 4));
        assertEquals("SocketException", e.getMessage());
    }

    @Test
    void largeReads_copyAcrossEveryBufferThatArrived() throws IOException {
        HttpBodyInputStream body = subscribed(new Recording());
        byte[] a = new byte[16384];
        byte[] b = new byte[16384];
        Arrays.fill(a, (byte) 'a');
        Arrays.fill(b, (byte) 'b');
        body.onNext(List.of(ByteBuffer.wrap(a)));
        body.onNext(List.of(ByteBuffer.wrap(b)));
        byte[] buf = new byte[65536];
        assertEquals(32768, body.read(buf, 0, buf.length));
        assertEquals('a', buf[16383]);
        assertEquals('b', buf[16384]);
    }
}
