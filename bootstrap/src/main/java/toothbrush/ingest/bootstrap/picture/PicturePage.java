package toothbrush.ingest.bootstrap.picture;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.StreamReport;
import toothbrush.ingest.domain.profile.DatasetProfile;

/**
 * V7-V9: the page of one report: one self-contained HTML file with inline CSS and inline SVG, no script and
 * no reference to anything outside it. It shows the headline numbers, a coverage timeline with the lost
 * stretches marked, {@code percent_clean} and the battery over time, the 32 teeth, and the rejected lines.
 * Lost stretches are hatched and labelled, and series differ by dash pattern, so the page reads without
 * colour and on paper. The page is polyglot: HTML5 that is also well-formed XML.
 */
public final class PicturePage {

    /** The SVG namespace, written on every {@code <svg>} so the page parses as XML too. */
    static final String SVG_NS = "http://www.w3.org/2000/svg";
    /** The XHTML namespace of the root element. */
    static final String XHTML_NS = "http://www.w3.org/1999/xhtml";
    /** Lost stretches listed in words under the timeline; the SVG marks them all. */
    static final int LISTED_STRETCHES = 8;
    /** Lost stretches labelled with their seconds above the timeline, the largest first. */
    static final int MAX_LABELS = 12;

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The width of the time charts' drawing, in SVG units (px at 1280 wide). */
    private static final double CHART_WIDTH = 780;

    private static final double PLOT_LEFT = 46;
    private static final double PLOT_RIGHT = CHART_WIDTH - 12;

    private static final String STYLE = """
            :root { color-scheme: light; --ink: #1a202c; --muted: #4a5568; --line: #cbd5e0; --covered: #2b6cb0;
              --lost: #c53030; --lost-bg: #fde8e8; --clean: #276749; --battery: #6b46c1; }
            * { box-sizing: border-box; }
            html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            body { margin: 0; padding: 12px 16px; font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto,
              "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
            header { display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; margin-bottom: 8px; }
            h1 { font-size: 20px; margin: 0; }
            h1 .id { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
            h2 { font-size: 14px; margin: 0 0 2px; }
            .sub { color: var(--muted); margin: 0; }
            .outcome { font-weight: 700; padding: 1px 6px; border: 1.5px solid currentColor; border-radius: 3px; }
            .outcome.completed { color: #22543d; }
            .outcome.failed { color: var(--lost); }
            .failure { border: 2px solid var(--lost); background: var(--lost-bg); padding: 6px 10px; margin: 0 0 8px; }
            .stats { display: grid; grid-template-columns: 1.5fr 1.5fr repeat(6, minmax(0, 1fr)); gap: 6px;
              margin: 0 0 10px; }
            .stats div { border: 1px solid var(--line); border-radius: 4px; padding: 4px 8px; }
            .stats dt { color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: .03em; }
            .stats dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
            .stats dd small { display: block; font-weight: 400; color: var(--muted); }
            .grid { display: grid; grid-template-columns: 780px minmax(0, 1fr); gap: 10px 24px; }
            figure { margin: 0 0 6px; break-inside: avoid; }
            figcaption { font-size: 12px; color: var(--muted); }
            svg { display: block; width: 100%; height: auto; overflow: visible; }
            svg text { font-size: 11px; fill: var(--ink); }
            svg .axis text { fill: var(--muted); font-size: 10px; }
            svg .axis line, svg .grid-line { stroke: var(--line); stroke-width: 1; }
            svg .frame { fill: none; stroke: var(--line); }
            .covered { fill: var(--covered); }
            .lost-area { fill: url(#lost-hatch); }
            .lost-band { fill: url(#lost-hatch-light); }
            .lost-stretch { fill: var(--lost); stroke: var(--lost); }
            .lost-label { fill: var(--lost); font-weight: 600; }
            .mean { fill: none; stroke: var(--clean); stroke-width: 2; }
            .min { fill: none; stroke: var(--clean); stroke-width: 1.25; stroke-dasharray: 5 3; }
            .battery { fill: none; stroke: var(--battery); stroke-width: 2; }
            .events { fill: var(--covered); }
            .clean { fill: url(#clean-hatch); stroke: var(--clean); }
            .legend { font-size: 12px; color: var(--muted); margin: 2px 0 0; }
            .legend svg { display: inline-block; width: 26px; height: 10px; vertical-align: middle; }
            .stretches { font-size: 12px; margin: 2px 0 0; }
            table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
            th, td { text-align: left; padding: 2px 6px; border-bottom: 1px solid var(--line); }
            td.n, th.n { text-align: right; }
            tfoot td { font-weight: 700; border-bottom: 0; }
            .first { font-size: 12px; margin: 4px 0 0; overflow-wrap: anywhere; }
            .none { color: var(--muted); font-style: italic; }
            @media print {
              @page { size: A4 landscape; margin: 10mm; }
              body { padding: 0; font-size: 11px; }
              .grid { grid-template-columns: 62% minmax(0, 1fr); }
              .stats div { border-color: #888; }
            }
            """;

    private PicturePage() {}

    /** V7-V9: the page of {@code report}, completed or failed. */
    public static String html(IngestReport report) {
        Objects.requireNonNull(report, "report");
        Xml x = new Xml();
        x.declaration("<!DOCTYPE html>");
        x.start("html", "xmlns", XHTML_NS, "lang", "en");
        x.start("head");
        x.empty("meta", "charset", "utf-8");
        x.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        x.empty("meta", "name", "generator", "content", "toothbrush-ingest picture");
        x.element(
                "title",
                "Dataset " + report.datasetId() + " (" + report.outcome().code() + ")");
        x.start("style").raw(STYLE).end();
        x.end();
        x.start("body");
        patterns(x);
        header(x, report);
        stats(x, report);
        x.start("main", "class", "grid");
        x.start("div", "class", "time-charts");
        DatasetProfile profile = report.profile();
        if (profile == null) {
            x.element(
                    "p",
                    report.outcome() == IngestReport.Outcome.FAILED
                            ? "No profile: the dataset failed, so nothing was timed or written."
                            : "No profile: this report was written without one.",
                    "class",
                    "none");
        } else {
            TimeScale scale = TimeScale.of(report, profile);
            List<Stretch> stretches = Stretch.of(profile);
            coverage(x, profile, scale, stretches);
            clean(x, profile, scale);
            battery(x, profile, scale);
        }
        x.end();
        x.start("div", "class", "side");
        if (profile != null) {
            teeth(x, profile);
        }
        rejections(x, report);
        x.end();
        x.end();
        x.end();
        x.end();
        return x.finish();
    }

    // ------------------------------------------------------------------ header and numbers

    private static void header(Xml x, IngestReport report) {
        x.start("header");
        x.start("h1")
                .text("Dataset ")
                .element("span", report.datasetId(), "class", "id")
                .end();
        x.start("p", "class", "sub")
                .text("toothbrush ")
                .element("b", report.toothbrushId())
                .text(" \u00b7 ")
                .element(
                        "span",
                        report.outcome().code(),
                        "class",
                        "outcome " + report.outcome().code())
                .end();
        x.end();
        if (report.outcome() == IngestReport.Outcome.FAILED) {
            x.start("p", "class", "failure", "role", "alert")
                    .element("b", "Failed: " + report.reason().code())
                    .text(" \u2014 " + report.message())
                    .end();
        }
    }

    private static void stats(Xml x, IngestReport report) {
        x.start("dl", "class", "stats");
        stat(x, "Start", time(report.start()), seconds(report.start()));
        stat(x, "End", time(report.end()), seconds(report.end()));
        BigDecimal duration = report.start() == null ? null : report.end().subtract(report.start());
        stat(x, "Duration", duration == null ? "\u2014" : duration(duration), null);
        stat(x, "Points written", count(report.pointsWritten()), null);
        String share = null;
        if (report.lostSeconds() != null && duration != null && duration.signum() > 0) {
            share = percent(report.lostSeconds()
                            .divide(duration, 6, RoundingMode.HALF_EVEN)
                            .doubleValue()) + " of the duration";
        }
        stat(x, "Lost", report.lostSeconds() == null ? "\u2014" : plain(report.lostSeconds()) + " s", share);
        DatasetProfile profile = report.profile();
        stat(
                x,
                "Lost ticks",
                profile == null ? "\u2014" : count(profile.lostTicks()),
                profile == null ? null : "of " + count(profile.lastTick() - profile.firstTick() + 1) + " ticks");
        stat(
                x,
                "Brushing lines",
                count(report.brushing().accepted()) + " accepted",
                count(report.brushing().rejected()) + " rejected");
        stat(
                x,
                "Settings lines",
                count(report.settings().accepted()) + " accepted",
                count(report.settings().rejected()) + " rejected");
        x.end();
    }

    private static void stat(Xml x, String name, String value, String note) {
        x.start("div").element("dt", name).start("dd").text(value);
        if (note != null) {
            x.element("small", note);
        }
        x.end().end();
    }

    // ------------------------------------------------------------------ patterns shared by every chart

    /** Hatches that tell lost from covered without colour (V9); referenced by fragment only. */
    private static void patterns(Xml x) {
        x.start(
                "svg",
                "xmlns",
                SVG_NS,
                "width",
                "0",
                "height",
                "0",
                "style",
                "position:absolute",
                "aria-hidden",
                "true",
                "focusable",
                "false");
        x.start("defs");
        hatch(x, "lost-hatch", "#fde8e8", "#c53030", 1.6);
        hatch(x, "lost-hatch-light", "#fff5f5", "#f56565", 1.2);
        x.start("pattern", "id", "clean-hatch", "width", "4", "height", "4", "patternUnits", "userSpaceOnUse");
        x.empty("rect", "width", "4", "height", "4", "fill", "#f0fff4");
        x.empty("path", "d", "M0 2H4", "stroke", "#276749", "stroke-width", "1");
        x.end();
        x.end();
        x.end();
    }

    private static void hatch(Xml x, String id, String background, String stroke, double width) {
        x.start(
                "pattern",
                "id",
                id,
                "width",
                "6",
                "height",
                "6",
                "patternUnits",
                "userSpaceOnUse",
                "patternTransform",
                "rotate(45)");
        x.empty("rect", "width", "6", "height", "6", "fill", background);
        x.empty("path", "d", "M0 0V6", "stroke", stroke, "stroke-width", Xml.num(width));
        x.end();
    }

    // ------------------------------------------------------------------ coverage timeline

    private static void coverage(Xml x, DatasetProfile profile, TimeScale scale, List<Stretch> stretches) {
        double top = 18;
        double height = 40;
        double markY = top + height + 3;
        double svgHeight = markY + 8 + 18;
        x.start("figure", "id", "coverage");
        x.element("h2", "Coverage");
        chartStart(
                x,
                svgHeight,
                "Coverage over time: the share of each bin's ticks that carry a brushing event;"
                        + " hatched where ticks were lost; " + stretches.size()
                        + " lost stretches marked below the band.");
        // A hatched (lost) band under the bins, and over it runs of bins with the same covered share, one rect
        // each. A run ends where the next bin does not start when the last one ends (a settings event re-timed
        // the clock): that time holds no tick, and is neither covered nor lost.
        List<DatasetProfile.Bin> bins = profile.bins();
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
                    Xml.num(top),
                    "width",
                    Xml.num(Math.max(0.5, scale.x(bins.get(j).end()) - x0)),
                    "height",
                    Xml.num(height));
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
                double h = height * share;
                x.empty(
                        "rect",
                        "class",
                        "covered",
                        "x",
                        Xml.num(x0),
                        "y",
                        Xml.num(top + height - h),
                        "width",
                        Xml.num(Math.max(0.5, x1 - x0)),
                        "height",
                        Xml.num(h));
            }
            i = j + 1;
        }
        x.empty(
                "rect",
                "class",
                "frame",
                "x",
                Xml.num(PLOT_LEFT),
                "y",
                Xml.num(top),
                "width",
                Xml.num(PLOT_RIGHT - PLOT_LEFT),
                "height",
                Xml.num(height));
        // The lost stretches: a mark under the band each.
        x.start("g", "class", "lost-stretches");
        for (Stretch s : stretches) {
            double x0 = scale.x(s.start());
            double x1 = Math.max(x0 + 2, scale.x(s.end()));
            x.start(
                    "rect",
                    "class",
                    "lost-stretch",
                    "x",
                    Xml.num(x0),
                    "y",
                    Xml.num(markY),
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
                    plain(s.lostSeconds()));
            x.element(
                    "title",
                    "lost " + plain(s.lostSeconds()) + " s (" + count(s.lostTicks()) + " ticks) at "
                            + scale.elapsed(s.start()) + "\u2013" + scale.elapsed(s.end()));
            x.end();
        }
        x.end();
        // Their seconds above the band: the largest first, as many as fit without overlapping.
        x.start("g", "class", "lost-labels");
        List<double[]> taken = new ArrayList<>();
        for (Stretch s : Stretch.largestFirst(stretches)) {
            if (taken.size() == MAX_LABELS) {
                break;
            }
            String label = plain(s.lostSeconds()) + " s";
            double width = label.length() * 6.2;
            double middle = (scale.x(s.start()) + Math.max(scale.x(s.start()) + 2, scale.x(s.end()))) / 2;
            double center = Math.min(PLOT_RIGHT - width / 2, Math.max(PLOT_LEFT + width / 2, middle));
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
                        Xml.num(top - 5),
                        "text-anchor",
                        "middle");
                taken.add(new double[] {center - width / 2, center + width / 2});
            }
        }
        x.end();
        timeAxis(x, scale, markY + 8);
        x.end();
        legend(x, new String[][] {
            {"covered", "solid", "ticks with a brushing event"},
            {"lost-area", "solid", "lost ticks (hatched)"},
            {"lost-stretch", "solid", "a lost stretch"}
        });
        stretchList(x, stretches, scale);
        x.end();
    }

    private static void stretchList(Xml x, List<Stretch> stretches, TimeScale scale) {
        x.start("p", "class", "stretches");
        if (stretches.isEmpty()) {
            x.text("No tick of the range was lost.");
        } else {
            List<Stretch> listed = stretches;
            String heading = stretches.size() == 1 ? "1 lost stretch: " : count(stretches.size()) + " lost stretches: ";
            if (stretches.size() > LISTED_STRETCHES) {
                // The largest ones, in time order.
                listed = new ArrayList<>(Stretch.largestFirst(stretches).subList(0, LISTED_STRETCHES));
                listed.sort(java.util.Comparator.comparingLong(Stretch::firstTick));
                heading = count(stretches.size()) + " lost stretches, the " + LISTED_STRETCHES + " largest: ";
            }
            x.element("b", heading);
            StringBuilder text = new StringBuilder();
            BigDecimal shown = BigDecimal.ZERO;
            for (int i = 0; i < listed.size(); i++) {
                Stretch s = listed.get(i);
                shown = shown.add(s.lostSeconds());
                if (i > 0) {
                    text.append("; ");
                }
                text.append(scale.elapsed(s.start()))
                        .append('\u2013')
                        .append(scale.elapsed(s.end()))
                        .append(" (")
                        .append(plain(s.lostSeconds()))
                        .append(" s, ticks ")
                        .append(s.firstTick());
                if (s.lastTick() != s.firstTick()) {
                    text.append('\u2013').append(s.lastTick());
                }
                text.append(')');
            }
            if (stretches.size() > LISTED_STRETCHES) {
                BigDecimal all = BigDecimal.ZERO;
                for (Stretch s : stretches) {
                    all = all.add(s.lostSeconds());
                }
                text.append("; and ")
                        .append(count(stretches.size() - LISTED_STRETCHES))
                        .append(" more (")
                        .append(plain(all.subtract(shown)))
                        .append(" s)");
            }
            x.text(text.toString());
        }
        x.end();
    }

    // ------------------------------------------------------------------ percent_clean and battery

    private static void clean(Xml x, DatasetProfile profile, TimeScale scale) {
        double top = 6;
        double height = 130;
        x.start("figure", "id", "clean");
        x.element("h2", "percent_clean over time");
        chartStart(
                x,
                top + height + 22,
                "percent_clean over time: the mean of each bin as a solid line, the lowest"
                        + " value in each bin as a dashed line, from 0 to 100 percent; lost ticks hatched behind.");
        percentFrame(x, profile, scale, top, height);
        StringBuilder mean = new StringBuilder();
        StringBuilder min = new StringBuilder();
        boolean joined = false;
        for (DatasetProfile.Bin bin : profile.bins()) {
            if (bin.cleanMean() == null) {
                joined = false;
                continue;
            }
            double x0 = scale.x(bin.start());
            double x1 = scale.x(bin.end());
            String command = joined ? "L" : "M";
            mean.append(command)
                    .append(Xml.num(x0))
                    .append(' ')
                    .append(Xml.num(y(bin.cleanMean(), top, height)))
                    .append('H')
                    .append(Xml.num(x1));
            min.append(command)
                    .append(Xml.num(x0))
                    .append(' ')
                    .append(Xml.num(y(bin.cleanMin(), top, height)))
                    .append('H')
                    .append(Xml.num(x1));
            joined = true;
        }
        if (mean.length() > 0) {
            x.empty("path", "class", "min", "d", min.toString());
            x.empty("path", "class", "mean", "d", mean.toString());
        }
        timeAxis(x, scale, top + height);
        x.end();
        legend(x, new String[][] {
            {"mean", "line", "mean per bin"},
            {"min", "line", "lowest in bin"},
            {"lost-band", "solid", "lost ticks (the darker, the more)"}
        });
        x.end();
    }

    private static void battery(Xml x, DatasetProfile profile, TimeScale scale) {
        double top = 6;
        double height = 90;
        x.start("figure", "id", "battery");
        x.element("h2", "Battery over time");
        chartStart(
                x,
                top + height + 22,
                "Battery over time: the level in force at the end of each bin, from 0 to"
                        + " 100 percent; lost ticks hatched behind.");
        percentFrame(x, profile, scale, top, height);
        StringBuilder path = new StringBuilder();
        boolean joined = false;
        int known = 0;
        for (DatasetProfile.Bin bin : profile.bins()) {
            if (bin.battery() == null) {
                joined = false;
                continue;
            }
            known++;
            double x0 = scale.x(bin.start());
            double x1 = scale.x(bin.end());
            path.append(joined ? "L" : "M")
                    .append(Xml.num(x0))
                    .append(' ')
                    .append(Xml.num(y(bin.battery(), top, height)))
                    .append('H')
                    .append(Xml.num(x1));
            joined = true;
        }
        if (known > 0) {
            x.empty("path", "class", "battery", "d", path.toString());
        } else {
            x.element(
                    "text",
                    "battery unknown: no settings line carried one",
                    "x",
                    Xml.num((PLOT_LEFT + PLOT_RIGHT) / 2),
                    "y",
                    Xml.num(top + height / 2),
                    "text-anchor",
                    "middle");
        }
        timeAxis(x, scale, top + height);
        x.end();
        legend(x, new String[][] {
            {"battery", "line", "battery at the end of each bin"}, {"lost-band", "solid", "lost ticks"}
        });
        x.end();
    }

    /**
     * A 0-100 % plot area with grid lines and, behind, a light hatched band over each run of bins that lost the
     * same share of their ticks, as opaque as that share: a bin lost whole is hatched, one that lost a tick in a
     * thousand is all but clear.
     */
    private static void percentFrame(Xml x, DatasetProfile profile, TimeScale scale, double top, double height) {
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
                        Xml.num(top),
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
        x.start("g", "class", "axis");
        for (int p = 0; p <= 100; p += height > 90 ? 25 : 50) {
            double yy = y(p / 100.0, top, height);
            x.empty(
                    "line",
                    "class",
                    "grid-line",
                    "x1",
                    Xml.num(PLOT_LEFT),
                    "x2",
                    Xml.num(PLOT_RIGHT),
                    "y1",
                    Xml.num(yy),
                    "y2",
                    Xml.num(yy));
            x.element("text", p + " %", "x", Xml.num(PLOT_LEFT - 5), "y", Xml.num(yy + 3.5), "text-anchor", "end");
        }
        x.end();
    }

    private static double y(double fraction, double top, double height) {
        return top + height * (1 - fraction);
    }

    /** Elapsed-time ticks under a plot, at a round step. */
    private static void timeAxis(Xml x, TimeScale scale, double y) {
        x.start("g", "class", "axis");
        x.empty("line", "x1", Xml.num(PLOT_LEFT), "x2", Xml.num(PLOT_RIGHT), "y1", Xml.num(y), "y2", Xml.num(y));
        double step = scale.step();
        for (double t = 0; t <= scale.span() + 1e-9; t += step) {
            double xx = PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (scale.span() == 0 ? 0 : t / scale.span());
            x.empty("line", "x1", Xml.num(xx), "x2", Xml.num(xx), "y1", Xml.num(y), "y2", Xml.num(y + 4));
            x.element(
                    "text",
                    TimeScale.clock(t),
                    "x",
                    Xml.num(xx),
                    "y",
                    Xml.num(y + 15),
                    "text-anchor",
                    t == 0 ? "start" : "middle");
        }
        x.end();
    }

    private static void chartStart(Xml x, double height, String description) {
        x.start(
                "svg",
                "xmlns",
                SVG_NS,
                "viewBox",
                "0 0 " + Xml.num(CHART_WIDTH) + " " + Xml.num(height),
                "width",
                Xml.num(CHART_WIDTH),
                "height",
                Xml.num(height),
                "role",
                "img",
                "aria-label",
                description);
        x.element("title", description);
    }

    /** A legend in words with a swatch each: {class, "line" or "solid", words}. */
    private static void legend(Xml x, String[][] entries) {
        x.start("p", "class", "legend");
        for (int i = 0; i < entries.length; i++) {
            if (i > 0) {
                x.text("\u2003");
            }
            x.start("svg", "xmlns", SVG_NS, "viewBox", "0 0 26 10", "aria-hidden", "true");
            if (entries[i][1].equals("line")) {
                x.empty("path", "class", entries[i][0], "d", "M1 5H25");
            } else {
                x.empty("rect", "class", entries[i][0], "x", "1", "y", "1", "width", "24", "height", "8");
            }
            x.end();
            x.text(" " + entries[i][2]);
        }
        x.end();
    }

    // ------------------------------------------------------------------ teeth

    private static void teeth(Xml x, DatasetProfile profile) {
        double cell = 26;
        double left = 40;
        double barTop = 14;
        double barHeight = 48;
        double rowHeight = 96;
        long maxEvents = 1;
        for (DatasetProfile.Tooth tooth : profile.teeth()) {
            maxEvents = Math.max(maxEvents, tooth.events());
        }
        x.start("figure", "id", "teeth");
        x.element("h2", "Teeth");
        String description = "Per tooth: the accepted brushing events (solid bar, number above) and the last"
                + " percent_clean (hatched bar, in percent below).";
        x.start(
                "svg",
                "xmlns",
                SVG_NS,
                "viewBox",
                "0 0 " + Xml.num(left + 16 * cell) + " " + Xml.num(2 * rowHeight),
                "width",
                Xml.num(left + 16 * cell),
                "height",
                Xml.num(2 * rowHeight),
                "role",
                "img",
                "aria-label",
                description);
        x.element("title", description);
        for (int row = 0; row < 2; row++) {
            double y0 = row * rowHeight;
            x.start("g", "class", "axis");
            x.element("text", "events", "x", "0", "y", Xml.num(y0 + 10));
            x.element("text", "tooth", "x", "0", "y", Xml.num(y0 + barTop + barHeight + 12));
            x.element("text", "last %", "x", "0", "y", Xml.num(y0 + barTop + barHeight + 25));
            x.end();
            for (int c = 0; c < 16; c++) {
                DatasetProfile.Tooth tooth = profile.teeth().get(row * 16 + c);
                double cx = left + c * cell;
                double base = y0 + barTop + barHeight;
                x.start(
                        "g",
                        "class",
                        "tooth",
                        "data-tooth",
                        Integer.toString(tooth.tooth()),
                        "data-events",
                        Long.toString(tooth.events()));
                x.element(
                        "title",
                        "tooth " + tooth.tooth() + ": " + count(tooth.events()) + " events, last "
                                + (tooth.lastClean() == null ? "none" : percent(tooth.lastClean())));
                x.element(
                        "text",
                        compact(tooth.events()),
                        "x",
                        Xml.num(cx + cell / 2),
                        "y",
                        Xml.num(y0 + 10),
                        "text-anchor",
                        "middle");
                double eventsHeight = barHeight * tooth.events() / maxEvents;
                x.empty(
                        "rect",
                        "class",
                        "events",
                        "x",
                        Xml.num(cx + 3),
                        "y",
                        Xml.num(base - eventsHeight),
                        "width",
                        "9",
                        "height",
                        Xml.num(eventsHeight));
                if (tooth.lastClean() != null) {
                    double cleanHeight = barHeight * tooth.lastClean();
                    x.empty(
                            "rect",
                            "class",
                            "clean",
                            "x",
                            Xml.num(cx + 13),
                            "y",
                            Xml.num(base - cleanHeight),
                            "width",
                            "9",
                            "height",
                            Xml.num(cleanHeight));
                }
                x.empty(
                        "line",
                        "class",
                        "grid-line",
                        "x1",
                        Xml.num(cx + 1),
                        "x2",
                        Xml.num(cx + cell - 1),
                        "y1",
                        Xml.num(base),
                        "y2",
                        Xml.num(base));
                x.element(
                        "text",
                        Integer.toString(tooth.tooth()),
                        "x",
                        Xml.num(cx + cell / 2),
                        "y",
                        Xml.num(base + 12),
                        "text-anchor",
                        "middle",
                        "font-weight",
                        "600");
                x.element(
                        "text",
                        tooth.lastClean() == null ? "\u2013" : Long.toString(Math.round(tooth.lastClean() * 100)),
                        "x",
                        Xml.num(cx + cell / 2),
                        "y",
                        Xml.num(base + 25),
                        "text-anchor",
                        "middle",
                        "font-size",
                        "9.5");
                x.end();
            }
        }
        x.end();
        legend(x, new String[][] {{"events", "solid", "events"}, {"clean", "solid", "last percent_clean"}});
        x.end();
    }

    // ------------------------------------------------------------------ rejected lines

    private static void rejections(Xml x, IngestReport report) {
        x.start("section", "id", "rejected");
        x.element("h2", "Rejected lines");
        Set<String> reasons =
                new LinkedHashSet<>(report.brushing().rejectedByReason().keySet());
        reasons.addAll(report.settings().rejectedByReason().keySet());
        if (reasons.isEmpty()) {
            x.element("p", "No line was rejected.", "class", "none");
        } else {
            x.start("table");
            x.start("thead")
                    .start("tr")
                    .element("th", "reason")
                    .element("th", "brushing", "class", "n")
                    .element("th", "settings", "class", "n")
                    .end()
                    .end();
            x.start("tbody");
            for (String reason : reasons) {
                x.start("tr", "data-reason", reason)
                        .element("td", reason)
                        .element(
                                "td",
                                count(report.brushing().rejectedByReason().getOrDefault(reason, 0L)),
                                "class",
                                "n")
                        .element(
                                "td",
                                count(report.settings().rejectedByReason().getOrDefault(reason, 0L)),
                                "class",
                                "n")
                        .end();
            }
            x.end();
            x.start("tfoot")
                    .start("tr")
                    .element("td", "all")
                    .element("td", count(report.brushing().rejected()), "class", "n")
                    .element("td", count(report.settings().rejected()), "class", "n")
                    .end()
                    .end();
            x.end();
        }
        firstRejections(x, "brushing", report.brushing());
        firstRejections(x, "settings", report.settings());
        if (report.brushing().invalidFields() + report.settings().invalidFields() > 0) {
            x.element(
                    "p",
                    "Fields dropped from accepted lines: brushing "
                            + count(report.brushing().invalidFields()) + ", settings "
                            + count(report.settings().invalidFields()) + ".",
                    "class",
                    "first");
        }
        x.end();
    }

    private static void firstRejections(Xml x, String stream, StreamReport s) {
        if (s.firstRejections().isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (StreamReport.Rejection r : s.firstRejections()) {
            parts.add(r.line() + " " + r.reason());
        }
        String more = s.rejected() > s.firstRejections().size()
                ? "; " + count(s.rejected() - s.firstRejections().size()) + " more"
                : "";
        x.start("p", "class", "first", "data-stream", stream)
                .element("b", "First rejected " + stream + " lines: ")
                .text(String.join(", ", parts) + more)
                .end();
    }

    // ------------------------------------------------------------------ formatting

    static String plain(BigDecimal seconds) {
        return seconds.signum() == 0 ? "0" : seconds.stripTrailingZeros().toPlainString();
    }

    private static String plain(toothbrush.ingest.domain.time.ExactSeconds seconds) {
        return plain(seconds.toBigDecimal());
    }

    private static String time(BigDecimal seconds) {
        if (seconds == null) {
            return "\u2014";
        }
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        int nanos = seconds.subtract(whole)
                .movePointRight(9)
                .setScale(0, RoundingMode.HALF_EVEN)
                .intValue();
        return UTC.format(Instant.ofEpochSecond(whole.longValueExact(), Math.min(nanos, 999_999_999)));
    }

    private static String seconds(BigDecimal seconds) {
        return seconds == null ? null : plain(seconds) + " (UNIX s)";
    }

    /** 2 min 0.203 s, 1 h 2 min 3 s, 3.65 s. */
    static String duration(BigDecimal seconds) {
        if (seconds.compareTo(BigDecimal.valueOf(60)) < 0) {
            return plain(seconds.setScale(3, RoundingMode.HALF_EVEN)) + " s";
        }
        long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
        long hours = whole / 3600;
        long minutes = whole % 3600 / 60;
        BigDecimal rest = seconds.subtract(BigDecimal.valueOf(hours * 3600 + minutes * 60));
        String secondsText = hours > 0
                ? Long.toString(rest.setScale(0, RoundingMode.FLOOR).longValue())
                : plain(rest.setScale(3, RoundingMode.HALF_EVEN));
        return (hours > 0 ? hours + " h " : "") + minutes + " min " + secondsText + " s";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String compact(long n) {
        if (n < 10_000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return Math.round(n / 1_000.0) + "k";
        }
        return Xml.num(n / 1_000_000.0, n < 10_000_000 ? 1 : 0) + "M";
    }

    private static String percent(double fraction) {
        return Xml.num(fraction * 100, 1) + " %";
    }

    // ------------------------------------------------------------------ scales and stretches

    /** Seconds since the dataset's start to x in the time charts. */
    record TimeScale(BigDecimal origin, double span) {
        static TimeScale of(IngestReport report, DatasetProfile profile) {
            BigDecimal from = profile.bins().get(0).start().toBigDecimal();
            BigDecimal to = profile.bins().get(profile.bins().size() - 1).end().toBigDecimal();
            for (DatasetProfile.Bin bin : profile.bins()) {
                from = from.min(bin.start().toBigDecimal());
                to = to.max(bin.end().toBigDecimal());
            }
            if (report.start() != null) {
                from = from.min(report.start());
                to = to.max(report.end());
            }
            return new TimeScale(from, to.subtract(from).doubleValue());
        }

        double x(toothbrush.ingest.domain.time.ExactSeconds time) {
            double t = time.toBigDecimal().subtract(origin).doubleValue();
            return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (span == 0 ? 0 : t / span);
        }

        String elapsed(toothbrush.ingest.domain.time.ExactSeconds time) {
            double t = time.toBigDecimal().subtract(origin).doubleValue();
            return span < 600 ? clockTenths(t) : clock(Math.floor(t));
        }

        /** A round step giving at most 9 ticks over the span. */
        double step() {
            double[] steps = {
                0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200,
                86_400
            };
            for (double step : steps) {
                if (span / step <= 8) {
                    return step;
                }
            }
            double step = 86_400;
            while (span / step > 8) {
                step *= 2;
            }
            return step;
        }

        /** m:ss or h:mm:ss of elapsed seconds; tenths when the step is below a second. */
        static String clock(double t) {
            long whole = (long) Math.floor(t + 1e-9);
            String text;
            if (whole >= 3600) {
                text = String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600, whole % 3600 / 60, whole % 60);
            } else {
                text = String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
            }
            double tenths = Math.round((t - whole) * 10) / 10.0;
            return tenths > 0 && tenths < 1 ? text + Xml.num(tenths, 1).substring(1) : text;
        }

        static String clockTenths(double t) {
            double rounded = Math.round(t * 10) / 10.0;
            long whole = (long) Math.floor(rounded);
            return String.format(
                    Locale.ROOT, "%d:%02d.%d", whole / 60, whole % 60, Math.round((rounded - whole) * 10) % 10);
        }
    }

    /** A lost stretch: a maximal run of consecutive bins that hold lost ticks (V8). */
    record Stretch(
            long firstTick,
            long lastTick,
            long lostTicks,
            BigDecimal lostSeconds,
            toothbrush.ingest.domain.time.ExactSeconds start,
            toothbrush.ingest.domain.time.ExactSeconds end) {

        /** The stretches by lost seconds, largest first; equal ones in time order. */
        static List<Stretch> largestFirst(List<Stretch> stretches) {
            List<Stretch> sorted = new ArrayList<>(stretches);
            sorted.sort(java.util.Comparator.comparing(Stretch::lostSeconds)
                    .reversed()
                    .thenComparingLong(Stretch::firstTick));
            return sorted;
        }

        static List<Stretch> of(DatasetProfile profile) {
            List<Stretch> stretches = new ArrayList<>();
            List<DatasetProfile.Bin> bins = profile.bins();
            int i = 0;
            while (i < bins.size()) {
                if (bins.get(i).lostTicks() == 0) {
                    i++;
                    continue;
                }
                int j = i;
                long lost = 0;
                BigDecimal seconds = BigDecimal.ZERO;
                while (j < bins.size() && bins.get(j).lostTicks() > 0) {
                    lost += bins.get(j).lostTicks();
                    seconds = seconds.add(bins.get(j).lostSeconds().toBigDecimal());
                    j++;
                }
                stretches.add(new Stretch(
                        bins.get(i).firstTick(),
                        bins.get(j - 1).lastTick(),
                        lost,
                        seconds,
                        bins.get(i).start(),
                        bins.get(j - 1).end()));
                i = j;
            }
            return stretches;
        }
    }
}
