package toothbrush.ingest.adapter.streams.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import toothbrush.ingest.application.support.Throwables;

/**
 * An HTTP response body as an {@link java.io.InputStream} with an idle (read) timeout: a read that waits
 * longer than the timeout for the next bytes cancels the response and throws {@link HttpTimeoutException}.
 *
 * <p>{@code HttpClient} has no per-read timeout on its own body streams, and a read blocked in one is
 * not woken by closing it. This stream subscribes to the body itself and waits on its own queue with a
 * timeout, on the reading thread (no watchdog thread). Memory is bounded by demand: at most
 * {@link #PREFETCH} buffer lists are requested ahead of the reader. Reads copy straight from the
 * client's buffers into the caller's array, across as many already-received buffers as fit, and block
 * only while nothing has been copied yet.
 */
final class HttpBodyInputStream extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
    /** Buffer lists requested ahead of the reader (each usually one 16 KiB buffer: about 256 KiB a stream). */
    static final int PREFETCH = 16;
    /** Marks the end of the body (then {@link #error} says whether it failed); compared by identity. */
    private static final List<ByteBuffer> END = new ArrayList<>(0);

    /** Demand bounds it: {@link #PREFETCH} lists and the end marker always fit. */
    private final BlockingQueue<List<ByteBuffer>> queue = new ArrayBlockingQueue<>(PREFETCH + 1);

    private final long timeoutNanos;
    private final String timeoutText;
    private volatile Flow.Subscription subscription;
    private volatile Throwable error;
    private volatile boolean closed;

    private List<ByteBuffer> list;
    private int index;
    private ByteBuffer current;
    private boolean ended;

    /**
     * A body that is read with the idle timeout {@code timeoutNanos}.
     *
     * @param timeoutText the timeout as messages name it ({@code 30 s})
     */
    HttpBodyInputStream(long timeoutNanos, String timeoutText) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeoutNanos must be > 0: " + timeoutNanos);
        }
        this.timeoutNanos = timeoutNanos;
        this.timeoutText = Objects.requireNonNull(timeoutText, "timeoutText");
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (subscription != null || closed) {
            s.cancel();
            return;
        }
        subscription = s;
        if (closed) {
            s.cancel();
            return;
        }
        s.request(PREFETCH);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        if (!queue.offer(item)) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            onError(new IOException("HTTP body publisher sent more than was requested"));
        }
    }

    @Override
    public void onError(Throwable throwable) {
        error = throwable;
        if (!queue.offer(END)) {
            // only after a publisher overran its demand: the error matters more than the data before it
            queue.clear();
            queue.offer(END);
        }
    }

    @Override
    public void onComplete() {
        queue.offer(END);
    }

    @Override
    public int read() throws IOException {
        ByteBuffer b = buffer(true);
        return b == null ? -1 : b.get() & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int copied = 0;
        while (copied < len) {
            ByteBuffer buf = buffer(copied == 0);
            if (buf == null) {
                break;
            }
            int n = Math.min(len - copied, buf.remaining());
            buf.get(b, off + copied, n);
            copied += n;
        }
        return copied == 0 ? -1 : copied;
    }

    /** Skips without copying (the bytes a server sends again when it ignored a Range request). */
    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            ByteBuffer buf = buffer(true);
            if (buf == null) {
                break;
            }
            int k = (int) Math.min(n - skipped, buf.remaining());
            buf.position(buf.position() + k);
            skipped += k;
        }
        return skipped;
    }

    /**
     * A buffer with bytes remaining, or null at the end of the body. When {@code mayBlock} is false (the
     * read already copied bytes) it also returns null when no buffer has arrived yet, and at a failed end:
     * the bytes copied are handed out first, the failure is thrown by the next read.
     */
    private ByteBuffer buffer(boolean mayBlock) throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (closed) {
                throw new IOException("HTTP body closed");
            }
            if (list != null && index < list.size()) {
                current = list.get(index++);
                continue;
            }
            if (ended) {
                return mayBlock ? endOfBody() : null;
            }
            List<ByteBuffer> next = mayBlock ? take() : queue.poll();
            if (next == null) {
                return null;
            }
            if (next == END) {
                ended = true;
                list = null;
                return mayBlock ? endOfBody() : null;
            }
            list = next;
            index = 0;
            subscription.request(1);
        }
        return current;
    }

    private ByteBuffer endOfBody() throws IOException {
        Throwable t = error;
        if (t == null) {
            return null;
        }
        throw new IOException(Throwables.describe(t), t);
    }

    private List<ByteBuffer> take() throws IOException {
        List<ByteBuffer> next;
        try {
            next = queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the HTTP body");
        }
        if (next == null) {
            close();
            throw new HttpTimeoutException("no data for " + timeoutText + " (read timeout)");
        }
        return next;
    }

    /** Always 0: whether more bytes arrived is only known by reading. */
    @Override
    public int available() {
        return 0;
    }

    /** Cancels the response (its connection is closed, not reused). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        queue.clear();
        list = null;
        current = null;
    }
}
