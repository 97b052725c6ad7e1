package toothbrush.ingest.domain.event;

import java.util.Objects;

/** The value of an extra field (B3, S8): a float, a string or a boolean; the type is pinned per stream. */
public sealed interface FieldValue {

    /** The type a stream pins for a field name (B3, S8 type pinning). */
    enum Type {
        FLOAT,
        STRING,
        BOOLEAN
    }

    /** This value's type. */
    Type type();

    /** A float value; always finite. */
    record FloatValue(double value) implements FieldValue {
        public FloatValue {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("value must be finite: " + value);
            }
        }

        @Override
        public Type type() {
            return Type.FLOAT;
        }
    }

    /** A string value; never contains a control character below U+0020. */
    record StringValue(String value) implements FieldValue {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Type type() {
            return Type.STRING;
        }
    }

    /** A boolean value (settings only, S8). */
    record BooleanValue(boolean value) implements FieldValue {
        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }
}
