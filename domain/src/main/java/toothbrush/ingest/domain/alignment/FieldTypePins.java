package toothbrush.ingest.domain.alignment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.rules.Limits;

/**
 * B3, S8 type pinning for one stream: the first accepted event carrying an extra field fixes its type;
 * later values of another type are dropped. At most {@link Limits#MAX_EXTRA_FIELD_NAMES} names are pinned
 * (U4): a name not pinned yet when the cap is reached is dropped too, so memory never grows with the
 * number of distinct names. Allocates nothing for events without extra fields.
 */
public final class FieldTypePins {

    private final Map<String, FieldValue.Type> pins = new HashMap<>();
    private final int maxNames;

    /** Pins with the name cap of B3 and S8. */
    public FieldTypePins() {
        this(Limits.MAX_EXTRA_FIELD_NAMES);
    }

    /** Pins at most {@code maxNames} names. */
    public FieldTypePins(int maxNames) {
        if (maxNames < 0) {
            throw new IllegalArgumentException("maxNames must be >= 0: " + maxNames);
        }
        this.maxNames = maxNames;
    }

    /** The result of {@link #filter}: the extra fields kept and how many were dropped. */
    public record Filtered(List<ExtraField> kept, int dropped) {
        private static final Filtered NONE = new Filtered(List.of(), 0);

        public Filtered {
            kept = List.copyOf(kept);
            if (dropped < 0) {
                throw new IllegalArgumentException("dropped must be >= 0: " + dropped);
            }
        }
    }

    /**
     * The extra fields whose type matches their pin, or that have no pin yet while the name cap leaves
     * room (new names of this event count left to right); does not pin anything. Returns the given list
     * itself when nothing is dropped. The names of one event's fields are distinct.
     */
    public Filtered filter(List<ExtraField> extras) {
        if (extras.isEmpty()) {
            return Filtered.NONE;
        }
        int dropped = 0;
        int room = maxNames - pins.size();
        for (int i = 0, n = extras.size(); i < n; i++) {
            ExtraField field = extras.get(i);
            FieldValue.Type pinned = pins.get(field.name());
            if (pinned == null ? room-- <= 0 : pinned != field.value().type()) {
                dropped++;
            }
        }
        if (dropped == 0) {
            return new Filtered(extras, 0);
        }
        List<ExtraField> kept = new ArrayList<>(extras.size() - dropped);
        room = maxNames - pins.size();
        for (int i = 0, n = extras.size(); i < n; i++) {
            ExtraField field = extras.get(i);
            FieldValue.Type pinned = pins.get(field.name());
            if (pinned == null ? room-- > 0 : pinned == field.value().type()) {
                kept.add(field);
            }
        }
        return new Filtered(kept, dropped);
    }

    /**
     * Fixes the type of every field of an accepted event that has no pin yet; call it with the fields
     * {@link #filter} kept. A field already pinned keeps its pin.
     */
    public void pin(List<ExtraField> keptExtras) {
        for (int i = 0, n = keptExtras.size(); i < n; i++) {
            ExtraField field = keptExtras.get(i);
            pins.putIfAbsent(field.name(), field.value().type());
        }
    }

    /** The type pinned for a field name, or {@code null} while none is. */
    public FieldValue.Type pinnedType(String name) {
        return pins.get(name);
    }

    /** How many names are pinned. */
    public int pinnedNames() {
        return pins.size();
    }
}
