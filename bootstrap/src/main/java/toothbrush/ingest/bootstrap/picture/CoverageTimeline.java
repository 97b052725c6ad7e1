package toothbrush.ingest.bootstrap.picture;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import toothbrush.ingest.domain.profile.DatasetProfile;

/**
 * V8, V9: the coverage timeline: each bin's covered share solid over its lost share hatched, every lost stretch
 * marked under the band (its ticks and seconds in data attributes and a title), the largest stretches' seconds
 * labelled above it, and the stretches listed in words below the chart.
 */
final class CoverageTimeline {

    /** Lost stretches listed in words under the timeline; the SVG marks them all. */
    static final int LISTED_STRETCHES = 8;
    /** Lost stretches labelled with their seconds above the timeline, the largest first. */
    static final int MAX_LABELS = 12;

    private static final double TOP = 18;
    private static final double HEIGHT = 40;
    /** Where the stretch marks stand, just under the band. */
    private static final double MARK_Y = TOP + HEIGHT + 3;

    private CoverageTimeline() {}

    static void write(Xml x, DatasetProfile profile, TimeScale scale) {
        List<LostStretch> stretches = LostStretch.of(profile);
        x.start("figure", "id", "coverage");
        x.element("h2", "Coverage");
        Charts.startTimeChart(
                x,
                MARK_Y + 8 + 18,
                "Coverage over time: the share of each bin's ticks that carry a brushing event;"
                        + " hatched where ticks were lost; " + stretches.size()
                        + " lost stretches marked below the band.");
        band(x, profile.bins(), scale);
        x.empty(
                "rect",
                "class",
                "frame",
                "x",
                Xml.num(TimeScale.PLOT_LEFT),
                "y",
                Xml.num(TOP),
                "width",
                Xml.num(TimeScale.PLOT_RIGHT - TimeScale.PLOT_LEFT),
                "height",
                Xml.num(HEIGHT));
        marks(x, stretches, scale);
        labels(x, stretches, scale);
        Charts.timeAxis(x, scale, MARK_Y + 8);
        x.end();
        Charts.legend(x, new String[][] {
            {"covered", "solid", "ticks with a brushing event"},
            {"lost-area", "solid", "lost ticks (hatched)"},
            {"lost-stretch", "solid", "a lost stretch"}
        });
        list(x, stretches, scale);
        x.end();
    }

    /**
     * A hatched (lost) band under the bins, and over it runs of bins with the same covered share, one rect each. A
     * run ends where the next bin does not start when the last one ends (a settings event re-timed the clock):
     * that time holds no tick, and is neither covered nor lost.
     */
    private static void band(Xml x, List<DatasetProfile.Bin> bins, TimeScale scale) {
        int i = 0;
        while (i < bins.size()) {
            int j = i;
            while (j + 1 < bins.size()
                    && bins.get(j + 1).start().equals(bins.get(j).end())) {
                j++;
            }
            double x0 = scale.x(bins.get(i).start());
            x.empty(
                    "rect",
                    "class",
                    "lost-area",
                    "x",
                    Xml.num(x0),
                    "y",
                    Xml.num(TOP),
                    "width",
                    Xml.num(Math.max(0.5, scale.x(bins.get(j).end()) - x0)),
                    "height",
                    Xml.num(HEIGHT));
            i = j + 1;
        }
        i = 0;
        while (i < bins.size()) {
            DatasetProfile.Bin first = bins.get(i);
            double share = (double) first.accepted() / first.ticks();
            int j = i;
            while (j + 1 < bins.size()
                    && (double) bins.get(j + 1).accepted() / bins.get(j + 1).ticks() == share
                    && bins.get(j + 1).start().equals(bins.get(j).end())) {
                j++;
            }
            if (share > 0) {
                double x0 = scale.x(first.start());
                double x1 = scale.x(bins.get(j).end());
                double h = HEIGHT * share;
                x.empty(
                        "rect",
                        "class",
                        "covered",
                        "x",
                        Xml.num(x0),
                        "y",
                        Xml.num(TOP + HEIGHT - h),
                        "width",
                        Xml.num(Math.max(0.5, x1 - x0)),
                        "height",
                        Xml.num(h));
            }
            i = j + 1;
        }
    }

    /** The lost stretches: a mark under the band each, at least 2 units wide. */
    private static void marks(Xml x, List<LostStretch> stretches, TimeScale scale) {
        x.start("g", "class", "lost-stretches");
        for (LostStretch s : stretches) {
            double x0 = scale.x(s.start());
            double x1 = Math.max(x0 + 2, scale.x(s.end()));
            x.start(
                    "rect",
                    "class",
                    "lost-stretch",
                    "x",
                    Xml.num(x0),
                    "y",
                    Xml.num(MARK_Y),
                    "width",
                    Xml.num(x1 - x0),
                    "height",
                    "6",
                    "data-first-tick",
                    Long.toString(s.firstTick()),
                    "data-last-tick",
                    Long.toString(s.lastTick()),
                    "data-lost-ticks",
                    Long.toString(s.lostTicks()),
                    "data-lost-seconds",
                    Format.plain(s.lostSeconds()));
            x.element(
                    "title",
                    "lost " + Format.plain(s.lostSeconds()) + " s (" + Format.count(s.lostTicks()) + " ticks) at "
                            + scale.elapsed(s.start()) + "\u2013" + scale.elapsed(s.end()));
            x.end();
        }
        x.end();
    }

    /** The stretches' seconds above the band: the largest first, as many as fit without overlapping. */
    private static void labels(Xml x, List<LostStretch> stretches, TimeScale scale) {
        x.start("g", "class", "lost-labels");
        List<double[]> taken = new ArrayList<>();
        for (LostStretch s : LostStretch.largestFirst(stretches)) {
            if (taken.size() == MAX_LABELS) {
                break;
            }
            String label = Format.plain(s.lostSeconds()) + " s";
            double width = label.length() * 6.2;
            double middle = (scale.x(s.start()) + Math.max(scale.x(s.start()) + 2, scale.x(s.end()))) / 2;
            double center =
                    Math.min(TimeScale.PLOT_RIGHT - width / 2, Math.max(TimeScale.PLOT_LEFT + width / 2, middle));
            boolean free = true;
            for (double[] span : taken) {
                free &= center + width / 2 + 4 < span[0] || center - width / 2 - 4 > span[1];
            }
            if (free) {
                x.element(
                        "text",
                        label,
                        "class",
                        "lost-label",
                        "x",
                        Xml.num(center),
                        "y",
                        Xml.num(TOP - 5),
                        "text-anchor",
                        "middle");
                taken.add(new double[] {center - width / 2, center + width / 2});
            }
        }
        x.end();
    }

    /**
     * The stretches in words under the chart: when and how long each was lost and its ticks; past
     * {@value #LISTED_STRETCHES}, the largest ones in time order and the seconds of the rest.
     */
    private static void list(Xml x, List<LostStretch> stretches, TimeScale scale) {
        x.start("p", "class", "stretches");
        if (stretches.isEmpty()) {
            x.text("No tick of the range was lost.");
        } else {
            List<LostStretch> listed = stretches;
            String heading =
                    stretches.size() == 1 ? "1 lost stretch: " : Format.count(stretches.size()) + " lost stretches: ";
            if (stretches.size() > LISTED_STRETCHES) {
                // The largest ones, in time order.
                listed = new ArrayList<>(LostStretch.largestFirst(stretches).subList(0, LISTED_STRETCHES));
                listed.sort(Comparator.comparingLong(LostStretch::firstTick));
                heading = Format.count(stretches.size()) + " lost stretches, the " + LISTED_STRETCHES + " largest: ";
            }
            x.element("b", heading);
            StringBuilder text = new StringBuilder();
            BigDecimal shown = BigDecimal.ZERO;
            for (int i = 0; i < listed.size(); i++) {
                LostStretch s = listed.get(i);
                shown = shown.add(s.lostSeconds());
                if (i > 0) {
                    text.append("; ");
                }
                text.append(scale.elapsed(s.start()))
                        .append('\u2013')
                        .append(scale.elapsed(s.end()))
                        .append(" (")
                        .append(Format.plain(s.lostSeconds()))
                        .append(" s, ticks ")
                        .append(s.firstTick());
                if (s.lastTick() != s.firstTick()) {
                    text.append('\u2013').append(s.lastTick());
                }
                text.append(')');
            }
            if (stretches.size() > LISTED_STRETCHES) {
                BigDecimal all = BigDecimal.ZERO;
                for (LostStretch s : stretches) {
                    all = all.add(s.lostSeconds());
                }
                text.append("; and ")
                        .append(Format.count(stretches.size() - LISTED_STRETCHES))
                        .append(" more (")
                        .append(Format.plain(all.subtract(shown)))
                        .append(" s)");
            }
            x.text(text.toString());
        }
        x.end();
    }
}
