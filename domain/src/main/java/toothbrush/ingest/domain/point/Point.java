package toothbrush.ingest.domain.point;

import java.util.List;
import java.util.Objects;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;

/**
 * A point to write to LlamaDB (P1-P3). The toothbrush id tag and the dataset id field are the same
 * for every point of a dataset, so the sink takes them from the dataset, not from each point.
 */
public sealed interface Point {

    /** P3: the point's timestamp in nanoseconds since the UNIX epoch: the exact time rounded once, half to even. */
    long timeNanos();

    /** P1: measurement {@code brushing}: fields tick, tooth, percent_clean, extras. */
    record Brushing(long timeNanos, BrushingEvent event) implements Point {
        public Brushing {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * P2: measurement {@code settings}: fields tick, battery (state after the event, {@code null}
     * while unknown), tick_interval (state after the event), extras.
     */
    record Settings(long timeNanos, long tick, Double battery, double tickInterval, List<ExtraField> extras)
            implements Point {
        public Settings {
            extras = List.copyOf(Objects.requireNonNull(extras, "extras"));
        }
    }
}
