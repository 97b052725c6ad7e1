package toothbrush.ingest.generator;

/**
 * The SplitMix64 generator, written out so that a seed gives the same dataset on every JDK (the
 * algorithm of {@code java.util.SplittableRandom} is not part of its contract). Not thread-safe.
 */
final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double UNIT = 0x1.0p53;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /** An independent generator for sub-stream {@code stream} of {@code seed}. */
    static SplitMix64 forStream(long seed, int stream) {
        return new SplitMix64(mix(seed + stream * GOLDEN_GAMMA) ^ mix(stream));
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, bound) for 0 < bound (multiply-shift: no division on the hot path). */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [0, bound) for 0 < bound. */
    long nextLong(long bound) {
        return (nextLong() >>> 1) % bound;
    }

    /** True with the probability that {@link #threshold(double)} made {@code threshold} from. */
    boolean chance(long threshold) {
        return (nextLong() >>> 11) < threshold;
    }

    /** The threshold for {@link #chance(long)} of a probability in [0, 1]. */
    static long threshold(double probability) {
        return (long) (probability * UNIT);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
