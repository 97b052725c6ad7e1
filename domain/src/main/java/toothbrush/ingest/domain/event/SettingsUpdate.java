package toothbrush.ingest.domain.event;

import java.util.List;
import java.util.Objects;
import toothbrush.ingest.domain.rules.Limits;
import toothbrush.ingest.domain.time.ExactSeconds;

/**
 * One settings line whose values passed S2-S5 (a diff of the device state): timestamp, tick, and the
 * battery and tick interval it carries, each {@code null} when absent or dropped (S4, S5). Timestamp and
 * interval are the exact decimals the line wrote (A3); the range checks compare their nearest doubles.
 *
 * @param droppedFields fields dropped while parsing the line (S4, S5, S8 other than type pinning)
 */
public record SettingsUpdate(
        ExactSeconds timestamp,
        long tick,
        Double battery,
        ExactSeconds tickInterval,
        List<ExtraField> extras,
        int droppedFields) {
    public SettingsUpdate {
        Objects.requireNonNull(timestamp, "timestamp");
        if (!(timestamp.doubleValue() >= Limits.MIN_TIMESTAMP
                && timestamp.doubleValue() < Limits.MAX_TIMESTAMP_EXCLUSIVE)) {
            throw new IllegalArgumentException("timestamp out of range: " + timestamp);
        }
        if (tick < 0 || tick > Limits.MAX_TICK) {
            throw new IllegalArgumentException("tick out of range: " + tick);
        }
        if (battery != null && !(battery >= 0.0 && battery <= 1.0)) {
            throw new IllegalArgumentException("battery out of range: " + battery);
        }
        if (tickInterval != null
                && !(tickInterval.doubleValue() > 0.0 && tickInterval.doubleValue() <= Limits.MAX_TICK_INTERVAL)) {
            throw new IllegalArgumentException("tickInterval out of range: " + tickInterval);
        }
        extras = List.copyOf(Objects.requireNonNull(extras, "extras"));
        if (droppedFields < 0) {
            throw new IllegalArgumentException("droppedFields must be >= 0: " + droppedFields);
        }
    }
}
