package toothbrush.ingest.domain.alignment;

import java.util.Objects;
import toothbrush.ingest.domain.time.ExactSeconds;

/**
 * R1-R4: the statistics of a dataset's accepted events: start (inclusive) and end (exclusive) in UNIX
 * seconds, the seconds of brushing data lost, each exact and rounded once to the nanosecond (P3), and
 * the tick range [firstTick, lastTick].
 */
public record DatasetStatistics(
        ExactSeconds start, ExactSeconds end, ExactSeconds lostSeconds, Tick firstTick, Tick lastTick) {
    public DatasetStatistics {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(lostSeconds, "lostSeconds");
        Objects.requireNonNull(firstTick, "firstTick");
        Objects.requireNonNull(lastTick, "lastTick");
        if (start.compareTo(end) > 0) {
            throw new IllegalArgumentException("start must not be after end: " + start + " > " + end);
        }
        if (firstTick.compareTo(lastTick) > 0) {
            throw new IllegalArgumentException("firstTick must not be after lastTick: " + firstTick + " > " + lastTick);
        }
    }
}
