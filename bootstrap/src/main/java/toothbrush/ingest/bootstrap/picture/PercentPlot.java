package toothbrush.ingest.bootstrap.picture;

import java.util.List;
import java.util.function.Function;
import toothbrush.ingest.domain.profile.DatasetProfile;

/**
 * V8, V9: the frame the {@code percent_clean} and battery charts share: a figure with a 0-100 % time plot, its
 * grid lines and time axis, lost ticks hatched behind, a legend in words, and a per-bin series drawn as steps.
 * {@link #start} opens the figure, {@link #finish} closes it.
 */
record PercentPlot(Xml x, DatasetProfile profile, TimeScale scale, double height) {

    /** The plot's top, under the figure's heading. */
    private static final double TOP = 6;

    /**
     * Opens figure {@code id} with heading {@code heading} and a plot {@code height} units high, described in
     * words, and draws its lost bands and grid.
     */
    static PercentPlot start(
            Xml x, DatasetProfile profile, TimeScale scale, String id, String heading, double height, String words) {
        x.start("figure", "id", id);
        x.element("h2", heading);
        Charts.startTimeChart(x, TOP + height + 22, words);
        PercentPlot plot = new PercentPlot(x, profile, scale, height);
        plot.lostBands();
        plot.grid();
        return plot;
    }

    /**
     * The path of {@code value} per bin as steps, one level across each bin, broken where the value is
     * {@code null}; empty when it is {@code null} in every bin.
     */
    String steps(Function<DatasetProfile.Bin, Double> value) {
        StringBuilder path = new StringBuilder();
        boolean joined = false;
        for (DatasetProfile.Bin bin : profile.bins()) {
            Double level = value.apply(bin);
            if (level == null) {
                joined = false;
                continue;
            }
            path.append(joined ? "L" : "M")
                    .append(Xml.num(scale.x(bin.start())))
                    .append(' ')
                    .append(Xml.num(y(level)))
                    .append('H')
                    .append(Xml.num(scale.x(bin.end())));
            joined = true;
        }
        return path.toString();
    }

    /** The y of the plot's middle, for a note in place of a series. */
    double middle() {
        return TOP + height / 2;
    }

    /** Draws the time axis and closes the chart, then adds the legend and closes the figure. */
    void finish(String[][] legend) {
        Charts.timeAxis(x, scale, TOP + height);
        x.end();
        Charts.legend(x, legend);
        x.end();
    }

    /**
     * Behind the plot, a light hatched band over each run of bins that lost the same share of their ticks, as
     * opaque as that share: a bin lost whole is hatched, one that lost a tick in a thousand is all but clear.
     */
    private void lostBands() {
        x.start("g", "class", "lost-bands");
        List<DatasetProfile.Bin> bins = profile.bins();
        int i = 0;
        while (i < bins.size()) {
            DatasetProfile.Bin first = bins.get(i);
            double share = (double) first.lostTicks() / first.ticks();
            int j = i;
            while (j + 1 < bins.size()
                    && (double) bins.get(j + 1).lostTicks() / bins.get(j + 1).ticks() == share) {
                j++;
            }
            if (share > 0) {
                double x0 = scale.x(first.start());
                x.empty(
                        "rect",
                        "class",
                        "lost-band",
                        "x",
                        Xml.num(x0),
                        "y",
                        Xml.num(TOP),
                        "width",
                        Xml.num(Math.max(2, scale.x(bins.get(j).end()) - x0)),
                        "height",
                        Xml.num(height),
                        "fill-opacity",
                        Xml.num(Math.max(0.05, share), 3));
            }
            i = j + 1;
        }
        x.end();
    }

    /** Grid lines with their percentages: every 25 % on a tall plot, every 50 % on a low one. */
    private void grid() {
        x.start("g", "class", "axis");
        for (int p = 0; p <= 100; p += height > 90 ? 25 : 50) {
            double yy = y(p / 100.0);
            Charts.acrossPlot(x, "grid-line", yy);
            x.element(
                    "text",
                    p + " %",
                    "x",
                    Xml.num(TimeScale.PLOT_LEFT - 5),
                    "y",
                    Xml.num(yy + 3.5),
                    "text-anchor",
                    "end");
        }
        x.end();
    }

    private double y(double fraction) {
        return TOP + height * (1 - fraction);
    }
}
