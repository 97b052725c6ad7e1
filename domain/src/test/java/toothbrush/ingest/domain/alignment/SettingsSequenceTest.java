package toothbrush.ingest.domain.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toothbrush.ingest.domain.alignment.Fixtures.T;
import static toothbrush.ingest.domain.alignment.Fixtures.flag;
import static toothbrush.ingest.domain.alignment.Fixtures.number;
import static toothbrush.ingest.domain.alignment.Fixtures.secs;
import static toothbrush.ingest.domain.alignment.Fixtures.text;
import static toothbrush.ingest.domain.alignment.Fixtures.update;

import java.util.List;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.domain.event.SettingsUpdate;
import toothbrush.ingest.domain.rules.RejectReason;

class SettingsSequenceTest {

    private final SettingsSequence sequence = new SettingsSequence();

    @Test
    void S6_linesBeforeTheFirstTickInterval_areRejectedNoInitialState() {
        assertRejected(RejectReason.NO_INITIAL_STATE, 0, update(T, 0, 0.9, null));
        assertFalse(sequence.hasInitialState());
        SettingsEvent first = accept(0, update(T + 1, 4, null, 0.25));
        // Battery may be unknown at first (S6): it stays null.
        assertEquals(new SettingsEvent(secs(T + 1), 4, null, secs(0.25), List.of()), first);
        assertTrue(sequence.hasInitialState());
    }

    @Test
    void S6_isCheckedBeforeS7_andRejectedLinesSetNoS7Reference() {
        // Before the first anchor a far tick and a late timestamp are only no_initial_state ...
        assertRejected(RejectReason.NO_INITIAL_STATE, 0, update(T + 100, 50_000, null, null));
        // ... and they set no reference: tick 10 < 50,000 and timestamp T < T + 100 are accepted.
        accept(0, update(T, 10, null, 0.5));
    }

    @Test
    void S7_aSmallerTick_isOutOfOrder_checkedBeforeClockRegression() {
        accept(0, update(T + 10, 100, null, 0.5));
        // Both smaller tick and smaller timestamp: out_of_order wins.
        assertRejected(RejectReason.OUT_OF_ORDER, 0, update(T, 99, 0.5, null));
    }

    @Test
    void S7_aSmallerTimestamp_isClockRegression_checkedBeforeImplausibleTick() {
        accept(0, update(T + 10, 100, null, 0.5));
        // Smaller timestamp and a tick 100 + 10,001: clock_regression wins.
        assertRejected(RejectReason.CLOCK_REGRESSION, 0, update(T + 9.75, 10_101, null, null));
    }

    @Test
    void S7_aTickMoreThan10000BeyondTheLastAccepted_isImplausible() {
        accept(0, update(T, 100, null, 0.5));
        assertRejected(RejectReason.IMPLAUSIBLE_TICK, 0, update(T + 1, 10_101, null, null));
        // 100 + 10,000 is still plausible, and becomes the new reference.
        accept(0, update(T + 1, 10_100, null, null));
        accept(0, update(T + 2, 20_100, null, null));
    }

    @Test
    void S7_equalTicksAndEqualTimestamps_areAllowed_theLaterUpdateWins() {
        accept(0, update(T, 8, 0.9, 0.5));
        SettingsEvent later = accept(0, update(T, 8, null, 0.25));
        assertEquals(new SettingsEvent(secs(T), 8, 0.9, secs(0.25), List.of()), later);
    }

    @Test
    void S10_theEvent_carriesTheStateInForceAfterIt() {
        accept(0, update(T, 0, null, 0.5));
        assertEquals(
                new SettingsState(0.75, secs(0.5)),
                accept(0, update(T + 1, 2, 0.75, null)).state());
        assertEquals(
                new SettingsState(0.75, secs(1.0)),
                accept(0, update(T + 2, 4, null, 1.0)).state());
        // A rejected line changes nothing.
        assertRejected(RejectReason.OUT_OF_ORDER, 0, update(T + 3, 3, 0.1, 2.0));
        assertEquals(new SettingsState(0.75, secs(1.0)), sequence.state());
    }

    @Test
    void S8_S9_pinDropsAreCountedEvenOnRejectedLines_butOnlyAcceptedLinesPin() {
        // Rejected (no initial state) with mode as a string and 2 parser drops: counts 2 + 0.
        assertRejected(RejectReason.NO_INITIAL_STATE, 2, withDrops(update(T, 0, null, null, text("mode", "eco")), 2));
        // It pinned nothing: mode as a boolean is accepted and pins BOOLEAN.
        SettingsSequence.Verdict first = sequence.check(update(T, 1, null, 0.5, flag("mode", true)));
        assertEquals(
                new SettingsSequence.Accepted(
                        new SettingsEvent(secs(T), 1, null, secs(0.5), List.of(flag("mode", true))), 0),
                first);
        // Rejected (out of order) with mode as a float and 1 parser drop: 1 + 1 pin drop = 2.
        assertRejected(RejectReason.OUT_OF_ORDER, 2, withDrops(update(T, 0, null, null, number("mode", 1.0)), 1));
        // Accepted with a string mode and a new key: mode dropped (1), label kept.
        SettingsSequence.Verdict third = sequence.check(update(T, 2, null, null, text("mode", "x"), text("label", "")));
        assertEquals(
                new SettingsSequence.Accepted(
                        new SettingsEvent(secs(T), 2, null, secs(0.5), List.of(text("label", ""))), 1),
                third);
    }

    @Test
    void S9_droppedFieldsOfAnAcceptedLine_includeTheParsersDrops() {
        SettingsSequence.Verdict verdict = sequence.check(withDrops(update(T, 0, null, 0.5), 3));
        assertEquals(3, verdict.droppedFields());
        assertNull(((SettingsSequence.Accepted) verdict).event().battery());
    }

    private SettingsEvent accept(int droppedFields, SettingsUpdate update) {
        SettingsSequence.Verdict verdict = sequence.check(update);
        if (verdict instanceof SettingsSequence.Accepted accepted) {
            assertEquals(droppedFields, accepted.droppedFields());
            assertEquals(update.tick(), accepted.event().tick());
            assertEquals(update.timestamp(), accepted.event().timestamp());
            return accepted.event();
        }
        throw new AssertionError("rejected: " + verdict);
    }

    private void assertRejected(RejectReason reason, int droppedFields, SettingsUpdate update) {
        assertEquals(new SettingsSequence.Rejected(reason, droppedFields), sequence.check(update));
    }

    private static SettingsUpdate withDrops(SettingsUpdate u, int dropped) {
        return new SettingsUpdate(u.timestamp(), u.tick(), u.battery(), u.tickInterval(), u.extras(), dropped);
    }
}
