package toothbrush.ingest.adapter.streams.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Picks the {@link ByteSource} for a stream URI: a plain file path or a {@code file:} URI. */
public final class ByteSources {

    private ByteSources() {
    }

    /**
     * The source for {@code uri}: text without a URI scheme is a file path; {@code file:} URIs are
     * accepted as {@link Path#of(URI)} accepts them ({@code file:/abs}, {@code file:///abs}).
     *
     * @throws IllegalArgumentException naming the URI when it has another scheme or is not a valid
     *     file URI or path (a usage error)
     */
    public static ByteSource forUri(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("stream URI must not be empty");
        }
        String scheme = scheme(uri);
        if (scheme == null) {
            try {
                return new FileByteSource(Path.of(uri), uri);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("invalid stream path '" + uri + "': " + e.getMessage(), e);
            }
        }
        if (scheme.equalsIgnoreCase("file")) {
            try {
                return new FileByteSource(Path.of(new URI(uri)), uri);
            } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
                throw new IllegalArgumentException("invalid file URI '" + uri + "': " + e.getMessage()
                        + " (use file:/absolute/path, file:///absolute/path or a plain path)", e);
            }
        }
        throw new IllegalArgumentException("unsupported stream URI '" + uri + "': scheme '" + scheme
                + "' is not supported (use a file path or a file: URI)");
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
