package toothbrush.ingest.domain.event;

import java.util.Objects;

/** A named extra field of an event (B3 extra CSV columns, S8 extra JSON keys), written as a point field. */
public record ExtraField(String name, FieldValue value) {
    public ExtraField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
    }
}
