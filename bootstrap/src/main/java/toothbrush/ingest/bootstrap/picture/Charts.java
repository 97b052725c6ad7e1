package toothbrush.ingest.bootstrap.picture;

/**
 * V9: what every chart is drawn with: an {@code <svg>} that describes itself in words (its title, for a screen
 * reader and on hover), the elapsed-time axis under the time charts, and a legend in words with a swatch each, so
 * no chart depends on colour.
 */
final class Charts {

    /** The SVG namespace, written on every {@code <svg>} so the page parses as XML too. */
    static final String SVG_NS = "http://www.w3.org/2000/svg";

    private Charts() {}

    /** Opens a chart {@code width} by {@code height} units, described in words; the caller closes it. */
    static void start(Xml x, double width, double height, String description) {
        x.start(
                "svg",
                "xmlns",
                SVG_NS,
                "viewBox",
                "0 0 " + Xml.num(width) + " " + Xml.num(height),
                "width",
                Xml.num(width),
                "height",
                Xml.num(height),
                "role",
                "img",
                "aria-label",
                description);
        x.element("title", description);
    }

    /** Opens a time chart: {@link TimeScale#CHART_WIDTH} wide, {@code height} high. */
    static void startTimeChart(Xml x, double height, String description) {
        start(x, TimeScale.CHART_WIDTH, height, description);
    }

    /** Elapsed-time ticks under a plot, at a round step. */
    static void timeAxis(Xml x, TimeScale scale, double y) {
        x.start("g", "class", "axis");
        acrossPlot(x, null, y);
        double step = scale.step();
        for (double t = 0; t <= scale.span() + 1e-9; t += step) {
            double xx = scale.xAt(t);
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

    /** A horizontal line across the time plot at {@code y}, of CSS class {@code cssClass} unless that is null. */
    static void acrossPlot(Xml x, String cssClass, double y) {
        x.empty(
                "line",
                "class",
                cssClass,
                "x1",
                Xml.num(TimeScale.PLOT_LEFT),
                "x2",
                Xml.num(TimeScale.PLOT_RIGHT),
                "y1",
                Xml.num(y),
                "y2",
                Xml.num(y));
    }

    /** A legend in words with a swatch each: {class, "line" or "solid", words}. */
    static void legend(Xml x, String[][] entries) {
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
}
