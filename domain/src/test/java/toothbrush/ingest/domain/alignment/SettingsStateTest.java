package toothbrush.ingest.domain.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static toothbrush.ingest.domain.alignment.Fixtures.T;
import static toothbrush.ingest.domain.alignment.Fixtures.secs;
import static toothbrush.ingest.domain.alignment.Fixtures.update;

import org.junit.jupiter.api.Test;

class SettingsStateTest {

    @Test
    void S6_initialStateNeedsATickInterval_batteryMayBeUnknown() {
        assertEquals(new SettingsState(null, secs(0.25)), SettingsState.initial(update(T, 0, null, 0.25)));
        assertThrows(IllegalArgumentException.class, () -> SettingsState.initial(update(T, 0, 0.9, null)));
    }

    @Test
    void S10_aValue_staysInForceUntilAnUpdateCarriesANewOne() {
        SettingsState initial = new SettingsState(null, secs(0.25));
        SettingsState withBattery = initial.apply(update(T, 1, 0.9, null));
        assertEquals(new SettingsState(0.9, secs(0.25)), withBattery);
        assertEquals(new SettingsState(0.9, secs(0.5)), withBattery.apply(update(T, 2, null, 0.5)));
        assertEquals(new SettingsState(0.8, secs(1.0)), withBattery.apply(update(T, 2, 0.8, 1.0)));
        assertSame(withBattery, withBattery.apply(update(T, 3, null, null)));
    }

    @Test
    void valuesOutsideS4S5Ranges_areProgrammingErrors() {
        assertThrows(IllegalArgumentException.class, () -> new SettingsState(1.5, secs(0.25)));
        assertThrows(IllegalArgumentException.class, () -> new SettingsState(null, secs(0.0)));
        assertThrows(IllegalArgumentException.class, () -> new SettingsState(null, secs(60.5)));
    }
}
