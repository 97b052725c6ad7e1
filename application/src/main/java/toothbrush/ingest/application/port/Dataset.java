package toothbrush.ingest.application.port;

import java.util.Objects;

/**
 * One brushing session to ingest: its ids and where its two streams are (a file path, a
 * {@code file:} URI or an {@code http(s)://} URL). The ids follow U6.
 */
public record Dataset(String datasetId, String toothbrushId, String brushingUri, String settingsUri) {
    /** U6: the longest id, in characters (code points). */
    public static final int MAX_ID_LENGTH = 256;

    /**
     * Validates the ids (U6) and the stream locations.
     *
     * @throws IllegalArgumentException naming the field (never quoting an invalid id)
     */
    public Dataset {
        requireId(datasetId, "dataset id");
        requireId(toothbrushId, "toothbrush id");
        requireText(brushingUri, "brushingUri");
        requireText(settingsUri, "settingsUri");
    }

    /**
     * U6: 1 to 256 characters of valid Unicode (no unpaired surrogate), no control character, not ending in a
     * backslash (line protocol could not tell {@code x\} from {@code x\u005C}).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static void requireId(String id, String name) {
        Objects.requireNonNull(id, name);
        int length = 0;
        for (int i = 0; i < id.length(); ) {
            int c = id.codePointAt(i);
            if (Character.isSurrogate((char) c)) {
                throw new IllegalArgumentException(name + " is not valid Unicode (an unpaired surrogate)");
            }
            if (Character.getType(c) == Character.CONTROL) {
                throw new IllegalArgumentException(name + " must not contain control characters");
            }
            length++;
            i += Character.charCount(c);
        }
        if (length < 1 || length > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(name + " must be 1 to " + MAX_ID_LENGTH + " characters, not " + length);
        }
        if (id.endsWith("\\")) {
            throw new IllegalArgumentException(name + " must not end in a backslash");
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < 0x20) {
                throw new IllegalArgumentException(name + " must not contain control characters");
            }
        }
    }
}
