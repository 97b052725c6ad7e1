package toothbrush.ingest.bootstrap.picture;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.StreamReport;

/**
 * V8: the rejected lines: a table by reason and stream with the totals, the first rejected line numbers of each
 * stream, and the fields dropped from accepted lines; a sentence when no line was rejected.
 */
final class RejectedTable {

    private RejectedTable() {}

    static void write(Xml x, IngestReport report) {
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
                                Format.count(
                                        report.brushing().rejectedByReason().getOrDefault(reason, 0L)),
                                "class",
                                "n")
                        .element(
                                "td",
                                Format.count(
                                        report.settings().rejectedByReason().getOrDefault(reason, 0L)),
                                "class",
                                "n")
                        .end();
            }
            x.end();
            x.start("tfoot")
                    .start("tr")
                    .element("td", "all")
                    .element("td", Format.count(report.brushing().rejected()), "class", "n")
                    .element("td", Format.count(report.settings().rejected()), "class", "n")
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
                            + Format.count(report.brushing().invalidFields()) + ", settings "
                            + Format.count(report.settings().invalidFields()) + ".",
                    "class",
                    "first");
        }
        x.end();
    }

    /** The first rejected lines of one stream, number and reason, and how many more there were. */
    private static void firstRejections(Xml x, String stream, StreamReport s) {
        if (s.firstRejections().isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (StreamReport.Rejection r : s.firstRejections()) {
            parts.add(r.line() + " " + r.reason());
        }
        String more = s.rejected() > s.firstRejections().size()
                ? "; " + Format.count(s.rejected() - s.firstRejections().size()) + " more"
                : "";
        x.start("p", "class", "first", "data-stream", stream)
                .element("b", "First rejected " + stream + " lines: ")
                .text(String.join(", ", parts) + more)
                .end();
    }
}
