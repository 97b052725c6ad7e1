package toothbrush.ingest.domain.event;

import java.util.List;
import java.util.Objects;
import toothbrush.ingest.domain.rules.Limits;

/**
 * One settings line whose values passed S2-S5 (a diff of the device state): timestamp, tick, and the
 * battery and tick interval it carries, each {@code null} when absent or dropped (S4, S5).
 *
 * @param droppedFields fields dropped while parsing the line (S4, S5, S8 other than type pinning)
 */
public record SettingsUpdate(double timestamp, long tick, Double battery, Double tickInterval,
                             List<ExtraField> extras, int droppedFields) {
    public SettingsUpdate {
        if (!(timestamp >= Limits.MIN_TIMESTAMP && timestamp < Limits.MAX_TIMESTAMP_EXCLUSIVE)) {
            throw new IllegalArgumentException("timestamp out of range: " + timestamp);
        }
        if (tick < 0 || tick > Limits.MAX_TICK) {
            throw new IllegalArgumentException("tick out of range: " + tick);
        }
        if (battery != null && !(battery >= 0.0 && battery <= 1.0)) {
            throw new IllegalArgumentException("battery out of range: " + battery);
        }
        if (tickInterval != null && !(tickInterval > 0.0 && tickInterval <= Limits.MAX_TICK_INTERVAL)) {
            throw new IllegalArgumentException("tickInterval out of range: " + tickInterval);
        }
        extras = List.copyOf(Objects.requireNonNull(extras, "extras"));
        if (droppedFields < 0) {
            throw new IllegalArgumentException("droppedFields must be >= 0: " + droppedFields);
        }
    }
}
