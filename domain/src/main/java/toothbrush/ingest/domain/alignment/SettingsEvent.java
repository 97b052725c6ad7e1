package toothbrush.ingest.domain.alignment;

import java.util.List;
import java.util.Objects;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.rules.Limits;
import toothbrush.ingest.domain.time.ExactSeconds;

/**
 * An accepted settings event (an anchor, A1): its timestamp and tick, the state in force after it
 * (S10: battery {@code null} while unknown, tick interval) and its extra fields after type pinning.
 * Timestamp and interval are exact decimals (A3); the range checks compare their nearest doubles.
 */
public record SettingsEvent(
        ExactSeconds timestamp, long tick, Double battery, ExactSeconds tickInterval, List<ExtraField> extras) {
    public SettingsEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(tickInterval, "tickInterval");
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
        if (!(tickInterval.doubleValue() > 0.0 && tickInterval.doubleValue() <= Limits.MAX_TICK_INTERVAL)) {
            throw new IllegalArgumentException("tickInterval out of range: " + tickInterval);
        }
        extras = List.copyOf(Objects.requireNonNull(extras, "extras"));
    }

    /** The event at this timestamp and tick that leaves the device in {@code state}. */
    public static SettingsEvent of(ExactSeconds timestamp, long tick, SettingsState state, List<ExtraField> extras) {
        return new SettingsEvent(timestamp, tick, state.battery(), state.tickInterval(), extras);
    }

    /** S10: the device state in force after this event. */
    public SettingsState state() {
        return new SettingsState(battery, tickInterval);
    }
}
