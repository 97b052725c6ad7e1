package toothbrush.ingest.domain.alignment;

import java.util.List;
import java.util.Objects;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.rules.Limits;
import toothbrush.ingest.domain.rules.RejectReason;

/**
 * Accepts or rejects the parsed events of the brushing stream in stream order: B7 (strictly increasing
 * ticks), B8 (no jump of more than 10,000 ticks), B10 (a time within S2's range) and B3 type pinning of
 * extra fields.
 *
 * <p>The verdict comes in two steps, because an event's time is known only once the settings stream has
 * been read up to its tick (A5): {@link #read} checks B7 and B8 when the event is read, and changes
 * nothing; {@link #emit}, called for an event that {@code read} found {@link InOrder} once every settings
 * event at or below its tick is applied, checks B10 and accepts it. No other brushing event comes between
 * the two calls.
 */
public final class BrushingSequence {

    /** The verdict on one brushing event. */
    public sealed interface Verdict {}

    /**
     * The event is accepted; {@code extras} are its extra fields kept by type pinning and
     * {@code droppedFields} counts the ones dropped (B3, B9: the brushing stream's invalid_fields).
     */
    public record Accepted(List<ExtraField> extras, int droppedFields) implements Verdict {
        /** The verdict of every event without extra fields: one object, not one per event. */
        private static final Accepted PLAIN = new Accepted(List.of(), 0);

        public Accepted {
            extras = List.copyOf(Objects.requireNonNull(extras, "extras"));
            if (droppedFields < 0) {
                throw new IllegalArgumentException("droppedFields must be >= 0: " + droppedFields);
            }
        }
    }

    /** The event is rejected for {@code reason} (B7, B8, B10); type-pinning drops of a rejected line are not counted (B9). */
    public record Rejected(RejectReason reason) implements Verdict {
        private static final Rejected DUPLICATE = new Rejected(RejectReason.DUPLICATE);
        private static final Rejected OUT_OF_ORDER = new Rejected(RejectReason.OUT_OF_ORDER);
        private static final Rejected IMPLAUSIBLE_TICK = new Rejected(RejectReason.IMPLAUSIBLE_TICK);
        private static final Rejected BAD_TIME = new Rejected(RejectReason.BAD_TIME);

        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** From {@link #read}: B7 and B8 hold; the event waits for its time, then {@link #emit} decides. */
    public record InOrder() implements Verdict {
        private static final InOrder INSTANCE = new InOrder();
    }

    private final FieldTypePins pins = new FieldTypePins();
    private final long firstAnchorTick;
    private long reference;
    /** True once there is a last brushing tick (B7): an accepted event, or a bad_time one at or above the first anchor. */
    private boolean hasLastTick;

    /**
     * A sequence whose B8 reference is the first anchor's tick until there is a last brushing tick.
     *
     * @param firstAnchorTick the tick of the first accepted settings event (A1)
     */
    public BrushingSequence(long firstAnchorTick) {
        this.firstAnchorTick = Tick.of(firstAnchorTick).value();
        this.reference = this.firstAnchorTick;
    }

    /**
     * B7, B8 on the tick of the next parsed event of the stream, as it is read: {@link Rejected} or
     * {@link InOrder}. Changes nothing.
     */
    public Verdict read(long tick) {
        if (hasLastTick) {
            if (tick == reference) {
                return Rejected.DUPLICATE;
            }
            if (tick < reference) {
                return Rejected.OUT_OF_ORDER;
            }
        }
        if (Tick.isImplausibleJump(tick, reference)) {
            return Rejected.IMPLAUSIBLE_TICK;
        }
        return InOrder.INSTANCE;
    }

    /**
     * B10 and acceptance of the event (its tick and extra fields) that {@link #read} found {@link InOrder}, at {@code timeNanos} =
     * time(tick) (A3, P3; {@link AnchorClock#NOT_A_TIME} when it does not fit a long). Outside S2's range it
     * is {@link Rejected} {@code bad_time}, and its tick becomes the last brushing tick when it is at or
     * above the first anchor's (B7, B8); nothing is pinned. Else it is {@link Accepted}: its extra fields
     * are pinned (B3) and its tick is the last brushing tick.
     */
    public Verdict emit(long tick, List<ExtraField> extras, long timeNanos) {
        if (!Limits.isTimeInRange(timeNanos)) {
            if (tick >= firstAnchorTick) {
                reference = tick;
                hasLastTick = true;
            }
            return Rejected.BAD_TIME;
        }
        reference = tick;
        hasLastTick = true;
        if (extras.isEmpty()) {
            return Accepted.PLAIN;
        }
        FieldTypePins.Filtered filtered = pins.filter(extras);
        pins.pin(filtered.kept());
        return new Accepted(filtered.kept(), filtered.dropped());
    }

    /** The B7/B8 reference: the last brushing tick, or the first anchor's tick while there is none (B7, B8, B10). */
    public long referenceTick() {
        return reference;
    }
}
