package toothbrush.ingest.application.port;

import java.util.Objects;

/**
 * One brushing session to ingest: its ids and where its two streams are (a file path, a
 * {@code file:} URI or an {@code http(s)://} URL).
 */
public record Dataset(String datasetId, String toothbrushId, String brushingUri, String settingsUri) {
    public Dataset {
        requireText(datasetId, "datasetId");
        requireText(toothbrushId, "toothbrushId");
        requireText(brushingUri, "brushingUri");
        requireText(settingsUri, "settingsUri");
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
