package toothbrush.ingest.adapter.streams.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import toothbrush.ingest.application.report.Retryability;
import toothbrush.ingest.application.support.Checks;

/**
 * A stream at an {@code http://} or {@code https://} URL, fetched with {@code GET} and resumed at any
 * byte with {@code Range: bytes=N-} and {@code If-Range}.
 *
 * <p>The first response fixes the object: its strong {@code ETag} (or, without any ETag, its
 * {@code Last-Modified}) is sent as {@code If-Range} on every resume, and its length (from {@code Content-Length} or
 * {@code Content-Range}) is {@link #size()}. A {@code 206} must start exactly at the byte asked for and
 * agree with that object; a {@code 200} to a resume (Range ignored, or If-Range failed) is used, with its
 * first N bytes discarded, only when its validators show the object unchanged, else the open fails
 * with {@link SourceChangedException}. One instance serves one read of a stream.
 *
 * <p>Requests carry {@code Accept-Encoding: identity}; a body that is {@code Content-Encoding: gzip}
 * anyway is handed out as the raw gzip bytes (offsets count them; the decoder above un-gzips).
 * Statuses: 404, 410 and the other 4xx (but 408 and 429) throw {@link SourceUnavailableException};
 * 408, 429 and 5xx throw a plain {@link IOException}, as do connection failures and timeouts.
 *
 * <p>Redirects (301, 302, 303, 307, 308) are followed here, not by the client (give it
 * {@link HttpClient.Redirect#NEVER}): at most {@value #MAX_REDIRECTS} hops, a relative {@code Location}
 * resolved against the URL that sent it, https to http refused. Every open (the first and every resume)
 * starts from the original URL, and the {@link SourcePolicy} checks it and every hop before it is
 * requested: a refused URL is never requested ({@link SourceNotAllowedException}).
 */
public final class HttpByteSource implements ByteSource {
    /** Redirect hops followed at most per open. */
    public static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final SourcePolicy policy;
    private final URI uri;
    private final String description;
    private final Duration readTimeout;
    private final String readTimeoutText;

    /** Validators and length of the first response (the object this read is of). */
    private boolean known;

    private String etag;
    private String lastModified;
    private long length = -1;

    /**
     * A source for {@code uri}, described in messages as {@code description} (the URL the user gave).
     *
     * @param readTimeout the longest wait for the response headers and for each next byte of the body
     */
    public HttpByteSource(HttpClient client, URI uri, String description, Duration readTimeout) {
        this(client, uri, description, readTimeout, SourcePolicy.unrestricted());
    }

    /**
     * A source for {@code uri} that requests only what {@code policy} allows.
     *
     * @param client a client that does not follow redirects itself, unless the policy is unrestricted
     * @throws IllegalArgumentException when the policy restricts and the client follows redirects itself
     *     (its hops could not be checked)
     */
    public HttpByteSource(HttpClient client, URI uri, String description, Duration readTimeout, SourcePolicy policy) {
        this.client = Objects.requireNonNull(client, "client");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (!policy.isUnrestricted() && client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException(
                    "a client that follows redirects itself cannot be restricted by " + policy);
        }
        this.uri = Objects.requireNonNull(uri, "uri");
        this.description = Objects.requireNonNull(description, "description");
        this.readTimeout = Checks.requirePositive(readTimeout, "readTimeout");
        this.readTimeoutText = durationText(readTimeout);
    }

    @Override
    public InputStream open(long offset) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        URI at = uri;
        policy.checkUrl(at);
        for (int hops = 0; ; hops++) {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(request(at, offset), at);
            HttpBodyInputStream body = new HttpBodyInputStream(readTimeout.toNanos(), readTimeoutText);
            response.body().subscribe(body);
            if (!isRedirect(response.statusCode())) {
                try {
                    return accept(response, body, offset, at);
                } catch (IOException | RuntimeException e) {
                    body.close();
                    throw e;
                }
            }
            body.close();
            at = redirectTarget(response, at, hops);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Where the redirect {@code response} from {@code from} leads, checked before it is requested. */
    private URI redirectTarget(HttpResponse<?> response, URI from, int hops) throws IOException {
        int status = response.statusCode();
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null || location.isBlank()) {
            throw new SourceUnavailableException(
                    "HTTP " + status + " redirect without a Location from " + SourcePolicy.safe(from), null);
        }
        if (hops >= MAX_REDIRECTS) {
            throw new SourceUnavailableException(
                    "more than " + MAX_REDIRECTS + " redirects from " + SourcePolicy.safe(uri), null);
        }
        URI next = nextHop(from, location, status);
        try {
            policy.checkUrl(next);
        } catch (SourceNotAllowedException e) {
            throw new SourceNotAllowedException(
                    "redirect from " + SourcePolicy.safe(from) + " refused: " + e.getMessage());
        }
        return next;
    }

    /**
     * The URL a redirect from {@code from} to {@code location} leads to: resolved against {@code from},
     * without its fragment.
     *
     * @throws SourceNotAllowedException when it leaves http(s) or goes from https to http
     * @throws SourceUnavailableException when {@code location} is not a valid URI reference
     */
    static URI nextHop(URI from, String location, int status) throws IOException {
        URI next;
        try {
            URI base = from.getRawPath() == null || from.getRawPath().isEmpty() ? from.resolve("/") : from;
            next = base.resolve(new URI(location.trim()));
            if (next.getRawFragment() != null) {
                String text = next.toString();
                next = new URI(text.substring(0, text.indexOf('#')));
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new SourceUnavailableException(
                    "HTTP " + status + " redirect from " + SourcePolicy.safe(from) + " to an invalid Location", e);
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme();
        if (!(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || next.getHost() == null) {
            throw new SourceNotAllowedException("source not allowed: redirect from " + SourcePolicy.safe(from) + " to "
                    + SourcePolicy.safe(next) + ", which is not an http(s) URL with a host");
        }
        if ("https".equalsIgnoreCase(from.getScheme()) && "http".equalsIgnoreCase(scheme)) {
            throw new SourceNotAllowedException("source not allowed: redirect from " + SourcePolicy.safe(from) + " to "
                    + SourcePolicy.safe(next) + " (host " + next.getHost() + ") downgrades https to http");
        }
        return next;
    }

    private HttpRequest request(URI at, long offset) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(at).GET().timeout(readTimeout).header("Accept-Encoding", "identity");
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
            String validator = ifRangeValidator();
            if (validator != null) {
                request.header("If-Range", validator);
            }
        }
        return request.build();
    }

    /**
     * The If-Range value (RFC 9110 13.1.5): the first response's strong ETag; its Last-Modified date only
     * when it had no ETag at all (a weak ETag may not be sent, nor a date when an ETag exists); else none,
     * and the 206 is then checked against the validators and length it carries.
     */
    private String ifRangeValidator() {
        if (etag != null) {
            return isStrong(etag) ? etag : null;
        }
        return lastModified;
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(HttpRequest request, URI at) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofPublisher());
        } catch (HttpConnectTimeoutException e) {
            HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("no connection to " + peer(at)
                    + client.connectTimeout()
                            .map(d -> " within " + durationText(d))
                            .orElse("")
                    + " (connect timeout)");
            timeout.initCause(e);
            throw timeout;
        } catch (HttpTimeoutException e) {
            HttpTimeoutException timeout =
                    new HttpTimeoutException("no response within " + readTimeoutText + " (read timeout)");
            timeout.initCause(e);
            throw timeout;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while requesting " + description);
        } catch (IOException e) {
            if (e.getMessage() == null || e.getMessage().isEmpty()) {
                // the JDK client's ConnectException carries no message: name the peer instead
                throw new IOException(e.getClass().getSimpleName() + " talking to " + peer(at), e);
            }
            throw e;
        }
    }

    private static String peer(URI at) {
        int port = at.getPort() >= 0 ? at.getPort() : "https".equalsIgnoreCase(at.getScheme()) ? 443 : 80;
        return at.getHost() + ":" + port;
    }

    private InputStream accept(HttpResponse<?> response, HttpBodyInputStream body, long offset, URI at)
            throws IOException {
        int status = response.statusCode();
        HttpHeaders headers = response.headers();
        if (status == 200) {
            requireIdentityOrGzip(headers);
            long contentLength = headers.firstValueAsLong("Content-Length").orElse(-1);
            String newEtag = headers.firstValue("ETag").orElse(null);
            String newLastModified = headers.firstValue("Last-Modified").orElse(null);
            if (!known || offset == 0) {
                learn(newEtag, newLastModified, contentLength);
            } else {
                requireUnchanged(newEtag, newLastModified, contentLength, offset);
                requireProvenUnchanged(newEtag, newLastModified, offset);
            }
            if (offset > 0) {
                long skipped = body.skip(offset);
                if (skipped < offset) {
                    throw new EOFException(
                            "the response ended after " + skipped + " of the " + offset + " bytes to skip");
                }
            }
            return body;
        }
        if (status == 206 && offset > 0) {
            requireIdentityOrGzip(headers);
            ContentRange range =
                    ContentRange.parse(headers.firstValue("Content-Range").orElse(null));
            if (range == null || range.start() != offset) {
                throw new SourceChangedException("cannot resume at byte " + offset + ": the server answered Range"
                        + " bytes=" + offset + "- with Content-Range "
                        + headers.firstValue("Content-Range").orElse("(none)"));
            }
            String newEtag = headers.firstValue("ETag").orElse(null);
            String newLastModified = headers.firstValue("Last-Modified").orElse(null);
            if (!known) {
                learn(newEtag, newLastModified, range.total());
            } else {
                requireUnchanged(newEtag, newLastModified, range.total(), offset);
            }
            return body;
        }
        if (status == 416 && offset > 0) {
            body.close();
            ContentRange range =
                    ContentRange.parse(headers.firstValue("Content-Range").orElse(null));
            long total = range == null ? -1 : range.total();
            if (total >= 0 && offset == total && (length < 0 || length == total)) {
                // every byte was read before the connection broke: nothing is left
                return InputStream.nullInputStream();
            }
            requireUnchanged(null, null, total, offset);
            throw new SourceChangedException("cannot resume at byte " + offset + ": HTTP 416 Range Not Satisfiable");
        }
        body.close();
        String from = at.equals(uri) ? "" : " from " + SourcePolicy.safe(at);
        String what = "HTTP " + status + reasonPhrase(status) + from;
        if (Retryability.ofHttpStatus(status).retryable()) {
            throw new IOException(what);
        }
        throw new SourceUnavailableException(what, null);
    }

    private void learn(String newEtag, String newLastModified, long newLength) {
        known = true;
        etag = newEtag;
        lastModified = newLastModified;
        length = newLength;
    }

    /** Fails when a validator or the length present in both the first response and this one differs. */
    private void requireUnchanged(String newEtag, String newLastModified, long newLength, long offset)
            throws SourceChangedException {
        String change = null;
        if (etag != null && newEtag != null && !etag.equals(newEtag)) {
            change = "ETag " + etag + " -> " + newEtag;
        } else if (lastModified != null && newLastModified != null && !lastModified.equals(newLastModified)) {
            change = "Last-Modified " + lastModified + " -> " + newLastModified;
        } else if (length >= 0 && newLength >= 0 && length != newLength) {
            change = "length " + length + " -> " + newLength;
        }
        if (change != null) {
            throw new SourceChangedException("object changed during download: " + change + " at byte " + offset);
        }
    }

    /** A whole new body may stand in for the rest of the old one only if a validator shows it is the same. */
    private void requireProvenUnchanged(String newEtag, String newLastModified, long offset)
            throws SourceChangedException {
        boolean sameEtag = isStrong(etag) && etag.equals(newEtag);
        boolean sameDate = lastModified != null && lastModified.equals(newLastModified);
        if (!sameEtag && !sameDate) {
            throw new SourceChangedException("cannot resume at byte " + offset + ": the server ignored the Range"
                    + " request and sent no strong ETag or Last-Modified that shows the object unchanged");
        }
    }

    private static void requireIdentityOrGzip(HttpHeaders headers) throws SourceUnavailableException {
        for (String value : headers.allValues("Content-Encoding")) {
            for (String coding : value.split(",")) {
                String c = coding.trim();
                if (!(c.isEmpty()
                        || c.equalsIgnoreCase("identity")
                        || c.equalsIgnoreCase("gzip")
                        || c.equalsIgnoreCase("x-gzip"))) {
                    throw new SourceUnavailableException(
                            "unsupported Content-Encoding '" + value
                                    + "' (the server ignored Accept-Encoding: identity)",
                            null);
                }
            }
        }
    }

    private static boolean isStrong(String etag) {
        return etag != null && !etag.startsWith("W/");
    }

    private static String reasonPhrase(int status) {
        switch (status) {
            case 400:
                return " Bad Request";
            case 401:
                return " Unauthorized";
            case 403:
                return " Forbidden";
            case 404:
                return " Not Found";
            case 408:
                return " Request Timeout";
            case 410:
                return " Gone";
            case 416:
                return " Range Not Satisfiable";
            case 429:
                return " Too Many Requests";
            case 500:
                return " Internal Server Error";
            case 502:
                return " Bad Gateway";
            case 503:
                return " Service Unavailable";
            case 504:
                return " Gateway Timeout";
            default:
                return "";
        }
    }

    /** {@code 30 s} for whole seconds, else {@code 250 ms}. */
    static String durationText(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public String describe() {
        return description;
    }

    /** The object's length in raw bytes as the first response gave it, or -1 (not yet opened, or not given). */
    @Override
    public long size() {
        return length;
    }

    @Override
    public String toString() {
        return "HttpByteSource[" + uri + "]";
    }

    /** A {@code Content-Range: bytes START-END/TOTAL} (or {@code bytes *}{@code /TOTAL}); total -1 for {@code *}. */
    record ContentRange(long start, long total) {

        /** The range, or null when {@code value} is missing or not of that form. */
        static ContentRange parse(String value) {
            if (value == null) {
                return null;
            }
            String v = value.trim();
            if (!v.regionMatches(true, 0, "bytes ", 0, 6)) {
                return null;
            }
            v = v.substring(6).trim();
            int slash = v.indexOf('/');
            if (slash < 0) {
                return null;
            }
            String range = v.substring(0, slash).trim();
            String totalText = v.substring(slash + 1).trim();
            long total = totalText.equals("*") ? -1 : digits(totalText);
            if (total == Long.MIN_VALUE) {
                return null;
            }
            if (range.equals("*")) {
                return new ContentRange(-1, total);
            }
            int dash = range.indexOf('-');
            if (dash < 0) {
                return null;
            }
            long start = digits(range.substring(0, dash));
            long end = digits(range.substring(dash + 1));
            if (start == Long.MIN_VALUE || end == Long.MIN_VALUE || end < start || (total >= 0 && end >= total)) {
                return null;
            }
            return new ContentRange(start, total);
        }

        private static long digits(String text) {
            if (text.isEmpty() || text.length() > 18) {
                return Long.MIN_VALUE;
            }
            long value = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return Long.MIN_VALUE;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }
}
