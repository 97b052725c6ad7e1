package toothbrush.ingest.domain.event;

import java.util.List;
import java.util.Objects;
import toothbrush.ingest.domain.rules.Limits;

/**
 * One brushing progress event (B4-B6 valid values): tick, tooth index, percent clean, and extra fields (B3).
 */
public record BrushingEvent(long tick, int tooth, double percentClean, List<ExtraField> extras) {
    public BrushingEvent {
        check(tick, tooth, percentClean);
        extras = List.copyOf(Objects.requireNonNull(extras, "extras"));
    }

    /**
     * Checks the values of an event (B4-B6 ranges), for code that carries them without an event object.
     *
     * @throws IllegalArgumentException when one is out of range
     */
    public static void check(long tick, int tooth, double percentClean) {
        if (tick < 0 || tick > Limits.MAX_TICK) {
            throw new IllegalArgumentException("tick out of range: " + tick);
        }
        if (tooth < 0 || tooth > Limits.MAX_TOOTH) {
            throw new IllegalArgumentException("tooth out of range: " + tooth);
        }
        if (!(percentClean >= 0.0 && percentClean <= 1.0)) {
            throw new IllegalArgumentException("percentClean out of range: " + percentClean);
        }
    }

    /** The same event with other extra fields (after type pinning). */
    public BrushingEvent withExtras(List<ExtraField> newExtras) {
        return new BrushingEvent(tick, tooth, percentClean, newExtras);
    }
}
