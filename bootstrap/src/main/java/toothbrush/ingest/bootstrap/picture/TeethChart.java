package toothbrush.ingest.bootstrap.picture;

import java.util.ArrayList;
import java.util.List;
import toothbrush.ingest.domain.profile.DatasetProfile;

/**
 * V5, V8: the 32 teeth in two rows of 16: per tooth its accepted events (a solid bar, the count above) and its last
 * {@code percent_clean} (a hatched bar, in percent below), with the tooth's number between.
 */
final class TeethChart {

    private static final double CELL = 26;
    private static final double LEFT = 40;
    private static final double BAR_TOP = 14;
    private static final double BAR_HEIGHT = 48;
    private static final double ROW_HEIGHT = 96;
    private static final int PER_ROW = 16;

    private TeethChart() {}

    static void write(Xml x, DatasetProfile profile) {
        long maxEvents = 1;
        for (DatasetProfile.Tooth tooth : profile.teeth()) {
            maxEvents = Math.max(maxEvents, tooth.events());
        }
        x.start("figure", "id", "teeth");
        x.element("h2", "Teeth");
        Charts.start(
                x,
                LEFT + PER_ROW * CELL,
                2 * ROW_HEIGHT,
                "Per tooth: the accepted brushing events (solid bar, number above) and the last"
                        + " percent_clean (hatched bar, in percent below).");
        for (int row = 0; row < 2; row++) {
            double y0 = row * ROW_HEIGHT;
            x.start("g", "class", "axis");
            x.element("text", "events", "x", "0", "y", Xml.num(y0 + 10));
            x.element("text", "tooth", "x", "0", "y", Xml.num(y0 + BAR_TOP + BAR_HEIGHT + 12));
            x.element("text", "last %", "x", "0", "y", Xml.num(y0 + BAR_TOP + BAR_HEIGHT + 25));
            x.end();
            for (int c = 0; c < PER_ROW; c++) {
                tooth(x, profile.teeth().get(row * PER_ROW + c), LEFT + c * CELL, y0, maxEvents);
            }
        }
        x.end();
        Charts.legend(x, new String[][] {{"events", "solid", "events"}, {"clean", "solid", "last percent_clean"}});
        x.end();
    }

    /** One tooth's cell, left edge {@code cx}, in the row that starts at {@code y0}. */
    private static void tooth(Xml x, DatasetProfile.Tooth tooth, double cx, double y0, long maxEvents) {
        double base = y0 + BAR_TOP + BAR_HEIGHT;
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
                "tooth " + tooth.tooth() + ": " + Format.count(tooth.events()) + " events, last "
                        + (tooth.lastClean() == null ? "none" : Format.percent(tooth.lastClean())));
        centred(x, Format.compact(tooth.events()), cx, y0 + 10);
        bar(x, "events", cx + 3, base, BAR_HEIGHT * tooth.events() / maxEvents);
        if (tooth.lastClean() != null) {
            bar(x, "clean", cx + 13, base, BAR_HEIGHT * tooth.lastClean());
        }
        x.empty(
                "line",
                "class",
                "grid-line",
                "x1",
                Xml.num(cx + 1),
                "x2",
                Xml.num(cx + CELL - 1),
                "y1",
                Xml.num(base),
                "y2",
                Xml.num(base));
        centred(x, Integer.toString(tooth.tooth()), cx, base + 12, "font-weight", "600");
        String lastPercent = tooth.lastClean() == null ? "\u2013" : Long.toString(Math.round(tooth.lastClean() * 100));
        centred(x, lastPercent, cx, base + 25, "font-size", "9.5");
        x.end();
    }

    /** Text centred in the cell whose left edge is {@code cx}, with any {@code more} attributes after. */
    private static void centred(Xml x, String text, double cx, double y, String... more) {
        List<String> attributes =
                new ArrayList<>(List.of("x", Xml.num(cx + CELL / 2), "y", Xml.num(y), "text-anchor", "middle"));
        attributes.addAll(List.of(more));
        x.element("text", text, attributes.toArray(String[]::new));
    }

    /** A bar of CSS class {@code cssClass}, {@code height} high, standing on {@code base} at {@code left}. */
    private static void bar(Xml x, String cssClass, double left, double base, double height) {
        x.empty(
                "rect",
                "class",
                cssClass,
                "x",
                Xml.num(left),
                "y",
                Xml.num(base - height),
                "width",
                "9",
                "height",
                Xml.num(height));
    }
}
