package toothbrush.ingest.domain.alignment;

import java.util.Objects;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.rules.RejectReason;

/**
 * Accepts or rejects the parsed events of the brushing stream in stream order: B7 (strictly increasing
 * ticks), B8 (no jump of more than 10,000 ticks) and B3 type pinning of extra fields.
 */
public final class BrushingSequence {

    /** The verdict on one brushing event; handle it with an exhaustive switch. */
    public sealed interface Verdict {
    }

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

    /** The event is rejected for {@code reason} (B7, B8); type-pinning drops of a rejected line are not counted (B9). */
    public record Rejected(RejectReason reason) implements Verdict {
        private static final Rejected DUPLICATE = new Rejected(RejectReason.DUPLICATE);
        private static final Rejected OUT_OF_ORDER = new Rejected(RejectReason.OUT_OF_ORDER);
        private static final Rejected IMPLAUSIBLE_TICK = new Rejected(RejectReason.IMPLAUSIBLE_TICK);

        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final FieldTypePins pins = new FieldTypePins();
    private long reference;
    private boolean anyAccepted;

    /**
     * A sequence whose B8 reference is the first anchor's tick until a brushing event is accepted.
     *
     * @param firstAnchorTick the tick of the first accepted settings event (A1)
     */
    public BrushingSequence(long firstAnchorTick) {
        this.reference = Tick.of(firstAnchorTick).value();
    }

    /** The verdict on the next parsed event of the stream; an accepted event becomes the new reference. */
    public Verdict check(BrushingEvent candidate) {
        long tick = candidate.tick();
        if (anyAccepted) {
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
        FieldTypePins.Filtered filtered = pins.filter(candidate.extras());
        pins.pin(filtered.kept());
        reference = tick;
        anyAccepted = true;
        BrushingEvent accepted = filtered.dropped() == 0 ? candidate : candidate.withExtras(filtered.kept());
        return new Accepted(accepted, filtered.dropped());
    }

    /** The B7/B8 reference: the last accepted tick, or the first anchor's tick while none is accepted. */
    public long referenceTick() {
        return reference;
    }
}
