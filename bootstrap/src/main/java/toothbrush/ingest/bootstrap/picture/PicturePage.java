package toothbrush.ingest.bootstrap.picture;

import java.util.Objects;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.domain.profile.DatasetProfile;

/**
 * V7-V9: the page of one report: one self-contained HTML file with inline CSS and inline SVG, no script and
 * no reference to anything outside it. It shows the headline numbers, a coverage timeline with the lost
 * stretches marked, {@code percent_clean} and the battery over time, the 32 teeth, and the rejected lines.
 * Lost stretches are hatched and labelled, and series differ by dash pattern, so the page reads without
 * colour and on paper. The page is polyglot: HTML5 that is also well-formed XML.
 */
public final class PicturePage {

    /** The XHTML namespace of the root element. */
    static final String XHTML_NS = "http://www.w3.org/1999/xhtml";

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
        x.start("style").raw(PageStyle.CSS).end();
        x.end();
        x.start("body");
        PageStyle.patterns(x);
        Headline.write(x, report);
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
            CoverageTimeline.write(x, profile, scale);
            CleanChart.write(x, profile, scale);
            BatteryChart.write(x, profile, scale);
        }
        x.end();
        x.start("div", "class", "side");
        if (profile != null) {
            teeth(x, profile);
        }
        RejectedTable.write(x, report);
        x.end();
        x.end();
        x.end();
        x.end();
        return x.finish();
    }

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
                Charts.SVG_NS,
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
                        "tooth " + tooth.tooth() + ": " + Format.count(tooth.events()) + " events, last "
                                + (tooth.lastClean() == null ? "none" : Format.percent(tooth.lastClean())));
                x.element(
                        "text",
                        Format.compact(tooth.events()),
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
        Charts.legend(x, new String[][] {{"events", "solid", "events"}, {"clean", "solid", "last percent_clean"}});
        x.end();
    }
}
