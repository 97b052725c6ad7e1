package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * V7-V9 in a real browser: headless Chromium (the Debian {@code chromium} package, which {@code .ci/run} installs)
 * loads the sample's page, rendered by the real jar, at 1280 x 800. The page must load without a console message,
 * an uncaught error or a failed or outside request; the screenshot must not be blank; the page must fit the window
 * and print on one A4 page. The screenshot, the print and the page stay in {@code target/picture-it/} as build
 * artifacts. Without Chromium the test fails: it never skips.
 */
class PictureBrowserIT {
    /** Kept after the build (not a temporary directory). */
    static final Path OUT = Path.of("target", "picture-it").toAbsolutePath();

    private static HeadlessChromium chromium;

    @BeforeAll
    static void startChromium() throws Exception {
        Path binary = HeadlessChromium.find().orElse(null);
        if (binary == null) {
            fail(
                    "Chromium is needed for this test and was not found (looked for $CHROMIUM, chromium, chromium-browser,"
                            + " google-chrome on the PATH). Install the Debian package: apt-get install chromium (.ci/run does).");
        }
        chromium = HeadlessChromium.start(binary);
        Files.createDirectories(OUT);
    }

    @AfterAll
    static void stopChromium() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @DisplayName(
            "V7-V9: the sample's page loads in Chromium without errors, is not blank, fits 1280x800 and one printed page")
    void V7_V9_theSamplesPage_loadsCleanlyInChromium() throws Exception {
        Path page = OUT.resolve("sample.html");
        JarRunner.Run run = JarRunner.run(
                OUT, JarRunner.ingestSample("lp:" + OUT.resolve("sample.lp"), "--picture", page.toString()));
        assertEquals(0, run.exitCode(), run.stderr());
        Files.writeString(OUT.resolve("sample-report.json"), run.stdout(), StandardCharsets.UTF_8);

        String url = page.toUri().toString();
        HeadlessChromium.Load load = chromium.load(
                url,
                1280,
                800,
                List.of(
                        "document.compatMode",
                        "document.querySelectorAll('svg').length",
                        "[...document.querySelectorAll('svg')].every(s => s.namespaceURI === 'http://www.w3.org/2000/svg')",
                        "document.querySelectorAll('#coverage rect.lost-stretch[data-first-tick]').length",
                        "Math.round(document.querySelector('#coverage svg[role=img]').getBoundingClientRect().width)",
                        "document.documentElement.scrollWidth",
                        "document.documentElement.scrollHeight",
                        "document.scripts.length + document.images.length + document.querySelectorAll('link, iframe, object, embed').length"));
        Files.write(OUT.resolve("sample-1280x800.png"), load.screenshotPng());
        Files.write(OUT.resolve("sample.pdf"), load.pdf());

        assertEquals(List.of(), load.problems(), "the page loads without a console message or an error");
        assertEquals(List.of(url), load.requestedUrls(), "the page requests nothing but itself");
        Map<String, JsonNode> values = load.evaluated();
        List<JsonNode> v = List.copyOf(values.values());
        assertEquals("CSS1Compat", v.get(0).asText(), "standards mode, not quirks");
        assertTrue(v.get(1).asInt() >= 5, "inline SVGs: " + v.get(1));
        assertTrue(v.get(2).asBoolean(), "every <svg> is an SVG element");
        assertEquals(4, v.get(3).asInt(), "the four lost stretches are drawn");
        assertTrue(v.get(4).asInt() >= 700, "the coverage chart is laid out wide: " + v.get(4));
        assertTrue(v.get(5).asInt() <= 1280, "no horizontal scrolling at 1280 wide: " + v.get(5));
        assertTrue(v.get(6).asInt() <= 800, "the whole page fits 800 high: " + v.get(6));
        assertEquals(0, v.get(7).asInt(), "no script, image, link, frame or object");

        assertNotBlank(load.screenshotPng(), 1280, 800);
        assertEquals(1, pdfPages(load.pdf()), "the page prints on one A4 landscape page");

        // V9 on paper: the print style sheet on the printable area of A4 landscape (277 x 190 mm at 96 dpi).
        HeadlessChromium.Load printed = chromium.load(
                url,
                1047,
                718,
                "print",
                List.of("document.documentElement.scrollWidth", "document.documentElement.scrollHeight"));
        Files.write(OUT.resolve("sample-print-a4.png"), printed.screenshotPng());
        assertEquals(List.of(), printed.problems());
        List<JsonNode> p = List.copyOf(printed.evaluated().values());
        assertTrue(p.get(0).asInt() <= 1047, "printed without cutting the width: " + p.get(0));
        assertTrue(p.get(1).asInt() <= 718, "printed on one page: " + p.get(1));
        assertNotBlank(printed.screenshotPng(), 1047, 718);
    }

    @Test
    @DisplayName(
            "the browser check itself: a page with a console error, a missing image and an outside request fails it")
    void theBrowserCheck_catchesABrokenPage() throws Exception {
        Path broken = OUT.resolve("broken.html");
        Files.writeString(
                broken,
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>broken</title>"
                        + "<link rel=\"stylesheet\" href=\"http://127.0.0.1:9/a.css\"></head><body><p>x</p>"
                        + "<img src=\"missing.png\"><script>console.error('boom'); undefinedFunction();</script></body></html>");
        HeadlessChromium.Load load = chromium.load(broken.toUri().toString(), 1280, 800, List.of());
        String problems = String.join("\n", load.problems());
        assertTrue(problems.contains("console.error"), problems);
        assertTrue(problems.contains("uncaught"), problems);
        assertTrue(problems.contains("missing.png") || problems.contains("ERR_FILE_NOT_FOUND"), problems);
        assertTrue(
                load.requestedUrls().contains("http://127.0.0.1:9/a.css"),
                load.requestedUrls().toString());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(load.screenshotPng()));
        assertTrue(stats(image).ink() < 0.01, "an almost empty page counts as blank: " + stats(image));
    }

    /** Share of pixels that are not the page's white, and distinct colours (quantised to 4 bits a channel). */
    record ImageStats(double ink, int colours) {}

    static ImageStats stats(BufferedImage image) {
        long ink = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb != 0xFFFFFF) {
                    ink++;
                }
                colours.add((rgb >> 4 & 0x0F) | (rgb >> 8 & 0xF0) | (rgb >> 12 & 0xF00));
            }
        }
        return new ImageStats((double) ink / ((long) image.getWidth() * image.getHeight()), colours.size());
    }

    private static void assertNotBlank(byte[] png, int width, int height) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        ImageStats stats = stats(image);
        assertTrue(stats.ink() > 0.10, "at least a tenth of the window is drawn: " + stats);
        assertTrue(stats.colours() >= 12, "several colours (covered, lost, clean, battery, ink): " + stats);
    }

    /** The page count of a PDF: its page objects. */
    static int pdfPages(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("%PDF-"), "a PDF");
        Matcher matcher = Pattern.compile("/Type\\s*/Page(?![s\\w])").matcher(text);
        int pages = 0;
        while (matcher.find()) {
            pages++;
        }
        return pages;
    }
}
