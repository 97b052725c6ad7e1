package toothbrush.ingest.domain.alignment;

import java.util.List;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.event.SettingsUpdate;
import toothbrush.ingest.domain.time.ExactSeconds;

/** Short factories for domain tests. */
final class Fixtures {

    /** A timestamp whose sums with multiples of 1/4 s are exact doubles (2^-22 s resolution at 1.6e9). */
    static final double T = 1_600_000_000.0;

    private Fixtures() {}

    static BrushingEvent brushing(long tick, ExtraField... extras) {
        return new BrushingEvent(tick, 3, 0.5, List.of(extras));
    }

    static SettingsUpdate update(double timestamp, long tick, Double battery, Double interval, ExtraField... extras) {
        return new SettingsUpdate(
                secs(timestamp), tick, battery, interval == null ? null : secs(interval), List.of(extras), 0);
    }

    static SettingsEvent anchor(double timestamp, long tick, double interval) {
        return new SettingsEvent(secs(timestamp), tick, null, secs(interval), List.of());
    }

    /** The exact decimal that {@link Double#toString} writes for {@code seconds}. */
    static ExactSeconds secs(double seconds) {
        return ExactSeconds.of(seconds);
    }

    /** The nanoseconds of the decimal that {@link Double#toString} writes for {@code seconds}. */
    static long ns(double seconds) {
        return ExactSeconds.of(seconds).roundedNanos();
    }

    static ExtraField text(String name, String value) {
        return new ExtraField(name, new FieldValue.StringValue(value));
    }

    static ExtraField number(String name, double value) {
        return new ExtraField(name, new FieldValue.FloatValue(value));
    }

    static ExtraField flag(String name, boolean value) {
        return new ExtraField(name, new FieldValue.BooleanValue(value));
    }
}
