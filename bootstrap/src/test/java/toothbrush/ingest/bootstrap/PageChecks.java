package toothbrush.ingest.bootstrap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/** What the tests check on a page (V7, V8): it parses as XML, refers to nothing outside, marks the lost stretches. */
public final class PageChecks {
    public static final String SVG_NS = "http://www.w3.org/2000/svg";
    public static final String XHTML_NS = "http://www.w3.org/1999/xhtml";
    public static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Elements that load or run something, or embed another document. */
    private static final Set<String> FORBIDDEN_ELEMENTS = Set.of(
            "script",
            "link",
            "img",
            "iframe",
            "frame",
            "object",
            "embed",
            "image",
            "use",
            "foreignobject",
            "audio",
            "video",
            "source",
            "track",
            "base",
            "form",
            "picture",
            "feimage",
            "portal");
    /** Attributes that hold a URL to fetch or follow. */
    private static final Set<String> URL_ATTRIBUTES = Set.of(
            "href",
            "src",
            "srcset",
            "action",
            "formaction",
            "data",
            "poster",
            "background",
            "cite",
            "longdesc",
            "manifest",
            "ping",
            "codebase",
            "archive");

    /** One lost stretch as the SVG marks it, or as a profile defines it. */
    public record Stretch(long firstTick, long lastTick, long lostTicks, BigDecimal lostSeconds) {
        public Stretch {
            lostSeconds = lostSeconds.stripTrailingZeros();
        }
    }

    private PageChecks() {}

    /** The page as a namespace-aware DOM; throws when it is not well-formed XML. */
    public static Document parse(String page) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * V7: every way the page could load or run something from elsewhere, as a list of findings (empty when
     * there are none): elements that load, event handler attributes, URL attributes other than {@code #fragment},
     * {@code url(...)} other than {@code url(#...)}, {@code @import}, {@code @font-face}, and any {@code scheme://}
     * or {@code //host} outside the two namespace declarations.
     */
    public static List<String> externalReferences(String page) throws Exception {
        List<String> findings = new ArrayList<>();
        Document document = parse(page);
        NodeList all = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            String name = element.getLocalName().toLowerCase(Locale.ROOT);
            if (FORBIDDEN_ELEMENTS.contains(name)) {
                findings.add("element <" + name + ">");
            }
            if (name.equals("style")) {
                checkText("style sheet", element.getTextContent(), findings);
            }
            NamedNodeMap attributes = element.getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Attr attribute = (Attr) attributes.item(a);
                String attributeName = attribute.getName().toLowerCase(Locale.ROOT);
                String value = attribute.getValue();
                if (attributeName.equals("xmlns")) {
                    if (!value.equals(XHTML_NS) && !value.equals(SVG_NS)) {
                        findings.add("namespace " + value);
                    }
                    continue;
                }
                if (attributeName.startsWith("on")) {
                    findings.add("event handler " + attributeName + " on <" + name + ">");
                }
                String local = attribute.getLocalName() == null
                        ? attributeName
                        : attribute.getLocalName().toLowerCase(Locale.ROOT);
                if (URL_ATTRIBUTES.contains(local) && !value.startsWith("#")) {
                    findings.add(attributeName + "=\"" + value + "\" on <" + name + ">");
                }
                if (attributeName.equals("http-equiv")) {
                    findings.add("http-equiv on <" + name + ">");
                }
                checkText(attributeName + " on <" + name + ">", value, findings);
            }
        }
        // What the element walk does not see: the doctype (no public or system id to fetch) and processing
        // instructions (an xml-stylesheet). Text is not a reference: a message may name a stream's URL.
        if (document.getDoctype() != null
                && (document.getDoctype().getPublicId() != null
                        || document.getDoctype().getSystemId() != null)) {
            findings.add("a doctype with an external id");
        }
        if (page.contains("<?")) {
            findings.add("a processing instruction");
        }
        return findings;
    }

    private static void checkText(String where, String text, List<String> findings) {
        String lower = text.toLowerCase(Locale.ROOT);
        int url = lower.indexOf("url(");
        while (url >= 0) {
            String after = lower.substring(url + 4).stripLeading();
            if (!after.startsWith("#") && !after.startsWith("\"#") && !after.startsWith("'#")) {
                findings.add("url(...) to outside in " + where);
            }
            url = lower.indexOf("url(", url + 4);
        }
        if (lower.contains("@import")) {
            findings.add("@import in " + where);
        }
        if (lower.contains("@font-face")) {
            findings.add("@font-face in " + where);
        }
        if (lower.contains("://") || lower.matches("(?s).*(^|[\\s\"'(=])//[a-z0-9].*")) {
            findings.add("a URL in " + where);
        }
        if (lower.contains("javascript:")) {
            findings.add("javascript: in " + where);
        }
    }

    /** The lost stretches the coverage SVG marks, from their data attributes, in document order (legends have none). */
    public static List<Stretch> stretchesInPage(Document document) {
        List<Stretch> stretches = new ArrayList<>();
        NodeList rects = document.getElementsByTagNameNS(SVG_NS, "rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (rect.getAttribute("class").equals("lost-stretch") && rect.hasAttribute("data-first-tick")) {
                stretches.add(new Stretch(
                        Long.parseLong(rect.getAttribute("data-first-tick")),
                        Long.parseLong(rect.getAttribute("data-last-tick")),
                        Long.parseLong(rect.getAttribute("data-lost-ticks")),
                        new BigDecimal(rect.getAttribute("data-lost-seconds"))));
            }
        }
        return stretches;
    }

    /** V8 read from the report's JSON: maximal runs of consecutive bins that hold lost ticks. */
    public static List<Stretch> stretchesInReport(JsonNode report) {
        List<Stretch> stretches = new ArrayList<>();
        JsonNode bins = report.get("profile").get("bins");
        Stretch open = null;
        for (JsonNode bin : bins) {
            long lost = bin.get("lost_ticks").asLong();
            if (lost == 0) {
                if (open != null) {
                    stretches.add(open);
                    open = null;
                }
                continue;
            }
            BigDecimal seconds = bin.get("lost_seconds").decimalValue();
            long first = bin.get("first_tick").asLong();
            long last = bin.get("last_tick").asLong();
            open = open == null
                    ? new Stretch(first, last, lost, seconds)
                    : new Stretch(
                            open.firstTick(),
                            last,
                            open.lostTicks() + lost,
                            open.lostSeconds().add(seconds));
        }
        if (open != null) {
            stretches.add(open);
        }
        return stretches;
    }

    /** The elements named {@code name} in {@code namespace} with {@code attribute} set. */
    public static List<Element> elements(Document document, String namespace, String name, String attribute) {
        List<Element> found = new ArrayList<>();
        NodeList list = document.getElementsByTagNameNS(namespace, name);
        for (int i = 0; i < list.getLength(); i++) {
            Element element = (Element) list.item(i);
            if (attribute == null || element.hasAttribute(attribute)) {
                found.add(element);
            }
        }
        return found;
    }

    /** The element with this id, or null. */
    public static Element byId(Document document, String id) {
        NodeList all = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (id.equals(element.getAttribute("id"))) {
                return element;
            }
        }
        return null;
    }
}
