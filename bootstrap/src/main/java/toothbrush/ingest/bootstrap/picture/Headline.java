package toothbrush.ingest.bootstrap.picture;

import java.math.BigDecimal;
import java.math.RoundingMode;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.domain.profile.DatasetProfile;

/**
 * V8: the top of the page: the dataset and toothbrush ids and the outcome, a banner with the reason and message
 * when the dataset failed, and the headline numbers: start and end (UTC), duration, points written, lost seconds
 * and their share of the duration, lost ticks, and the accepted and rejected lines of each stream.
 */
final class Headline {

    private Headline() {}

    static void write(Xml x, IngestReport report) {
        header(x, report);
        stats(x, report);
    }

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
        stat(x, "Start", Format.time(report.start()), Format.seconds(report.start()));
        stat(x, "End", Format.time(report.end()), Format.seconds(report.end()));
        BigDecimal duration = report.start() == null ? null : report.end().subtract(report.start());
        stat(x, "Duration", duration == null ? "\u2014" : Format.duration(duration), null);
        stat(x, "Points written", Format.count(report.pointsWritten()), null);
        String share = null;
        if (report.lostSeconds() != null && duration != null && duration.signum() > 0) {
            share = Format.percent(report.lostSeconds()
                            .divide(duration, 6, RoundingMode.HALF_EVEN)
                            .doubleValue()) + " of the duration";
        }
        stat(x, "Lost", report.lostSeconds() == null ? "\u2014" : Format.plain(report.lostSeconds()) + " s", share);
        DatasetProfile profile = report.profile();
        stat(
                x,
                "Lost ticks",
                profile == null ? "\u2014" : Format.count(profile.lostTicks()),
                profile == null ? null : "of " + Format.count(profile.lastTick() - profile.firstTick() + 1) + " ticks");
        stat(
                x,
                "Brushing lines",
                Format.count(report.brushing().accepted()) + " accepted",
                Format.count(report.brushing().rejected()) + " rejected");
        stat(
                x,
                "Settings lines",
                Format.count(report.settings().accepted()) + " accepted",
                Format.count(report.settings().rejected()) + " rejected");
        x.end();
    }

    /** One number: its name, its value, and a note under it when there is one. */
    private static void stat(Xml x, String name, String value, String note) {
        x.start("div").element("dt", name).start("dd").text(value);
        if (note != null) {
            x.element("small", note);
        }
        x.end().end();
    }
}
