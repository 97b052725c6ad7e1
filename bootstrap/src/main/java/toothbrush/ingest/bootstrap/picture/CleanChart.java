package toothbrush.ingest.bootstrap.picture;

import toothbrush.ingest.domain.profile.DatasetProfile;

/**
 * V8, V9: {@code percent_clean} over time: the mean per bin as a solid line and the lowest as a dashed one (told
 * apart without colour), lost ticks hatched behind.
 */
final class CleanChart {

    private CleanChart() {}

    static void write(Xml x, DatasetProfile profile, TimeScale scale) {
        PercentPlot plot = PercentPlot.start(
                x,
                profile,
                scale,
                "clean",
                "percent_clean over time",
                130,
                "percent_clean over time: the mean of each bin as a solid line, the lowest"
                        + " value in each bin as a dashed line, from 0 to 100 percent; lost ticks hatched behind.");
        // Mean and lowest are null in the same bins: those without an accepted event (V2).
        String mean = plot.steps(DatasetProfile.Bin::cleanMean);
        if (!mean.isEmpty()) {
            x.empty("path", "class", "min", "d", plot.steps(DatasetProfile.Bin::cleanMin));
            x.empty("path", "class", "mean", "d", mean);
        }
        plot.finish(new String[][] {
            {"mean", "line", "mean per bin"},
            {"min", "line", "lowest in bin"},
            {"lost-band", "solid", "lost ticks (the darker, the more)"}
        });
    }
}
