package toothbrush.ingest.domain.alignment;

import java.util.Objects;

/**
 * R1-R4: the statistics of a dataset's accepted events: start (inclusive) and end (exclusive) in UNIX
 * seconds, the seconds of brushing data lost, and the tick range [firstTick, lastTick].
 */
public record DatasetStatistics(double start, double end, double lostSeconds, Tick firstTick, Tick lastTick) {
    public DatasetStatistics {
        Objects.requireNonNull(firstTick, "firstTick");
        Objects.requireNonNull(lastTick, "lastTick");
        if (!(start <= end)) {
            throw new IllegalArgumentException("start must not be after end: " + start + " > " + end);
        }
        if (!(lostSeconds >= 0.0)) {
            throw new IllegalArgumentException("lostSeconds must be >= 0: " + lostSeconds);
        }
        if (firstTick.compareTo(lastTick) > 0) {
            throw new IllegalArgumentException("firstTick must not be after lastTick: " + firstTick + " > " + lastTick);
        }
    }
}
