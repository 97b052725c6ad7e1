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
 *
 * <p>This class only puts the page together; each part is drawn by its own class: {@link PageStyle} (style sheet
 * and hatches), {@link Headline}, {@link CoverageTimeline}, {@link CleanChart}, {@link BatteryChart},
 * {@link TeethChart} and {@link RejectedTable}, with {@link Charts}, {@link TimeScale} and {@link Format} shared.
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
            TeethChart.write(x, profile);
        }
        RejectedTable.write(x, report);
        x.end();
        x.end();
        x.end();
        x.end();
        return x.finish();
    }
}
