package toothbrush.ingest.adapter.streams.source;

import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import toothbrush.ingest.application.support.Checks;

/**
 * Picks the {@link ByteSource} for a stream URI: a plain file path, a {@code file:} URI or an
 * {@code http(s)://} URL, each opened only when the {@link SourcePolicy} allows it (U2). All HTTP sources it
 * makes share one {@link HttpClient} (HTTP/1.1, the system proxy settings, no automatic redirects: the
 * sources follow them, checking each hop), built on the first HTTP URI.
 */
public final class ByteSources {
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final SourcePolicy policy;
    private HttpClient http;

    /**
     * Unrestricted sources ({@link SourcePolicy#unrestricted()}) whose HTTP connections time out after
     * {@code connectTimeout}, and whose responses time out when the headers or the next body bytes take
     * longer than {@code readTimeout}.
     */
    public ByteSources(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, SourcePolicy.unrestricted());
    }

    /** Sources with these timeouts that open only what {@code policy} allows. */
    public ByteSources(Duration connectTimeout, Duration readTimeout, SourcePolicy policy) {
        this.connectTimeout = Checks.requirePositive(connectTimeout, "connectTimeout");
        this.readTimeout = Checks.requirePositive(readTimeout, "readTimeout");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The policy every source it makes checks. */
    public SourcePolicy policy() {
        return policy;
    }

    /**
     * A new source for {@code uri} (one per read of a stream): text without a URI scheme is a file
     * path; {@code file:} URIs are accepted as {@link Path#of(URI)} accepts them ({@code file:/abs},
     * {@code file:///abs}); {@code http:} and {@code https:} URLs need a host. Nothing is checked or
     * looked at yet: the policy is applied by each open of the source.
     *
     * @throws IllegalArgumentException naming the URI when it has another scheme or is not a valid
     *     file URI, path or URL (a usage error)
     */
    public ByteSource forUri(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("stream URI must not be empty");
        }
        String scheme = scheme(uri);
        if (scheme == null) {
            try {
                return new FileByteSource(Path.of(uri), uri, policy);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("invalid stream path '" + uri + "': " + e.getMessage(), e);
            }
        }
        if (scheme.equalsIgnoreCase("file")) {
            try {
                return new FileByteSource(Path.of(new URI(uri)), uri, policy);
            } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
                throw new IllegalArgumentException(
                        "invalid file URI '" + uri + "': " + e.getMessage()
                                + " (use file:/absolute/path, file:///absolute/path or a plain path)",
                        e);
            }
        }
        if (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) {
            URI url;
            try {
                url = new URI(uri);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("invalid URL '" + uri + "': " + e.getMessage(), e);
            }
            if (url.getHost() == null) {
                throw new IllegalArgumentException("invalid URL '" + uri + "': no host");
            }
            return new HttpByteSource(httpClient(), url, uri, readTimeout, policy);
        }
        throw new IllegalArgumentException("unsupported stream URI '" + uri + "': scheme '" + scheme
                + "' is not supported (use a file path, a file: URI or an http(s):// URL)");
    }

    private synchronized HttpClient httpClient() {
        if (http == null) {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(connectTimeout);
            ProxySelector proxies = ProxySelector.getDefault();
            if (proxies != null) {
                builder.proxy(proxies);
            }
            http = builder.build();
        }
        return http;
    }

    /**
     * The URI scheme of {@code text} ({@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"}, RFC 3986),
     * or null for a plain path. A one-letter scheme is a Windows drive ({@code C:\data}), not a scheme.
     */
    static String scheme(String text) {
        int colon = text.indexOf(':');
        if (colon < 2 || !isAsciiLetter(text.charAt(0))) {
            return null;
        }
        for (int i = 1; i < colon; i++) {
            char c = text.charAt(i);
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                return null;
            }
        }
        return text.substring(0, colon);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
