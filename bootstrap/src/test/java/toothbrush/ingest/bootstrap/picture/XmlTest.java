package toothbrush.ingest.bootstrap.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** V7, V8: the writer under the page: escaped text and attributes, well-formed output, HTML-safe empty elements. */
class XmlTest {

    @Test
    @DisplayName("V8: text and attribute values are escaped, so report text never becomes markup")
    void V8_textAndAttributes_areEscaped() throws Exception {
        String hostile = "<script>alert(\"x\")</script> & 'y' ]]>";
        String xml = new Xml().start("p", "title", hostile).text(hostile).end().finish();
        assertEquals(
                "<p title=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; ]]&gt;\">"
                        + "&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'y' ]]&gt;</p>",
                xml);
        Document document = parse(xml);
        assertEquals(hostile, document.getDocumentElement().getTextContent());
        assertEquals(hostile, document.getDocumentElement().getAttribute("title"));
    }

    @Test
    @DisplayName("V7: characters XML cannot carry become U+FFFD; pairs and line ends survive, also in attributes")
    void V7_unrepresentableCharacters_becomeReplacementCharacters() throws Exception {
        String text = "a\u0000b\u0007c\ud800d\udc00e\uFFFEf\uD83D\uDE00g\th\ni";
        String xml = new Xml().start("p", "data-x", "1\n2\t3").text(text).end().finish();
        Document document = parse(xml);
        assertEquals(
                "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uD83D\uDE00g\th\ni",
                document.getDocumentElement().getTextContent());
        assertEquals("1\n2\t3", document.getDocumentElement().getAttribute("data-x"));
    }

    @Test
    @DisplayName("V7: empty elements only where an HTML parser closes them: void elements and inside <svg>")
    void V7_emptyElements_onlyWhereHtmlClosesThem() {
        assertEquals(
                "<meta charset=\"utf-8\"/>",
                new Xml().empty("meta", "charset", "utf-8").finish());
        assertEquals(
                "<svg><rect width=\"1\"/></svg>",
                new Xml().start("svg").empty("rect", "width", "1").end().finish());
        assertThrows(IllegalArgumentException.class, () -> new Xml().empty("div"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Xml().start("svg").end().empty("rect"));
    }

    @Test
    @DisplayName("V7: raw text is only for style sheets: no <, & or >; names are checked; elements are balanced")
    void V7_rawTextNamesAndBalance_areChecked() {
        assertEquals(
                "<style>a { b: c; }</style>",
                new Xml().start("style").raw("a { b: c; }").end().finish());
        assertThrows(IllegalArgumentException.class, () -> new Xml().raw("</style><script>"));
        assertThrows(IllegalArgumentException.class, () -> new Xml().raw("a > b"));
        assertThrows(IllegalArgumentException.class, () -> new Xml().start("p onload=x"));
        assertThrows(IllegalArgumentException.class, () -> new Xml().start("p", "a b", "c"));
        assertThrows(IllegalArgumentException.class, () -> new Xml().start("p", "odd"));
        assertThrows(IllegalStateException.class, () -> new Xml().start("p").finish());
        assertThrows(IllegalStateException.class, () -> new Xml().end());
        assertEquals(
                "<p>x</p>", new Xml().start("p", "class", null).text("x").end().finish());
    }

    @Test
    @DisplayName("numbers: at most the decimals asked, no trailing zeros, no -0, no exponent, never NaN")
    void numbers_areWrittenShortAndPlain() {
        assertEquals("12.5", Xml.num(12.5));
        assertEquals("3", Xml.num(3.0));
        assertEquals("0.33", Xml.num(1 / 3.0));
        assertEquals("0", Xml.num(-0.001));
        assertEquals("1000000", Xml.num(1e6));
        assertEquals("0.125", Xml.num(0.125, 3));
        assertThrows(IllegalArgumentException.class, () -> Xml.num(Double.NaN));
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
