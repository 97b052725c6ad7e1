package toothbrush.ingest.domain.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static toothbrush.ingest.domain.alignment.Fixtures.brushing;
import static toothbrush.ingest.domain.alignment.Fixtures.number;
import static toothbrush.ingest.domain.alignment.Fixtures.text;

import java.util.List;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.rules.RejectReason;

class BrushingSequenceTest {

    private static final long FIRST_ANCHOR_TICK = 100;
    /** A time within B10's range: 2020-09-13T12:26:40Z. */
    private static final long IN_RANGE = 1_600_000_000_000_000_000L;

    private static final long BEFORE_2000 = 946_684_799_999_999_999L;
    private static final long AFTER_2100 = 4_102_444_800_000_000_000L;

    private final BrushingSequence sequence = new BrushingSequence(FIRST_ANCHOR_TICK);

    @Test
    void B7_aTickEqualToTheLastAccepted_isDuplicate() {
        accept(120);
        assertRejected(RejectReason.DUPLICATE, 120);
    }

    @Test
    void B7_aTickBelowTheLastAccepted_isOutOfOrder_andDoesNotMoveTheReference() {
        accept(120);
        assertRejected(RejectReason.OUT_OF_ORDER, 119);
        accept(121);
        assertEquals(121, sequence.referenceTick());
    }

    @Test
    void B8_beforeAnyBrushingEvent_theReferenceIsTheFirstAnchorTick() {
        // 100 + 10,000 = 10,100 is the largest plausible tick.
        assertRejected(RejectReason.IMPLAUSIBLE_TICK, 10_101);
        accept(10_100);
    }

    @Test
    void B8_ticksBelowTheFirstAnchor_areAccepted() {
        accept(0);
        accept(99);
        accept(100);
    }

    @Test
    void B8_afterAnAcceptedEvent_theReferenceIsTheLastAcceptedTick() {
        accept(5);
        // 5 + 10,000 = 10,005: the anchor at 100 no longer counts.
        assertRejected(RejectReason.IMPLAUSIBLE_TICK, 10_006);
        accept(10_005);
        assertRejected(RejectReason.IMPLAUSIBLE_TICK, 20_006);
        accept(20_005);
    }

    @Test
    void B7_beforeAnyBrushingEvent_ticksAtOrBelowTheFirstAnchor_areNeitherDuplicateNorOutOfOrder() {
        assertInstanceOf(
                BrushingSequence.Accepted.class, check(new BrushingSequence(FIRST_ANCHOR_TICK), brushing(100)));
        assertInstanceOf(BrushingSequence.Accepted.class, check(new BrushingSequence(FIRST_ANCHOR_TICK), brushing(40)));
    }

    @Test
    void B3_B9_typePinsComeFromAcceptedEvents_andDropsCountOnlyOnAcceptedLines() {
        // Rejected (implausible) line with note as a string: it pins nothing and counts nothing.
        assertRejected(RejectReason.IMPLAUSIBLE_TICK, 20_000, text("note", "x"));
        // First accepted event carrying note pins it as a float.
        BrushingSequence.Accepted first = accept(1, number("note", 1.0));
        assertEquals(0, first.droppedFields());
        // A string note on an accepted line is dropped and counted once.
        BrushingSequence.Accepted second = accept(2, text("note", "y"), number("pressure", 3.0));
        assertEquals(1, second.droppedFields());
        assertEquals(List.of(number("pressure", 3.0)), second.extras());
        // A string note on a rejected (duplicate) line: rejected, no count in the verdict.
        assertRejected(RejectReason.DUPLICATE, 2, text("note", "z"));
    }

    @Test
    void anAcceptedEventWithoutDrops_keepsEveryExtraField() {
        BrushingEvent candidate = brushing(7, number("note", 1.0));
        BrushingSequence.Verdict verdict = check(sequence, candidate);
        assertEquals(candidate.extras(), ((BrushingSequence.Accepted) verdict).extras());
        assertEquals(0, ((BrushingSequence.Accepted) verdict).droppedFields());
    }

    @Test
    void eventsWithoutExtraFields_shareOneVerdict() {
        BrushingSequence.Verdict first = check(sequence, brushing(7));
        BrushingSequence.Verdict second = check(sequence, brushing(8));
        assertInstanceOf(BrushingSequence.Accepted.class, first);
        assertSame(first, second);
        assertEquals(8, sequence.referenceTick());
    }

    /** Reads the event, then emits it at a time within range, as the merge loop does. */
    private static BrushingSequence.Verdict check(BrushingSequence sequence, BrushingEvent event) {
        BrushingSequence.Verdict verdict = sequence.read(event.tick());
        return verdict instanceof BrushingSequence.InOrder
                ? sequence.emit(event.tick(), event.extras(), IN_RANGE)
                : verdict;
    }

    private BrushingSequence.Accepted accept(long tick, ExtraField... extras) {
        BrushingSequence.Verdict verdict = check(sequence, brushing(tick, extras));
        if (verdict instanceof BrushingSequence.Accepted accepted) {
            assertEquals(tick, sequence.referenceTick());
            return accepted;
        }
        throw new AssertionError("tick " + tick + " rejected: " + verdict);
    }

    private void assertRejected(RejectReason reason, long tick, ExtraField... extras) {
        assertEquals(new BrushingSequence.Rejected(reason), check(sequence, brushing(tick, extras)));
    }

    @Test
    void B10_anEventOutsideTheTimeRange_isBadTime_andPinsNothing() {
        BrushingEvent event = brushing(150, text("note", "x"));
        assertEquals(BrushingSequence.InOrder.class, sequence.read(event.tick()).getClass());
        assertEquals(
                new BrushingSequence.Rejected(RejectReason.BAD_TIME),
                sequence.emit(event.tick(), event.extras(), BEFORE_2000));
        // note was not pinned as a string: a float note is kept.
        assertEquals(0, accept(151, number("note", 1.0)).droppedFields());
    }

    @Test
    void B10_B7_B8_backwardExtrapolationBelowTheFirstAnchor_doesNotMoveTheReference() {
        emit(40, BEFORE_2000, RejectReason.BAD_TIME);
        emit(41, AnchorClock.NOT_A_TIME, RejectReason.BAD_TIME);
        assertEquals(FIRST_ANCHOR_TICK, sequence.referenceTick());
        // Neither duplicate nor out of order: there is still no last brushing tick.
        accept(40);
        accept(41);
    }

    @Test
    void B10_B7_B8_atOrAboveTheFirstAnchor_aBadTimeTickIsTheLastBrushingTick() {
        accept(100);
        emit(10_100, AFTER_2100, RejectReason.BAD_TIME);
        assertEquals(10_100, sequence.referenceTick());
        assertRejected(RejectReason.DUPLICATE, 10_100);
        assertRejected(RejectReason.OUT_OF_ORDER, 5_000);
        // B8 counts from it: 20,100 is plausible.
        emit(20_100, AnchorClock.NOT_A_TIME, RejectReason.BAD_TIME);
        assertRejected(RejectReason.OUT_OF_ORDER, 20_099);
        assertRejected(RejectReason.IMPLAUSIBLE_TICK, 30_101);
    }

    @Test
    void B10_theFirstAnchorTickItself_becomesTheLastBrushingTick() {
        emit(FIRST_ANCHOR_TICK, AFTER_2100, RejectReason.BAD_TIME);
        assertRejected(RejectReason.DUPLICATE, FIRST_ANCHOR_TICK);
    }

    @Test
    void B10_theRangeIsInclusiveAt2000_andExclusiveAt2100() {
        assertEquals(
                BrushingSequence.Accepted.class,
                sequence.emit(1, List.of(), 946_684_800_000_000_000L).getClass());
        assertEquals(
                BrushingSequence.Rejected.class,
                sequence.emit(2, List.of(), 946_684_799_999_999_999L).getClass());
        assertEquals(
                BrushingSequence.Accepted.class,
                sequence.emit(3, List.of(), 4_102_444_799_999_999_999L).getClass());
        assertEquals(
                BrushingSequence.Rejected.class,
                sequence.emit(4, List.of(), 4_102_444_800_000_000_000L).getClass());
    }

    private void emit(long tick, long timeNanos, RejectReason reason) {
        BrushingEvent event = brushing(tick);
        assertEquals(BrushingSequence.InOrder.class, sequence.read(event.tick()).getClass(), "tick " + tick);
        assertEquals(
                new BrushingSequence.Rejected(reason),
                sequence.emit(event.tick(), event.extras(), timeNanos),
                "tick " + tick);
    }
}
