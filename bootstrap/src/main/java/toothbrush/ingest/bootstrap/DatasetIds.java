package toothbrush.ingest.bootstrap;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives the dataset id used when none is given: the same toothbrush and the same two streams give
 * the same id, so a re-run replaces rather than duplicates its points (P4).
 */
final class DatasetIds {
    private DatasetIds() {}

    /** {@code ds-} and the first 16 hex digits of SHA-256 over the toothbrush id and both stream locations. */
    static String derive(String toothbrushId, String brushingUri, String settingsUri) {
        String key = toothbrushId + '\n' + canonical(brushingUri) + '\n' + canonical(settingsUri);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "ds-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A plain path becomes an absolute {@code file:} URI, so the id does not depend on the working directory. */
    static String canonical(String location) {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return location;
        }
        if (location.startsWith("file:")) {
            try {
                return Path.of(URI.create(location))
                        .toAbsolutePath()
                        .normalize()
                        .toUri()
                        .toString();
            } catch (IllegalArgumentException e) {
                return location;
            }
        }
        return Path.of(location).toAbsolutePath().normalize().toUri().toString();
    }
}
