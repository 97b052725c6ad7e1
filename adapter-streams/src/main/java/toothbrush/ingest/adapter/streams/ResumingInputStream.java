package toothbrush.ingest.adapter.streams;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.event.RetryOnRetryEvent;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toothbrush.ingest.adapter.streams.source.ByteSource;
import toothbrush.ingest.adapter.streams.source.SourceChangedException;
import toothbrush.ingest.adapter.streams.source.SourceNotAllowedException;
import toothbrush.ingest.adapter.streams.source.SourceUnavailableException;
import toothbrush.ingest.adapter.streams.source.StreamTooLargeException;
import toothbrush.ingest.application.support.Throwables;

/**
 * A stream's raw bytes that survive broken reads: it counts the bytes handed out, and when a read fails
 * (an I/O error, a timeout, a connection closed before the known length) it re-opens the source at
 * exactly that count through the retry policy, so the reader above sees one unbroken stream, without a
 * byte skipped or repeated. Files and HTTP sources take the same path.
 *
 * <p>One open (the first at byte 0, or a resume) is tried up to {@code maxAttempts} times with
 * exponential backoff and jitter ({@link StreamSettings#backoff()}); a resume succeeds only once the
 * re-opened source has handed out bytes (or its end), so a source that breaks right after opening uses up
 * attempts instead of looping.
 * Once bytes flow again, the next break starts with a fresh count. Failures that re-opening cannot
 * help ({@link SourceUnavailableException}, {@link SourceChangedException}, {@link SourceNotAllowedException},
 * an interrupt) end the
 * stream at once; running out of attempts ends it with {@link RetriesExhaustedException}.
 *
 * <p>Reads pass the caller's array straight to the source's stream: nothing is copied or allocated
 * per read.
 */
final class ResumingInputStream extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(ResumingInputStream.class);

    private final ByteSource source;
    private final Retry retry;
    private final int maxAttempts;
    private final String context;
    private final byte[] single = new byte[1];
    private InputStream current;
    /** Bytes handed out so far: where the next open starts. */
    private long offset;
    /** The source's length when known at the first open: an end before it is a break, not the end. */
    private long expectedLength = -1;

    private IOException failure;
    private boolean closed;

    private ResumingInputStream(ByteSource source, RetryConfig config, String context) {
        this.source = Objects.requireNonNull(source, "source");
        this.context = Objects.requireNonNull(context, "context");
        this.retry = Retry.of(context, Objects.requireNonNull(config, "config"));
        this.maxAttempts = config.getMaxAttempts();
        retry.getEventPublisher().onRetry(this::logRetry);
    }

    /**
     * Opens {@code source} at byte 0, retrying as {@code config} says.
     *
     * @param context names the stream in log lines ({@code dataset ds-1: brushing stream http://h/b.csv})
     * @throws SourceUnavailableException when the source does not exist or may not be read
     * @throws RetriesExhaustedException when every attempt failed
     * @throws IOException when the source changed or the thread was interrupted
     */
    static ResumingInputStream open(ByteSource source, RetryConfig config, String context) throws IOException {
        return open(source, config, context, () -> {});
    }

    /** As {@link #open(ByteSource, RetryConfig, String)}, running {@code onRetry} before each retry. */
    static ResumingInputStream open(ByteSource source, RetryConfig config, String context, Runnable onRetry)
            throws IOException {
        ResumingInputStream stream = new ResumingInputStream(source, config, context);
        stream.retry.getEventPublisher().onRetry(event -> onRetry.run());
        stream.current = stream.withRetries(() -> source.open(0));
        stream.expectedLength = source.size();
        return stream;
    }

    /** The retry policy of {@code settings}: which failures are retried, how often and how patiently. */
    static RetryConfig retryConfig(StreamSettings settings) {
        return RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(settings.backoff()::delayMillis)
                .retryOnException(ResumingInputStream::isTransient)
                .build();
    }

    /**
     * True for a failure that re-opening may cure: any I/O failure but an unavailable, changed, refused or
     * too large source, and nothing once the thread is interrupted (U1: the job's deadline passed).
     */
    static boolean isTransient(Throwable t) {
        return t instanceof IOException
                && !(t instanceof SourceUnavailableException)
                && !(t instanceof SourceChangedException)
                && !(t instanceof SourceNotAllowedException)
                && !(t instanceof StreamTooLargeException)
                && !(t instanceof RetriesExhaustedException)
                && !Thread.currentThread().isInterrupted();
    }

    /** Bytes handed out so far (the offset a resume re-opens at). */
    long offset() {
        return offset;
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new IOException("stream closed");
        }
        InputStream in = current;
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            return resume(b, off, len, e);
        }
        if (n > 0) {
            offset += n;
            return n;
        }
        if (n < 0 && offset < expectedLength) {
            return resume(b, off, len, endedEarly(offset));
        }
        return n;
    }

    /** The stream broke at {@link #offset}: re-open there and do the read that failed. */
    private int resume(byte[] b, int off, int len, IOException cause) throws IOException {
        closeQuietly(current);
        current = null;
        if (!isTransient(cause)) {
            throw failure = cause;
        }
        LOG.warn(
                "{}: read failed at byte {}: {}; re-opening at byte {}",
                context,
                offset,
                Throwables.describe(cause),
                offset);
        long at = offset;
        try {
            return withRetries(() -> reopenAndRead(at, b, off, len));
        } catch (IOException e) {
            throw failure = e;
        }
    }

    private int reopenAndRead(long at, byte[] b, int off, int len) throws IOException {
        InputStream in = source.open(at);
        int n;
        try {
            n = in.read(b, off, len);
            if (n < 0 && at < expectedLength) {
                throw endedEarly(at);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
        current = in;
        if (n > 0) {
            offset += n;
        }
        return n;
    }

    /** Runs {@code open} through the retry policy; maps running out of attempts to {@link RetriesExhaustedException}. */
    private <T> T withRetries(IoSupplier<T> open) throws IOException {
        try {
            return retry.executeCheckedSupplier(open::get);
        } catch (IOException e) {
            if (isTransient(e)) {
                throw new RetriesExhaustedException(maxAttempts, e);
            }
            throw e;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(Throwables.describe(t), t);
        }
    }

    private static EOFException endedEarly(long at) {
        return new EOFException("connection closed at byte " + at + " before the end of the stream");
    }

    private void logRetry(RetryOnRetryEvent event) {
        if (LOG.isWarnEnabled()) {
            LOG.warn(retryMessage(
                    event.getNumberOfRetryAttempts(),
                    event.getLastThrowable(),
                    event.getWaitInterval().toMillis()));
        }
    }

    /** The WARN line for a failed attempt: the dataset, stream and URL, the byte offset and the error. */
    String retryMessage(int attempt, Throwable error, long waitMillis) {
        return context + ": attempt " + attempt + " of " + maxAttempts + " to read from byte " + offset + " failed: "
                + Throwables.describe(error) + "; retrying in " + waitMillis + " ms";
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException e) {
            // the stream already failed or is being replaced; nothing read from it is lost
        }
    }

    /** Always 0: a broken source cannot say what is left. */
    @Override
    public int available() {
        return 0;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        InputStream in = current;
        current = null;
        if (in != null) {
            in.close();
        }
    }

    /** An open that may fail with an I/O error. */
    @FunctionalInterface
    private interface IoSupplier<T> {
        T get() throws IOException;
    }
}
