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
        assertInstanceOf(BrushingSequence.Accepted.class, new BrushingSequence(FIRST_ANCHOR_TICK).check(brushing(100)));
        assertInstanceOf(BrushingSequence.Accepted.class, new BrushingSequence(FIRST_ANCHOR_TICK).check(brushing(40)));
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
        assertEquals(List.of(number("pressure", 3.0)), second.event().extras());
        // A string note on a rejected (duplicate) line: rejected, no count in the verdict.
        assertRejected(RejectReason.DUPLICATE, 2, text("note", "z"));
    }

    @Test
    void anAcceptedEventWithoutDrops_isTheCandidateItself() {
        BrushingEvent candidate = brushing(7, number("note", 1.0));
        BrushingSequence.Verdict verdict = sequence.check(candidate);
        assertSame(candidate, ((BrushingSequence.Accepted) verdict).event());
    }

    private BrushingSequence.Accepted accept(long tick, ExtraField... extras) {
        BrushingSequence.Verdict verdict = sequence.check(brushing(tick, extras));
        if (verdict instanceof BrushingSequence.Accepted accepted) {
            assertEquals(tick, accepted.event().tick());
            return accepted;
        }
        throw new AssertionError("tick " + tick + " rejected: " + verdict);
    }

    private void assertRejected(RejectReason reason, long tick, ExtraField... extras) {
        assertEquals(new BrushingSequence.Rejected(reason), sequence.check(brushing(tick, extras)));
    }
}
