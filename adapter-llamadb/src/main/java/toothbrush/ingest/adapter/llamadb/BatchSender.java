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
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toothbrush.ingest.application.report.Redaction;
import toothbrush.ingest.application.report.Retryability;
import toothbrush.ingest.application.support.Backoff;
import toothbrush.ingest.application.support.Throwables;

/**
 * Sends the batches of the HTTP backend: one POST per attempt with the JDK's {@link HttpClient} over kept-alive
 * HTTP/1.1 connections, retried (resilience4j {@link Retry}, the project's {@link Backoff} policy,
 * {@link HttpWriteSettings.RetryPolicy}) after a connection error, a timeout, HTTP 408, 429 or 5xx, waiting at
 * least the {@code Retry-After} the server sent ({@link RetryAfter}). Every attempt passes one
 * {@link CircuitBreaker} ({@link HttpWriteSettings.BreakerPolicy}) shared by all batches: it opens while the
 * database is down, and while it is open attempts fail at once and are retried after their backoff.
 * {@link #available()} is false while it is open; the change is logged and told to the
 * {@link #onAvailabilityChange} listeners. Any other status is final, quoting the server's response body
 * (truncated to {@value #MAX_QUOTED_BODY_CHARS} characters). Safe for the sender threads of a
 * {@link BatchPool} to share.
 */
final class BatchSender {
    /** Longest piece of a refusing server's response body quoted in the exception message. */
    static final int MAX_QUOTED_BODY_CHARS = 500;
    /** Bytes of an error response body read at most. */
    static final int MAX_READ_BODY_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);
    private static final String TOKEN_PREFIX = "Token ";

    private final String uri;
    private final URI writeUri;
    private final HttpWriteSettings settings;
    private final String authorization;
    private final HttpClient http;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param name names the retry and the circuit breaker
     * @param uri the write URL as shown, redacted
     * @param writeUri the URL to POST to ({@link WriteUrl#parse})
     * @param token sent as {@code Authorization: Token <token>}; {@code null} or empty for none
     * @throws IllegalArgumentException when the token is not visible ASCII
     */
    BatchSender(String name, String uri, URI writeUri, HttpWriteSettings settings, String token) {
        this.uri = uri;
        this.writeUri = writeUri;
        this.settings = settings;
        this.authorization =
                token == null || token.isEmpty() ? null : TOKEN_PREFIX + LlamaDbToken.check(token, "the token given");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.retry = Retry.of(name, retryConfig(settings.retry()));
        this.breaker = CircuitBreaker.of(name, breakerConfig(settings.breaker()));
        this.breaker
                .getEventPublisher()
                .onStateTransition(event -> stateChanged(
                        event.getStateTransition().getFromState(),
                        event.getStateTransition().getToState()));
    }

    /** False while the circuit breaker is open: the database failed repeatedly and is not tried now. */
    boolean available() {
        CircuitBreaker.State state = breaker.getState();
        return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }

    /** Runs {@code listener} before each retry of a batch. */
    void onRetry(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        retry.getEventPublisher().onRetry(event -> listener.run());
    }

    /** Tells {@code listener} when {@link #available()} changes. */
    void onAvailabilityChange(Consumer<Boolean> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The circuit breaker's state, for tests. */
    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /**
     * Fails fast, within the connect timeout, when the server cannot be reached at all (nothing listens, no
     * such host, no answer): retrying a dataset's batches for minutes would only end in the same error. A
     * failure counts for the circuit breaker like a failed write, so repeated refusals open it.
     *
     * @throws LlamaDbException (retryable) naming the redacted URL and why
     */
    void probe(String datasetId) {
        String host = writeUri.getHost();
        int port = writeUri.getPort() >= 0
                ? writeUri.getPort()
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
        breaker.onError(0, TimeUnit.NANOSECONDS, cause);
        throw new LlamaDbException(uri, datasetId, what, Retryability.RETRYABLE, cause);
    }

    /**
     * Sends {@code batch} (gzipped when the settings say so) with retries, on the caller's thread.
     *
     * @return {@code null} when the server acknowledged it or it was abandoned; else why it failed: not
     *     retryable when the server refused it (a 4xx but 408 and 429), retryable when its attempts ran out
     */
    LlamaDbException send(Batch batch) {
        try {
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
                            // An interrupt from BatchPool.abandonAll may have been swallowed by the I/O as an
                            // IOException; the flag, set before the interrupt, stops the retries anyway.
                            if (batch.abandoned) {
                                throw new AbandonedException();
                            }
                            throw e;
                        }
                    })
                    .get();
            return null;
        } catch (Throwable e) {
            return batch.abandoned ? null : failure(batch, e);
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
                text = text.replace(authorization.substring(TOKEN_PREFIX.length()), Redaction.MASK);
            }
            throw new StatusException(status, Redaction.text(text), RetryAfter.millis(response));
        }
    }

    private LlamaDbException failure(Batch batch, Throwable e) {
        String what = batch.describe();
        if (e instanceof StatusException status && status.retryability == Retryability.PERMANENT) {
            return new LlamaDbException(uri, batch.datasetId, "the server refused " + what, Retryability.PERMANENT, e);
        }
        Throwable cause = e;
        if (e instanceof CallNotPermittedException) {
            cause = new IOException("the circuit breaker is open (the database failed repeatedly)", e);
        } else if (!(e instanceof StatusException)) {
            cause = new IOException(Throwables.describeWithType(e), e);
        }
        return new LlamaDbException(
                uri,
                batch.datasetId,
                what + " not acknowledged after " + batch.attempts + (batch.attempts == 1 ? " attempt" : " attempts"),
                Retryability.RETRYABLE,
                cause);
    }

    private void stateChanged(CircuitBreaker.State from, CircuitBreaker.State to) {
        boolean before = from != CircuitBreaker.State.OPEN && from != CircuitBreaker.State.FORCED_OPEN;
        boolean after = to != CircuitBreaker.State.OPEN && to != CircuitBreaker.State.FORCED_OPEN;
        if (to == CircuitBreaker.State.OPEN && from == CircuitBreaker.State.CLOSED) {
            LOG.warn(
                    "LlamaDB {} is unavailable: circuit breaker opened ({}% of the last {} attempts failed);"
                            + " writes wait and retry",
                    uri,
                    breaker.getMetrics().getFailureRate(),
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

    /** True for failures worth another attempt: I/O errors and timeouts, HTTP 408, 429 and 5xx. */
    static boolean retryable(Throwable e) {
        return e instanceof IOException || (e instanceof StatusException status && status.retryability.retryable());
    }

    private static RetryConfig retryConfig(HttpWriteSettings.RetryPolicy policy) {
        Backoff backoff = policy.backoff();
        long max = policy.maxBackoff().toMillis();
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            long wait = backoff.delayMillis(attempt);
            if (outcome.isLeft()
                    && outcome.getLeft() instanceof StatusException status
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
                .slidingWindow(
                        policy.windowCalls(),
                        Math.min(policy.minimumCalls(), policy.windowCalls()),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(policy.failureRatePercent())
                .waitDurationInOpenState(policy.openDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(BatchSender::retryable)
                .ignoreExceptions(AbandonedException.class)
                .writableStackTraceEnabled(false)
                .build();
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

    /** The batch was abandoned (a discard or a failed flush): no more attempts. */
    static final class AbandonedException extends Exception {
        private static final long serialVersionUID = 1L;

        AbandonedException() {
            super("abandoned", null, false, false);
        }
    }
}
