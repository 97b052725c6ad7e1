package toothbrush.ingest.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The engine-to-line-protocol / FastCSV-parse-only ratio measured side by side: the two runs over the
 * same generated dataset ({@link EngineVsFastCsv}) alternate in one JVM, A B B A, and each pair gives
 * one ratio. On a machine whose speed drifts over minutes (shared cores), JMH's benchmarks, run one
 * after another, can each land in a different phase; a pair here is a second apart, so the median of
 * the pairs' ratios does not depend on when the machine was fast.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar toothbrush.ingest.bench.InterleavedRatio [PAIRS [WARMUP]]}
 * (defaults 40 and 15; {@code bench/run-interleaved-ratio.sh} pins it to one core).
 */
public final class InterleavedRatio {

    private InterleavedRatio() {}

    public static void main(String[] args) throws IOException {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        EngineVsFastCsv runs = new EngineVsFastCsv();
        runs.generate();
        try {
            long expectedChars = runs.fastcsvFieldChars();
            for (int i = 0; i < warmup; i++) {
                check(runs.fastcsvFieldChars(), expectedChars);
                runs.engineToLpDevNull();
            }
            double[] ratios = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                long fastcsv;
                long engine;
                if (i % 2 == 0) {
                    fastcsv = timeFastCsv(runs, expectedChars);
                    engine = timeEngine(runs);
                } else {
                    engine = timeEngine(runs);
                    fastcsv = timeFastCsv(runs, expectedChars);
                }
                ratios[i] = (double) fastcsv / engine;
                System.out.printf(
                        Locale.ROOT,
                        "pair %2d: FastCSV %,12.0f lines/s, engine->lp %,12.0f lines/s, ratio %.2f%n",
                        i + 1,
                        linesPerSecond(fastcsv),
                        linesPerSecond(engine),
                        ratios[i]);
            }
            Arrays.sort(ratios);
            System.out.printf(
                    Locale.ROOT,
                    "engine->lp / FastCSV parse-only over %d pairs: median %.2f,"
                            + " quartiles %.2f-%.2f, min %.2f, max %.2f%n",
                    pairs,
                    quantile(ratios, 0.5),
                    quantile(ratios, 0.25),
                    quantile(ratios, 0.75),
                    ratios[0],
                    ratios[pairs - 1]);
        } finally {
            runs.deleteDataset();
        }
    }

    private static long timeFastCsv(EngineVsFastCsv runs, long expectedChars) throws IOException {
        long start = System.nanoTime();
        long chars = runs.fastcsvFieldChars();
        long elapsed = System.nanoTime() - start;
        check(chars, expectedChars);
        return elapsed;
    }

    private static long timeEngine(EngineVsFastCsv runs) {
        long start = System.nanoTime();
        runs.engineToLpDevNull();
        return System.nanoTime() - start;
    }

    private static void check(long chars, long expectedChars) {
        if (chars != expectedChars) {
            throw new IllegalStateException("FastCSV read " + chars + " field characters, not " + expectedChars);
        }
    }

    private static double linesPerSecond(long nanos) {
        return EngineVsFastCsv.LINES * 1e9 / nanos;
    }

    /** Linear interpolation between the nearest ranks of sorted {@code values}. */
    private static double quantile(double[] values, double q) {
        double rank = q * (values.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return values[low] + (values[high] - values[low]) * (rank - low);
    }
}
