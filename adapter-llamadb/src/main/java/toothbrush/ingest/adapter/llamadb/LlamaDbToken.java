package toothbrush.ingest.adapter.llamadb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The API token of the HTTP backend, from {@code LLAMADB_TOKEN} or from the file {@code LLAMADB_TOKEN_FILE}
 * names (a mounted secret, which ends in a newline): trimmed of surrounding white space and checked to be
 * visible ASCII, so it can go into an {@code Authorization} header. F4: no message ever quotes the token or the
 * file's content.
 */
final class LlamaDbToken {
    /** The environment variable holding the token itself. */
    static final String VARIABLE = "LLAMADB_TOKEN";
    /** The environment variable naming a file that holds the token. */
    static final String FILE_VARIABLE = "LLAMADB_TOKEN_FILE";
    /** A token file larger than this is not a token. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private LlamaDbToken() {}

    /**
     * The token the environment gives, or {@code null} when neither variable is set (or both are empty).
     *
     * @param environment the environment's variables ({@code System::getenv} in production)
     * @throws IllegalArgumentException when both variables are set, the file cannot be read (naming the file)
     *                                  or the token is not visible ASCII (never quoting it)
     */
    static String resolve(Function<String, String> environment) {
        String token = environment.apply(VARIABLE);
        String file = environment.apply(FILE_VARIABLE);
        boolean hasToken = token != null && !token.isEmpty();
        boolean hasFile = file != null && !file.isEmpty();
        if (hasToken && hasFile) {
            throw new IllegalArgumentException(VARIABLE + " and " + FILE_VARIABLE + " are both set: set only one");
        }
        if (hasFile) {
            return check(read(file), FILE_VARIABLE + " file " + file);
        }
        return hasToken ? check(token, VARIABLE) : null;
    }

    /**
     * The token trimmed of surrounding white space (space, tab, CR, LF, VT, FF).
     *
     * @param source where it came from, for the message
     * @throws IllegalArgumentException when it is empty after trimming or holds anything but visible ASCII
     */
    static String check(String token, String source) {
        int start = 0;
        int end = token.length();
        while (start < end && isSpace(token.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(token.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            throw new IllegalArgumentException("the token in " + source + " is empty");
        }
        for (int i = start; i < end; i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException("the token in " + source + " holds a character that is not"
                        + " visible ASCII (at position " + (i - start + 1) + "): a token is printable ASCII without"
                        + " spaces");
            }
        }
        return token.substring(start, end);
    }

    private static String read(String file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            // the exception's class says what went wrong; its message could only repeat the file name
            throw new IllegalArgumentException("cannot read " + FILE_VARIABLE + " file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(
                    FILE_VARIABLE + " file " + file + " is larger than " + MAX_FILE_BYTES + " bytes: not a token");
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0B || c == '\f';
    }
}
