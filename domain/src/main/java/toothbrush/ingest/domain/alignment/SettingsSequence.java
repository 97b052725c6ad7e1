package toothbrush.ingest.domain.alignment;

import java.util.Objects;
import toothbrush.ingest.domain.event.SettingsUpdate;
import toothbrush.ingest.domain.rules.RejectReason;

/**
 * Accepts or rejects the parsed updates of the settings stream in stream order, after the parser's
 * S1-S5 and S8 value checks: S8 type pinning, S6 (initial state first), S7 (order), and keeps the
 * device state (S10).
 */
public final class SettingsSequence {

    /** The verdict on one settings update; handle it with an exhaustive switch. */
    public sealed interface Verdict {
        /** Fields dropped on this line: the parser's (S4, S5, S8) plus type pinning's (S8), counted either way (S9). */
        int droppedFields();
    }

    /** The update is accepted as {@code event} (an anchor, A1), with the state in force after it. */
    public record Accepted(SettingsEvent event, int droppedFields) implements Verdict {
        public Accepted {
            Objects.requireNonNull(event, "event");
            if (droppedFields < 0) {
                throw new IllegalArgumentException("droppedFields must be >= 0: " + droppedFields);
            }
        }
    }

    /** The update is rejected for {@code reason} (S6, S7); its dropped fields still count (S9). */
    public record Rejected(RejectReason reason, int droppedFields) implements Verdict {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            if (droppedFields < 0) {
                throw new IllegalArgumentException("droppedFields must be >= 0: " + droppedFields);
            }
        }
    }

    private final FieldTypePins pins = new FieldTypePins();
    private SettingsState state;
    private long lastTick;
    private double lastTimestamp;

    /** The verdict on the next parsed update of the stream; an accepted one updates the state (S10). */
    public Verdict check(SettingsUpdate update) {
        FieldTypePins.Filtered filtered = pins.filter(update.extras());
        int dropped = update.droppedFields() + filtered.dropped();
        if (state == null) {
            if (update.tickInterval() == null) {
                return new Rejected(RejectReason.NO_INITIAL_STATE, dropped);
            }
        } else {
            if (update.tick() < lastTick) {
                return new Rejected(RejectReason.OUT_OF_ORDER, dropped);
            }
            // A3: validation compares the nearest doubles; times use the exact values
            if (update.timestamp().doubleValue() < lastTimestamp) {
                return new Rejected(RejectReason.CLOCK_REGRESSION, dropped);
            }
            if (Tick.isImplausibleJump(update.tick(), lastTick)) {
                return new Rejected(RejectReason.IMPLAUSIBLE_TICK, dropped);
            }
        }
        pins.pin(filtered.kept());
        state = state == null ? SettingsState.initial(update) : state.apply(update);
        lastTick = update.tick();
        lastTimestamp = update.timestamp().doubleValue();
        return new Accepted(SettingsEvent.of(update.timestamp(), update.tick(), state, filtered.kept()), dropped);
    }

    /** True once an update has been accepted (the first anchor exists, A1). */
    public boolean hasInitialState() {
        return state != null;
    }

    /** S10: the state after the last accepted update, or {@code null} before the first. */
    public SettingsState state() {
        return state;
    }
}
