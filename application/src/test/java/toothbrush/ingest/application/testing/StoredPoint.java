package toothbrush.ingest.application.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A point as a backend stores it, normalized for comparison across backends: field values are
 * {@link Long} (integer), {@link Double} (float), {@link String} or {@link Boolean}. Map equality
 * ignores order; tests that check the field order compare line-protocol text instead. Used by
 * {@link AbstractPointSinkContractTest} and the sink tests that extend it.
 */
public record StoredPoint(String measurement, Map<String, String> tags, Map<String, Object> fields, long timeNanos) {

    public StoredPoint {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Builds a point: {@code of("brushing", time, "toothbrush_id", "tb-42").field("tick", 16L)...}. */
    public static Builder of(String measurement, long timeNanos, String tagKey, String tagValue) {
        return new Builder(measurement, timeNanos).tag(tagKey, tagValue);
    }

    /** Builds a {@link StoredPoint} field by field, in order. */
    public static final class Builder {
        private final String measurement;
        private final long timeNanos;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private final Map<String, Object> fields = new LinkedHashMap<>();

        public Builder(String measurement, long timeNanos) {
            this.measurement = measurement;
            this.timeNanos = timeNanos;
        }

        public Builder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        public Builder field(String key, Object value) {
            if (!(value instanceof Long
                    || value instanceof Double
                    || value instanceof String
                    || value instanceof Boolean)) {
                throw new IllegalArgumentException("unnormalized field value " + value);
            }
            fields.put(key, value);
            return this;
        }

        public StoredPoint build() {
            return new StoredPoint(measurement, tags, fields, timeNanos);
        }
    }
}
