package toothbrush.ingest.domain.alignment;

import java.util.Objects;
import toothbrush.ingest.domain.event.BrushingEvent;
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
     * The event is accepted; {@code event} carries the extra fields kept by type pinning and
     * {@code droppedFields} counts the ones dropped (B3, B9: the brushing stream's invalid_fields).
     */
    public record Accepted(BrushingEvent event, int droppedFields) implements Verdict {
        public Accepted {
            Objects.requireNonNull(event, "event");
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
     * B7, B8 on the next parsed event of the stream, as it is read: {@link Rejected} or {@link InOrder}.
     * Changes nothing.
     */
    public Verdict read(BrushingEvent candidate) {
        long tick = candidate.tick();
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
     * B10 and acceptance of the event that {@link #read} found {@link InOrder}, at {@code timeNanos} =
     * time(tick) (A3, P3; {@link AnchorClock#NOT_A_TIME} when it does not fit a long). Outside S2's range it
     * is {@link Rejected} {@code bad_time}, and its tick becomes the last brushing tick when it is at or
     * above the first anchor's (B7, B8); nothing is pinned. Else it is {@link Accepted}: its extra fields
     * are pinned (B3) and its tick is the last brushing tick.
     */
    public Verdict emit(BrushingEvent event, long timeNanos) {
        long tick = event.tick();
        if (!Limits.isTimeInRange(timeNanos)) {
            if (tick >= firstAnchorTick) {
                reference = tick;
                hasLastTick = true;
            }
            return Rejected.BAD_TIME;
        }
        FieldTypePins.Filtered filtered = pins.filter(event.extras());
        pins.pin(filtered.kept());
        reference = tick;
        hasLastTick = true;
        BrushingEvent accepted = filtered.dropped() == 0 ? event : event.withExtras(filtered.kept());
        return new Accepted(accepted, filtered.dropped());
    }

    /** The B7/B8 reference: the last brushing tick, or the first anchor's tick while there is none (B7, B8, B10). */
    public long referenceTick() {
        return reference;
    }
}
