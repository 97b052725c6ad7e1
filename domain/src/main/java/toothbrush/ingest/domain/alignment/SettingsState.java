package toothbrush.ingest.domain.alignment;

import java.util.Objects;
import toothbrush.ingest.domain.event.SettingsUpdate;
import toothbrush.ingest.domain.rules.Limits;
import toothbrush.ingest.domain.time.ExactSeconds;

/**
 * S10: the device state in force after an accepted settings event: the battery level ({@code null}
 * while unknown) and the tick interval in seconds, exactly as written (A3).
 */
public record SettingsState(Double battery, ExactSeconds tickInterval) {
    public SettingsState {
        if (battery != null && !(battery >= 0.0 && battery <= 1.0)) {
            throw new IllegalArgumentException("battery must be in [0, 1]: " + battery);
        }
        Objects.requireNonNull(tickInterval, "tickInterval");
        if (!(tickInterval.doubleValue() > 0.0 && tickInterval.doubleValue() <= Limits.MAX_TICK_INTERVAL)) {
            throw new IllegalArgumentException("tickInterval must be in (0, 60]: " + tickInterval);
        }
    }

    /**
     * S6: the state set by the first accepted update, which must carry a tick interval.
     *
     * @throws IllegalArgumentException when the update has no tick interval
     */
    public static SettingsState initial(SettingsUpdate update) {
        if (update.tickInterval() == null) {
            throw new IllegalArgumentException("the initial state needs a tick interval (S6)");
        }
        return new SettingsState(update.battery(), update.tickInterval());
    }

    /** S10: this state with the values the update carries; values it lacks stay in force. */
    public SettingsState apply(SettingsUpdate update) {
        if (update.battery() == null && update.tickInterval() == null) {
            return this;
        }
        return new SettingsState(
                update.battery() != null ? update.battery() : battery,
                update.tickInterval() != null ? update.tickInterval() : tickInterval);
    }
}
