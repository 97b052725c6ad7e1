package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.StreamReport;
import toothbrush.ingest.bootstrap.picture.PicturePage;

/**
 * V7-V9 on real pages: the sample's (rendered by the real ingest, in-process), a generated dataset's with merged
 * bins, a failed report's and one with hostile ids. Each must parse as XML, refer to nothing outside, and mark
 * exactly the lost stretches its profile has.
 */
class PicturePageTest {
    @TempDir
    Path work;

    /** The sample ingested with {@code --picture}: its report (JSON) and its page. */
    private record Rendered(JsonNode report, String page) {}

    private Rendered ingestWithPicture(Path brushing, Path settings, String datasetId) throws Exception {
        Path page = work.resolve(datasetId + ".html");
        InProcess.Run run = InProcess.run(
                "ingest",
                "--brushing",
                brushing.toString(),
                "--settings",
                settings.toString(),
                "--toothbrush-id",
                "tb-42",
                "--dataset-id",
                datasetId,
                "--db",
                "lp:" + work.resolve(datasetId + ".lp"),
                "--picture",
                page.toString());
        assertEquals(0, run.exit(), run.err());
        return new Rendered(PageChecks.JSON.readTree(run.out()), Files.readString(page, StandardCharsets.UTF_8));
    }

    private Rendered sample() throws Exception {
        Path sample = JarRunner.sample();
        return ingestWithPicture(sample.resolve("brushing.csv"), sample.resolve("settings.jsonlines"), "ds-sample");
    }

    @Test
    @DisplayName("V7, V8: the sample's page parses as XML, and its SVG marks the four lost stretches of R4 by hand")
    void V7_V8_theSamplesPage_parsesAndMarksTheLostStretches() throws Exception {
        Rendered sample = sample();
        Document page = PageChecks.parse(sample.page());
        assertEquals(PageChecks.XHTML_NS, page.getDocumentElement().getNamespaceURI());
        for (String figure : new String[] {"coverage", "clean", "battery", "teeth"}) {
            Element element = PageChecks.byId(page, figure);
            assertNotNull(element, figure);
            assertEquals(
                    1,
                    PageChecks.elements(element.getOwnerDocument(), PageChecks.SVG_NS, "svg", "role").stream()
                            .filter(svg -> svg.getParentNode() == element)
                            .count(),
                    figure + " holds one chart");
        }

        // SampleIngestIT's R4 by hand: ticks 100-104 at 0.25 s, tick 250, ticks 300-309 and tick 540 at 0.2 s.
        List<PageChecks.Stretch> expected = List.of(
                new PageChecks.Stretch(100, 104, 5, new BigDecimal("1.25")),
                new PageChecks.Stretch(250, 250, 1, new BigDecimal("0.2")),
                new PageChecks.Stretch(300, 309, 10, new BigDecimal("2")),
                new PageChecks.Stretch(540, 540, 1, new BigDecimal("0.2")));
        assertEquals(expected, PageChecks.stretchesInReport(sample.report()));
        assertEquals(expected, PageChecks.stretchesInPage(page));

        // The headline numbers.
        String text = page.getDocumentElement().getTextContent();
        for (String shown : new String[] {
            "2020-07-28 00:41:17.637 UTC",
            "2020-07-28 00:43:17.840 UTC",
            "2 min 0.203 s",
            "530",
            "3.65 s",
            "3 % of the duration",
            "17",
            "of 541 ticks",
            "524 accepted",
            "4 lost stretches:",
            "0:25.0\u20130:26.3 (1.25 s, ticks 100\u2013104)"
        }) {
            assertTrue(text.contains(shown), shown + " in " + text);
        }
        // The 32 teeth with the profile's events.
        List<Element> teeth = PageChecks.elements(page, PageChecks.SVG_NS, "g", "data-tooth");
        assertEquals(32, teeth.size());
        for (Element tooth : teeth) {
            JsonNode expectedTooth =
                    sample.report().get("profile").get("teeth").get(Integer.parseInt(tooth.getAttribute("data-tooth")));
            assertEquals(expectedTooth.get("events").asText(), tooth.getAttribute("data-events"));
        }
        // Rejected lines by reason and stream, and the first rejected line numbers.
        Map<String, String> rows = new LinkedHashMap<>();
        for (Element row : PageChecks.elements(page, PageChecks.XHTML_NS, "tr", "data-reason")) {
            rows.put(row.getAttribute("data-reason"), row.getTextContent());
        }
        assertEquals(
                Map.of(
                        "malformed",
                        "malformed21",
                        "bad_tooth",
                        "bad_tooth10",
                        "bad_percent",
                        "bad_percent10",
                        "bad_tick",
                        "bad_tick10",
                        "duplicate",
                        "duplicate10",
                        "bad_timestamp",
                        "bad_timestamp01"),
                rows);
        assertTrue(text.contains("First rejected brushing lines: 44 malformed, 136 bad_tooth"), text);
        assertTrue(text.contains("First rejected settings lines: 5 bad_timestamp, 7 malformed"), text);
    }

    @Test
    @DisplayName("V7: no page refers to anything outside it; the check itself catches a page that does")
    void V7_pages_haveNoExternalReferences() throws Exception {
        assertEquals(List.of(), PageChecks.externalReferences(sample().page()));
        assertEquals(
                List.of(),
                PageChecks.externalReferences(
                        PicturePage.html(
                                failedReport(
                                        "ds-f",
                                        "dataset ds-f: brushing stream https://uploads.example.com/b.csv?sig=*** cannot be opened: 404"))));

        String bad = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head>"
                + "<link rel=\"stylesheet\" href=\"https://cdn.example.com/a.css\"/>"
                + "<style>@import 'x.css'; body { background: url(http://x/y.png) }</style></head>"
                + "<body onload=\"go()\"><img src=\"x.png\"/><script src=\"//cdn.example.com/a.js\"></script>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"url(#ok)\"/>"
                + "<image href=\"http://x/y.png\"/></svg></body></html>";
        List<String> findings = PageChecks.externalReferences(bad);
        for (String expected : new String[] {
            "element <link>",
            "href=\"https://cdn.example.com/a.css\" on <link>",
            "@import in style sheet",
            "url(...) to outside in style sheet",
            "event handler onload on <body>",
            "element <img>",
            "src=\"x.png\" on <img>",
            "element <script>",
            "element <image>"
        }) {
            assertTrue(findings.contains(expected), expected + " in " + findings);
        }
        assertFalse(findings.stream().anyMatch(f -> f.contains("#ok")), findings.toString());
    }

    @Test
    @DisplayName("V8: ids and messages are text, never markup, whatever they hold")
    void V8_hostileText_isEscaped() throws Exception {
        String id = "<script>alert(1)</script>&\"'\u0007";
        String message = "dataset x: </p><img src=x onerror=alert(1)><!-- ]]> \ud800";
        String page = PicturePage.html(IngestReport.failed(
                id,
                "tb-<b>",
                FailureReason.SOURCE_NOT_FOUND,
                message,
                0,
                StreamReport.unread(),
                StreamReport.unread()));
        Document document = PageChecks.parse(page);
        assertEquals(List.of(), PageChecks.externalReferences(page));
        assertTrue(PageChecks.elements(document, "*", "script", null).isEmpty());
        assertTrue(PageChecks.elements(document, "*", "img", null).isEmpty());
        String h1 = PageChecks.elements(document, PageChecks.XHTML_NS, "h1", null)
                .get(0)
                .getTextContent();
        assertEquals("Dataset <script>alert(1)</script>&\"'\uFFFD", h1);
        assertTrue(document.getDocumentElement()
                .getTextContent()
                .contains("</p><img src=x onerror=alert(1)><!-- ]]> \uFFFD"));
    }

    @Test
    @DisplayName("V8: a failed report's page says why, shows its lines and draws no chart")
    void V8_failedReport_saysWhyWithoutAChart() throws Exception {
        IngestReport failed = failedReport("ds-f", "dataset ds-f: brushing stream /srv/b.csv: no such file");
        Document page = PageChecks.parse(PicturePage.html(failed));
        Element banner =
                PageChecks.elements(page, PageChecks.XHTML_NS, "p", "role").get(0);
        assertEquals(
                "Failed: source_not_found \u2014 dataset ds-f: brushing stream /srv/b.csv: no such file",
                banner.getTextContent());
        assertNull(PageChecks.byId(page, "coverage"));
        assertNull(PageChecks.byId(page, "teeth"));
        assertTrue(page.getDocumentElement().getTextContent().contains("No profile: the dataset failed"));
        assertEquals(
                1,
                PageChecks.elements(page, PageChecks.XHTML_NS, "tr", "data-reason")
                        .size());
        assertTrue(page.getDocumentElement().getTextContent().contains("First rejected settings lines: 3 malformed"));
    }

    @Test
    @DisplayName(
            "V1, V8: a generated dataset with merged bins: the SVG's lost stretches are the profile's; the page stays small")
    void V8_mergedBins_drawTheProfilesLostStretches() throws Exception {
        Path data = work.resolve("data");
        InProcess.Run generated = InProcess.run(
                "generate",
                "--out",
                data.toString(),
                "--ticks",
                "400000",
                "--gap-rate",
                "0.00002",
                "--garbage-rate",
                "0.001",
                "--duplicate-rate",
                "0.001",
                "--seed",
                "3");
        assertEquals(0, generated.exit(), generated.err());
        Rendered rendered =
                ingestWithPicture(data.resolve("brushing.csv"), data.resolve("settings.jsonlines"), "ds-gen");
        JsonNode profile = rendered.report().get("profile");
        assertTrue(profile.get("bin_ticks").asLong() > 1);
        assertTrue(profile.get("bins").size() > 512 && profile.get("bins").size() <= 1024);

        Document page = PageChecks.parse(rendered.page());
        List<PageChecks.Stretch> stretches = PageChecks.stretchesInReport(rendered.report());
        assertTrue(stretches.size() > 1, "stretches: " + stretches);
        assertEquals(stretches, PageChecks.stretchesInPage(page));
        BigDecimal lost = BigDecimal.ZERO;
        for (PageChecks.Stretch stretch : stretches) {
            lost = lost.add(stretch.lostSeconds());
        }
        assertEquals(0, rendered.report().get("lost_seconds").decimalValue().compareTo(lost), "V4: all lost seconds");
        assertEquals(List.of(), PageChecks.externalReferences(rendered.page()));
        assertTrue(
                rendered.page().length() < 1_000_000,
                "the page is bounded by the bins: " + rendered.page().length());
    }

    private static IngestReport failedReport(String datasetId, String message) {
        return IngestReport.failed(
                datasetId,
                "tb-1",
                FailureReason.SOURCE_NOT_FOUND,
                message,
                0,
                StreamReport.unread(),
                new StreamReport(
                        4,
                        3,
                        1,
                        0,
                        0,
                        0,
                        Map.of("malformed", 1L),
                        new ArrayList<>(List.of(new StreamReport.Rejection(3, "malformed"))),
                        200));
    }
}
