package toothbrush.ingest.adapter.llamadb;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toothbrush.ingest.application.report.Redaction;
import toothbrush.ingest.application.report.Retryability;
import toothbrush.ingest.application.support.Backoff;
import toothbrush.ingest.application.support.Throwables;

/**
 * The {@code http(s)://} backend: InfluxDB line protocol (see {@link LineProtocolEncoder}) POSTed to
 * the write URL of an InfluxDB-compatible server (InfluxDB 1.x {@code /write?db=..}, 2.x
 * {@code /api/v2/write?bucket=..&org=..}, VictoriaMetrics {@code /write}) with the JDK's
 * {@link HttpClient} over kept-alive HTTP/1.1 connections.
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
 * <p><b>Failures.</b> A batch is retried (resilience4j {@link Retry}: exponential backoff with jitter,
 * {@link HttpWriteSettings.RetryPolicy}) after a connection error, a timeout, HTTP 408, 429 or 5xx,
 * waiting at least the {@code Retry-After} the server sent. Every attempt passes a
 * {@link CircuitBreaker} ({@link HttpWriteSettings.BreakerPolicy}) shared by all batches of this client:
 * it opens while the database is down, and while it is open attempts fail at once and are retried after
 * their backoff, so writes wait rather than drop, within the retry budget. {@link #available()} is false
 * while it is open, so a worker can stop taking jobs; the change is logged and told to the
 * {@link #onAvailabilityChange} listeners. Any other status (400 for a malformed line or a field type
 * conflict, 401, 403, 404 for an unknown database, 413) is not retried: the dataset fails with a
 * non-retryable {@link LlamaDbException} quoting the server's response body (truncated to
 * {@value #MAX_QUOTED_BODY_CHARS} characters). A batch that still fails when its attempts are used up
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

    /** Longest piece of a refusing server's response body quoted in the exception message. */
    static final int MAX_QUOTED_BODY_CHARS = 500;
    /** Bytes the encoder buffers before they are appended to the batch. */
    static final int ENCODER_BUFFER_BYTES = 64 * 1024;
    /** Bytes of an error response body read at most. */
    static final int MAX_READ_BODY_BYTES = 16 * 1024;
    /** The environment variable holding the API token. */
    static final String TOKEN_VARIABLE = LlamaDbToken.VARIABLE;

    private static final Logger LOG = LoggerFactory.getLogger(HttpLineProtocolClient.class);
    private static final String V2_WRITE_PATH = "/api/v2/write";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final String uri;
    private final URI writeUri;
    private final String authorization;
    private final HttpWriteSettings settings;
    private final HttpClient http;
    private final ExecutorService senders;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final LineProtocolEncoder encoder;
    private final BlockingQueue<Batch> free;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batchDone = lock.newCondition();
    /** Batches handed to a sender and not finished yet; guarded by {@link #lock}. */
    private final List<Batch> inFlight = new ArrayList<>();
    private final AtomicReference<LlamaDbException> failure = new AtomicReference<>();
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private Batch current;
    private long batchesSent;
    private String datasetId;
    private boolean pending;
    private boolean closed;

    private HttpLineProtocolClient(String uri, URI writeUri, HttpWriteSettings settings, String token) {
        this.uri = Redaction.uri(uri);
        this.writeUri = writeUri;
        this.settings = settings;
        this.authorization = token == null || token.isEmpty() ? null : "Token " + LlamaDbToken.check(token, "the token given");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        int id = CLIENTS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(settings.maxInFlightBatches(), task -> {
            Thread thread = new Thread(task, "llamadb-http-" + id + "-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.retry = Retry.of("llamadb-http-" + id, retryConfig(settings.retry()));
        this.breaker = CircuitBreaker.of("llamadb-http-" + id, breakerConfig(settings.breaker()));
        this.breaker.getEventPublisher().onStateTransition(event -> stateChanged(
                event.getStateTransition().getFromState(), event.getStateTransition().getToState()));
        this.encoder = new LineProtocolEncoder(ENCODER_BUFFER_BYTES, (bytes, length) -> current.raw.write(bytes, 0, length));
        int pool = settings.maxInFlightBatches() + 1;
        this.free = new ArrayBlockingQueue<>(pool);
        int capacity = (int) Math.min(1 << 20, settings.batchSize() * 128L);
        for (int i = 0; i < pool; i++) {
            free.add(new Batch(capacity));
        }
    }

    /**
     * A client writing to {@code uri}, an {@code http(s)://} write URL; {@code token} (may be null) is
     * sent as {@code Authorization: Token <token>}. Nothing is connected before the first batch.
     *
     * @throws IllegalArgumentException when the URL is not a usable write URL (see {@link #writeUri})
     */
    static HttpLineProtocolClient connect(String uri, HttpWriteSettings settings, String token) {
        Objects.requireNonNull(settings, "settings");
        return new HttpLineProtocolClient(uri, writeUri(uri), settings, token);
    }

    /**
     * The URL batches are POSTed to: {@code uri} itself, with {@code precision=ns} added to an InfluxDB
     * 2.x {@code /api/v2/write} URL that names no precision.
     *
     * @throws IllegalArgumentException when {@code uri} is not an absolute {@code http} or {@code https}
     *     URL with a host, carries user info (credentials go into {@code LLAMADB_TOKEN} or the 1.x
     *     {@code u=}/{@code p=} parameters) or a fragment, or asks for a precision other than {@code ns}
     */
    static URI writeUri(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            // e.getMessage() quotes the whole input, secrets included: only its reason and index are shown
            throw new IllegalArgumentException("invalid LlamaDB URL '" + Redaction.uri(uri) + "': " + e.getReason()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
        String scheme = parsed.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || parsed.getHost() == null) {
            throw new IllegalArgumentException("invalid LlamaDB URL '" + Redaction.uri(uri)
                    + "': expected http(s)://HOST[:PORT]/PATH?QUERY");
        }
        if (parsed.getRawUserInfo() != null) {
            throw new IllegalArgumentException("invalid LlamaDB URL '" + Redaction.uri(uri) + "': no user info in the URL;"
                    + " put a token into " + TOKEN_VARIABLE + " (or use InfluxDB 1.x's u= and p= parameters)");
        }
        if (parsed.getRawFragment() != null) {
            throw new IllegalArgumentException("invalid LlamaDB URL '" + Redaction.uri(uri) + "': no #fragment allowed");
        }
        String query = parsed.getRawQuery();
        String precision = parameter(query, "precision");
        if (precision != null && !precision.equals("ns") && !precision.equals("n")) {
            throw new IllegalArgumentException("invalid LlamaDB URL '" + Redaction.uri(uri)
                    + "': points are written with nanosecond timestamps; drop precision=" + precision
                    + " or use precision=ns");
        }
        String path = parsed.getRawPath();
        if (precision == null && path != null && path.endsWith(V2_WRITE_PATH)) {
            return URI.create(uri + (query == null ? "?" : query.isEmpty() ? "" : "&") + "precision=ns");
        }
        return parsed;
    }

    /** The write URL this client was connected with, its password parameters hidden ({@code p=***}). */
    @Override
    public String uri() {
        return uri;
    }

    /** False while the circuit breaker is open: the database failed repeatedly and is not tried now. */
    @Override
    public boolean available() {
        CircuitBreaker.State state = breaker.getState();
        return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }

    @Override
    public void onRetry(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        retry.getEventPublisher().onRetry(event -> listener.run());
    }

    @Override
    public void onAvailabilityChange(Consumer<Boolean> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void beginDataset(String toothbrushId, String datasetId) {
        Objects.requireNonNull(toothbrushId, "toothbrushId");
        Objects.requireNonNull(datasetId, "datasetId");
        checkOpen();
        if (pending) {
            throw new IllegalStateException("dataset " + this.datasetId + " is neither flushed nor discarded");
        }
        this.datasetId = datasetId;
        failure.set(null);
        probe();
        pending = true;
    }

    /**
     * {@link #beginDataset} fails fast, within the connect timeout, when the server cannot be reached at all
     * (nothing listens, no such host, no answer): retrying the dataset's batches for minutes would only end in
     * the same error. Outages during a dataset are still retried batch by batch.
     *
     * @throws LlamaDbException (retryable) naming the redacted URL and why
     */
    private void probe() {
        String host = writeUri.getHost();
        int port = writeUri.getPort() >= 0 ? writeUri.getPort()
                : "https".equalsIgnoreCase(writeUri.getScheme()) ? 443 : 80;
        long timeoutMillis = settings.connectTimeout().toMillis();
        String what;
        IOException cause;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeoutMillis));
            return;
        } catch (ConnectException e) {
            what = "connection refused: nothing listens at " + host + ':' + port;
            cause = e;
        } catch (SocketTimeoutException e) {
            what = "cannot connect to " + host + ':' + port + " within " + timeoutMillis + " ms";
            cause = e;
        } catch (UnknownHostException e) {
            what = "cannot connect: unknown host " + host;
            cause = e;
        } catch (IOException e) {
            what = "cannot connect to " + host + ':' + port + ": " + Throwables.describeWithType(e);
            cause = e;
        }
        // counted like a failed write, so repeated refusals open the breaker and a worker stops taking jobs
        breaker.onError(0, TimeUnit.NANOSECONDS, cause);
        throw new LlamaDbException(uri, datasetId, what, Retryability.RETRYABLE, cause);
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
        awaitInFlight();
        LlamaDbException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
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
        abandonInFlight();
        failure.set(null);
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
            senders.shutdownNow();
        }
    }

    /** The circuit breaker's state, for tests. */
    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /** The URL batches are POSTed to. */
    URI writeUri() {
        return writeUri;
    }

    private Batch takeFreeBatch() {
        throwIfFailed();
        Batch batch;
        try {
            batch = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlamaDbException(uri, datasetId, "interrupted while waiting for a batch to be acknowledged",
                    Retryability.RETRYABLE, e);
        }
        batch.reset();
        current = batch;
        throwIfFailed();
        return batch;
    }

    private void throwIfFailed() {
        LlamaDbException failed = failure.get();
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
        batch.abandoned = false;
        batch.attempts = 0;
        lock.lock();
        try {
            inFlight.add(batch);
        } finally {
            lock.unlock();
        }
        senders.execute(() -> run(batch));
    }

    /** Waits until every batch in flight is done, or until one failed; then abandons the rest. */
    private void awaitInFlight() {
        boolean interrupted = false;
        lock.lock();
        try {
            while (!inFlight.isEmpty() && failure.get() == null && !interrupted) {
                try {
                    batchDone.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
        }
        abandonInFlight();
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new LlamaDbException(uri, datasetId, "interrupted while waiting for batches to be acknowledged",
                    Retryability.RETRYABLE, null);
        }
    }

    /** Stops the retries of the batches in flight (interrupting their senders) and waits for them. */
    private void abandonInFlight() {
        lock.lock();
        try {
            for (Batch batch : inFlight) {
                batch.abandoned = true;
                if (batch.sender != null) {
                    batch.sender.interrupt();
                }
            }
            while (!inFlight.isEmpty()) {
                batchDone.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends one batch with retries, on a sender thread, and records its failure. */
    private void run(Batch batch) {
        lock.lock();
        try {
            batch.sender = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        LlamaDbException failed = null;
        try {
            if (!batch.abandoned) {
                batch.prepareBody(settings.gzip());
                CheckedSupplier<Void> guarded = CircuitBreaker.decorateCheckedSupplier(breaker, () -> {
                    post(batch);
                    return null;
                });
                Retry.decorateCheckedSupplier(retry, () -> {
                    batch.attempts++;
                    try {
                        return guarded.get();
                    } catch (Throwable e) {
                        // An interrupt from abandonInFlight may have been swallowed by the I/O as an
                        // IOException; the flag, set before the interrupt, stops the retries anyway.
                        if (batch.abandoned) {
                            throw new AbandonedException();
                        }
                        throw e;
                    }
                }).get();
            }
        } catch (Throwable e) {
            if (!batch.abandoned) {
                failed = failure(batch, e);
            }
        } finally {
            lock.lock();
            try {
                batch.sender = null;
                Thread.interrupted();
                inFlight.remove(batch);
                if (failed != null) {
                    failure.compareAndSet(null, failed);
                }
                free.add(batch);
                batchDone.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** One attempt: POSTs the batch and throws unless the server acknowledged it (2xx). */
    private void post(Batch batch) throws IOException, StatusException, AbandonedException {
        if (batch.abandoned) {
            throw new AbandonedException();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(writeUri)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body.bytes, 0, batch.body.length));
        if (settings.gzip()) {
            request.header("Content-Encoding", "gzip");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            throw new AbandonedException();
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status >= 200 && status < 300) {
                body.transferTo(OutputStream.nullOutputStream());
                return;
            }
            String text = new String(body.readNBytes(MAX_READ_BODY_BYTES), StandardCharsets.UTF_8);
            if (authorization != null) {
                // F4: a server that echoes the request's credentials must not put the token into our messages
                text = text.replace(authorization.substring("Token ".length()), Redaction.MASK);
            }
            throw new StatusException(status, Redaction.text(text), retryAfterMillis(response));
        }
    }

    private LlamaDbException failure(Batch batch, Throwable e) {
        String what = "batch " + batch.number + " (" + batch.points + (batch.points == 1 ? " point)" : " points)");
        if (e instanceof StatusException status && status.retryability == Retryability.PERMANENT) {
            return new LlamaDbException(uri, batch.datasetId, "the server refused " + what, Retryability.PERMANENT, e);
        }
        Throwable cause = e;
        if (e instanceof CallNotPermittedException) {
            cause = new IOException("the circuit breaker is open (the database failed repeatedly)", e);
        } else if (!(e instanceof StatusException)) {
            cause = new IOException(Throwables.describeWithType(e), e);
        }
        return new LlamaDbException(uri, batch.datasetId, what + " not acknowledged after " + batch.attempts
                + (batch.attempts == 1 ? " attempt" : " attempts"), Retryability.RETRYABLE, cause);
    }

    private void stateChanged(CircuitBreaker.State from, CircuitBreaker.State to) {
        boolean before = from != CircuitBreaker.State.OPEN && from != CircuitBreaker.State.FORCED_OPEN;
        boolean after = to != CircuitBreaker.State.OPEN && to != CircuitBreaker.State.FORCED_OPEN;
        if (to == CircuitBreaker.State.OPEN && from == CircuitBreaker.State.CLOSED) {
            LOG.warn("LlamaDB {} is unavailable: circuit breaker opened ({}% of the last {} attempts failed);"
                            + " writes wait and retry", uri, breaker.getMetrics().getFailureRate(),
                    breaker.getMetrics().getNumberOfBufferedCalls());
        } else if (to == CircuitBreaker.State.OPEN) {
            LOG.debug("LlamaDB {}: the trial write failed, circuit breaker open again", uri);
        } else if (to == CircuitBreaker.State.HALF_OPEN) {
            LOG.debug("LlamaDB {}: circuit breaker half-open, trying a write", uri);
        } else if (to == CircuitBreaker.State.CLOSED) {
            LOG.info("LlamaDB {} is available again: circuit breaker closed", uri);
        }
        if (before != after) {
            for (Consumer<Boolean> listener : listeners) {
                try {
                    listener.accept(after);
                } catch (RuntimeException e) {
                    LOG.warn("LlamaDB {}: availability listener failed", uri, e);
                }
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("LlamaDB client " + uri + " is closed");
        }
    }

    /** True for failures worth another attempt: I/O errors and timeouts, HTTP 408, 429 and 5xx. */
    static boolean retryable(Throwable e) {
        return e instanceof IOException || (e instanceof StatusException status && status.retryability.retryable());
    }

    private static RetryConfig retryConfig(HttpWriteSettings.RetryPolicy policy) {
        Backoff backoff = policy.backoff();
        long max = policy.maxBackoff().toMillis();
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            long wait = backoff.delayMillis(attempt);
            if (outcome.isLeft() && outcome.getLeft() instanceof StatusException status
                    && status.retryAfterMillis > wait) {
                wait = Math.min(status.retryAfterMillis, max);
            }
            return wait;
        };
        return RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .intervalBiFunction(interval)
                .retryOnException(e -> retryable(e) || e instanceof CallNotPermittedException)
                .build();
    }

    private static CircuitBreakerConfig breakerConfig(HttpWriteSettings.BreakerPolicy policy) {
        return CircuitBreakerConfig.custom()
                .slidingWindow(policy.windowCalls(), Math.min(policy.minimumCalls(), policy.windowCalls()),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(policy.failureRatePercent())
                .waitDurationInOpenState(policy.openDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(HttpLineProtocolClient::retryable)
                .ignoreExceptions(AbandonedException.class)
                .writableStackTraceEnabled(false)
                .build();
    }

    /**
     * The wait a 429 or 503 response asks for: {@code Retry-After} in seconds or as an HTTP date;
     * 0 when absent or unreadable.
     */
    static long retryAfterMillis(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> retryAfterMillis(value, Instant.now()))
                .orElse(0L);
    }

    static long retryAfterMillis(String value, Instant now) {
        String text = value.trim();
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return text.length() > 9 ? Long.MAX_VALUE : Long.parseLong(text) * 1000;
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Math.max(0, Duration.between(now, at).toMillis());
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    /** The raw value of query parameter {@code name}, or {@code null}. */
    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            if (key.equals(name)) {
                return equals < 0 ? "" : parameter.substring(equals + 1);
            }
        }
        return null;
    }

    /** The response of one attempt was not 2xx. */
    static final class StatusException extends Exception {
        private static final long serialVersionUID = 1L;

        final int status;
        final Retryability retryability;
        final long retryAfterMillis;

        StatusException(int status, String body, long retryAfterMillis) {
            super("HTTP " + status + ": " + quote(body), null, false, false);
            this.status = status;
            this.retryability = Retryability.ofHttpStatus(status);
            this.retryAfterMillis = retryAfterMillis;
        }

        private static String quote(String body) {
            String text = body.strip();
            if (text.isEmpty()) {
                return "(empty response body)";
            }
            if (text.length() <= MAX_QUOTED_BODY_CHARS) {
                return text;
            }
            return text.substring(0, MAX_QUOTED_BODY_CHARS) + "... (" + (text.length() - MAX_QUOTED_BODY_CHARS)
                    + " more characters)";
        }
    }

    /** The batch was abandoned by {@link #discard()} or a failed flush: no more attempts. */
    static final class AbandonedException extends Exception {
        private static final long serialVersionUID = 1L;

        AbandonedException() {
            super("abandoned", null, false, false);
        }
    }

    /** A growable byte array that is also an {@link OutputStream}. */
    private static final class Bytes extends OutputStream {
        byte[] bytes;
        int length;

        Bytes(int capacity) {
            bytes = new byte[capacity];
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[length++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int count) {
            ensure(count);
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }

        private void ensure(int count) {
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + count, bytes.length * 2));
            }
        }
    }

    /** One batch buffer: the encoded lines, the request body made of them, and its state in flight. */
    private static final class Batch {
        final Bytes raw;
        Bytes body;
        int points;
        int attempts;
        long number;
        String datasetId;
        volatile boolean abandoned;
        /** The sender thread working on it; guarded by the client's lock. */
        Thread sender;

        Batch(int capacity) {
            raw = new Bytes(capacity);
        }

        void reset() {
            raw.length = 0;
            points = 0;
        }

        /** Makes {@link #body}: the lines gzipped (fastest level: line protocol compresses ~10:1 anyway), or as they are. */
        void prepareBody(boolean gzip) throws IOException {
            if (!gzip) {
                body = raw;
                return;
            }
            if (body == null || body == raw) {
                body = new Bytes(Math.max(1024, raw.length / 4));
            }
            body.length = 0;
            try (GZIPOutputStream out = new FastGzip(body)) {
                out.write(raw.bytes, 0, raw.length);
            }
        }
    }

    /** A {@link GZIPOutputStream} at {@link Deflater#BEST_SPEED}. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
