package toothbrush.ingest.adapter.llamadb;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import toothbrush.ingest.application.report.Redaction;
import toothbrush.ingest.application.report.Retryability;

/**
 * The {@code http(s)://} backend: InfluxDB line protocol (see {@link LineProtocolEncoder}) POSTed to
 * the write URL of an InfluxDB-compatible server (InfluxDB 1.x {@code /write?db=..}, 2.x
 * {@code /api/v2/write?bucket=..&org=..}, VictoriaMetrics {@code /write}) with the JDK's
 * {@link HttpClient} over kept-alive HTTP/1.1 connections. This class keeps the datasets' life cycle; one
 * class per concern does the rest: {@link WriteUrl} checks the URL, {@link BatchPool} holds the batch buffers
 * and the sender threads (backpressure), {@link BatchSender} sends a batch with retries and the circuit
 * breaker, {@link RetryAfter} reads what a server asks for, {@link Batch} gzips a batch's body.
 *
 * <p><b>Batching and backpressure.</b> {@link #insert} encodes the point into the current batch on the
 * caller's thread; every {@link HttpWriteSettings#batchSize()} points the batch is handed to one of
 * {@link HttpWriteSettings#maxInFlightBatches()} sender threads, which gzip it and POST it. The client
 * owns {@code maxInFlightBatches + 1} batch buffers: when every sender is busy and the next batch is
 * full too, {@code insert} blocks until a batch is acknowledged. A slow or failing database thus slows
 * the reading down, memory stays bounded, and no point is ever dropped. Timestamps are nanoseconds ({@code precision=ns} is added to a 2.x URL; 1.x and
 * VictoriaMetrics read nanoseconds by default). The environment variable {@code LLAMADB_TOKEN}, read
 * by {@link LlamaDb#connect}, is sent as {@code Authorization: Token <token>}.
 *
 * <p><b>Failures.</b> A batch is retried (resilience4j {@code Retry}: exponential backoff with jitter,
 * {@link HttpWriteSettings.RetryPolicy}) after a connection error, a timeout, HTTP 408, 429 or 5xx,
 * waiting at least the {@code Retry-After} the server sent. Every attempt passes a
 * {@link CircuitBreaker} ({@link HttpWriteSettings.BreakerPolicy}) shared by all batches of this client:
 * it opens while the database is down, and while it is open attempts fail at once and are retried after
 * their backoff, so writes wait rather than drop, within the retry budget. {@link #available()} is false
 * while it is open, so a worker can stop taking jobs; the change is logged and told to the
 * {@link #onAvailabilityChange} listeners. Any other status (400 for a malformed line or a field type
 * conflict, 401, 403, 404 for an unknown database, 413) is not retried: the dataset fails with a
 * non-retryable {@link LlamaDbException} quoting the server's response body (truncated to
 * {@value BatchSender#MAX_QUOTED_BODY_CHARS} characters). A batch that still fails when its attempts are used up
 * fails the dataset with a retryable {@code LlamaDbException}. The first failure is thrown by the next
 * {@code insert} or by {@link #flush()}; the batches still in flight are then abandoned.
 *
 * <p><b>Idempotency (P4).</b> Points carry deterministic timestamps (the same dataset always yields
 * the same measurement, tags and timestamps), and InfluxDB stores one point per series and timestamp,
 * the last write winning. Sending a batch again after an ambiguous failure (a timeout or a dropped
 * connection after the server had written it), or writing a whole dataset again in a retried job,
 * therefore only overwrites identical points: nothing is duplicated.
 *
 * <p><b>Dataset boundaries.</b> {@link #flush()} returns once every batch inserted so far is
 * acknowledged (2xx), so a job's report is final only after it. {@link #discard()} drops the batch not
 * yet sent and abandons the ones in flight, but cannot take back batches the server has already
 * acknowledged: they stay in the database until the dataset is written again (which overwrites them,
 * see above) or deleted there. One caller thread at a time; not thread-safe apart from
 * {@link #available()} and {@link #onAvailabilityChange}.
 */
final class HttpLineProtocolClient implements LlamaDbClient {

    /** Bytes the encoder buffers before they are appended to the batch. */
    static final int ENCODER_BUFFER_BYTES = 64 * 1024;

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final String uri;
    private final URI writeUri;
    private final HttpWriteSettings settings;
    private final BatchSender sender;
    private final BatchPool pool;
    private final LineProtocolEncoder encoder;
    private Batch current;
    private long batchesSent;
    private String datasetId;
    private boolean pending;
    private boolean closed;

    private HttpLineProtocolClient(String uri, URI writeUri, HttpWriteSettings settings, String token) {
        this.uri = Redaction.uri(uri);
        this.writeUri = writeUri;
        this.settings = settings;
        String name = "llamadb-http-" + CLIENTS.incrementAndGet();
        this.sender = new BatchSender(name, this.uri, writeUri, settings, token);
        this.pool = new BatchPool(
                name, settings.maxInFlightBatches(), (int) Math.min(1 << 20, settings.batchSize() * 128L));
        this.encoder =
                new LineProtocolEncoder(ENCODER_BUFFER_BYTES, (bytes, length) -> current.raw.write(bytes, 0, length));
    }

    /**
     * A client writing to {@code uri}, an {@code http(s)://} write URL; {@code token} (may be null) is
     * sent as {@code Authorization: Token <token>}. Nothing is connected before the first batch.
     *
     * @throws IllegalArgumentException when the URL is not a usable write URL (see {@link WriteUrl#parse})
     */
    static HttpLineProtocolClient connect(String uri, HttpWriteSettings settings, String token) {
        Objects.requireNonNull(settings, "settings");
        return new HttpLineProtocolClient(uri, WriteUrl.parse(uri), settings, token);
    }

    /** The write URL this client was connected with, its password parameters hidden ({@code p=***}). */
    @Override
    public String uri() {
        return uri;
    }

    /** False while the circuit breaker is open: the database failed repeatedly and is not tried now. */
    @Override
    public boolean available() {
        return sender.available();
    }

    @Override
    public void onRetry(Runnable listener) {
        sender.onRetry(listener);
    }

    @Override
    public void onAvailabilityChange(Consumer<Boolean> listener) {
        sender.onAvailabilityChange(listener);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Fails fast, within the connect timeout, when the server cannot be reached at all (nothing listens, no
     * such host, no answer): retrying the dataset's batches for minutes would only end in the same error.
     * Outages during a dataset are still retried batch by batch.
     *
     * @throws LlamaDbException (retryable) naming the redacted URL and why it cannot connect
     */
    @Override
    public void beginDataset(String toothbrushId, String datasetId) {
        Objects.requireNonNull(toothbrushId, "toothbrushId");
        Objects.requireNonNull(datasetId, "datasetId");
        checkOpen();
        if (pending) {
            throw new IllegalStateException("dataset " + this.datasetId + " is neither flushed nor discarded");
        }
        this.datasetId = datasetId;
        pool.clearFailure();
        sender.probe(datasetId);
        pending = true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Blocks while every sender is busy and the next batch is full too (backpressure).
     *
     * @throws LlamaDbException when an earlier batch of this dataset failed (after retries)
     */
    @Override
    public void insert(String measurement, long timeNanos, Tags tags, Fields fields) {
        checkOpen();
        pending = true;
        Batch batch = current;
        if (batch == null) {
            batch = takeFreeBatch();
        }
        try {
            encoder.encode(measurement, timeNanos, tags, fields);
        } catch (IOException e) {
            throw new LlamaDbException(uri, datasetId, "cannot encode", Retryability.RETRYABLE, e);
        }
        batch.points++;
        if (batch.points == settings.batchSize()) {
            send();
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws LlamaDbException when a batch was refused (4xx, not retryable) or not acknowledged
     *     within its retry budget (retryable); the dataset then stays pending until {@link #discard()}
     */
    @Override
    public void flush() {
        checkOpen();
        throwIfFailed();
        if (current != null && current.points > 0) {
            send();
        }
        if (!pool.awaitAll()) {
            throw new LlamaDbException(
                    uri,
                    datasetId,
                    "interrupted while waiting for batches to be acknowledged",
                    Retryability.RETRYABLE,
                    null);
        }
        throwIfFailed();
        pending = false;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Over HTTP only the batch not sent yet is dropped; the batches in flight are abandoned (their
     * retries stop), and whatever the server already acknowledged stays in the database.
     */
    @Override
    public void discard() {
        checkOpen();
        encoder.reset();
        if (current != null) {
            current.reset();
        }
        pool.abandonAll();
        pool.clearFailure();
        pending = false;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            discard();
        } finally {
            closed = true;
            pool.close();
        }
    }

    /** The circuit breaker's state, for tests. */
    CircuitBreaker.State breakerState() {
        return sender.breakerState();
    }

    /** The URL batches are POSTed to. */
    URI writeUri() {
        return writeUri;
    }

    private Batch takeFreeBatch() {
        throwIfFailed();
        Batch batch;
        try {
            batch = pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlamaDbException(
                    uri,
                    datasetId,
                    "interrupted while waiting for a batch to be acknowledged",
                    Retryability.RETRYABLE,
                    e);
        }
        current = batch;
        throwIfFailed();
        return batch;
    }

    private void throwIfFailed() {
        LlamaDbException failed = pool.failure();
        if (failed != null) {
            throw failed;
        }
    }

    /** Hands the current batch to a sender. */
    private void send() {
        try {
            encoder.drain();
        } catch (IOException e) {
            throw new LlamaDbException(uri, datasetId, "cannot encode", Retryability.RETRYABLE, e);
        }
        Batch batch = current;
        current = null;
        batch.number = ++batchesSent;
        batch.datasetId = datasetId;
        pool.submit(batch, sender::send);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("LlamaDB client " + uri + " is closed");
        }
    }
}
