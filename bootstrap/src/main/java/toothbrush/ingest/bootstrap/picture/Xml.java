package toothbrush.ingest.bootstrap.picture;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes well-formed XML, and HTML that is well-formed XML too (V7): elements are closed in order, every
 * attribute value and every text is escaped, and characters XML cannot carry (control characters, unpaired
 * surrogates, U+FFFE, U+FFFF) become U+FFFD. Text from a report (ids, messages) therefore never becomes markup.
 *
 * <p>An empty element ({@code <rect/>}) may only be an HTML void element or an element inside {@code <svg>}:
 * an HTML parser would read {@code <div/>} as an open tag.
 */
final class Xml {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]*");
    /** The HTML elements that have no end tag. */
    private static final Set<String> HTML_VOID = Set.of(
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr");

    private final StringBuilder out;
    private final Deque<String> open = new ArrayDeque<>();
    private int svgDepth;

    Xml(StringBuilder out) {
        this.out = out;
    }

    Xml() {
        this(new StringBuilder(16_384));
    }

    /**
     * Opens element {@code name} with {@code attributes}, given as name, value pairs; a pair whose value is
     * {@code null} is left out.
     */
    Xml start(String name, String... attributes) {
        tag(name, attributes);
        out.append('>');
        open.push(name);
        if (name.equals("svg")) {
            svgDepth++;
        }
        return this;
    }

    /** Closes the element opened last. */
    Xml end() {
        if (open.isEmpty()) {
            throw new IllegalStateException("no element is open");
        }
        String name = open.pop();
        if (name.equals("svg")) {
            svgDepth--;
        }
        out.append("</").append(name).append('>');
        return this;
    }

    /** An element without content: {@code <name a="v"/>}. */
    Xml empty(String name, String... attributes) {
        if (svgDepth == 0 && !name.equals("svg") && !HTML_VOID.contains(name)) {
            throw new IllegalArgumentException("<" + name + "/> is not an HTML void element and not inside <svg>");
        }
        tag(name, attributes);
        out.append("/>");
        return this;
    }

    /** {@code <name a="v">text</name>}. */
    Xml element(String name, String text, String... attributes) {
        return start(name, attributes).text(text).end();
    }

    /** Escaped character data. */
    Xml text(String text) {
        escape(text, false);
        return this;
    }

    /**
     * Text written as it is, for the content of {@code <style>}: an HTML parser does not decode references
     * there, so it must need none.
     *
     * @throws IllegalArgumentException when the text holds {@code <}, {@code &} or {@code >}, or a character
     *                                  XML cannot carry
     */
    Xml raw(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<' || c == '&' || c == '>' || (c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
                throw new IllegalArgumentException("raw text must not hold " + describe(c) + " at " + i);
            }
        }
        out.append(text);
        return this;
    }

    /** Text outside any element, e.g. {@code <!DOCTYPE html>}. */
    Xml declaration(String text) {
        if (!open.isEmpty() || !text.startsWith("<!") || text.indexOf('>') != text.length() - 1) {
            throw new IllegalArgumentException("a declaration stands alone: " + text);
        }
        out.append(text).append('\n');
        return this;
    }

    /** The document; every element must be closed. */
    String finish() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("elements still open: " + open);
        }
        return out.toString();
    }

    /** {@code value} with at most {@code decimals} decimals and no trailing zeros: {@code 12.5}, {@code 3}. */
    static String num(double value, int decimals) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        if (text.indexOf('.') >= 0) {
            int end = text.length();
            while (text.charAt(end - 1) == '0') {
                end--;
            }
            if (text.charAt(end - 1) == '.') {
                end--;
            }
            text = text.substring(0, end);
        }
        return text.equals("-0") ? "0" : text;
    }

    /** A coordinate: two decimals at most. */
    static String num(double value) {
        return num(value, 2);
    }

    private void tag(String name, String... attributes) {
        requireName(name);
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs: " + attributes.length);
        }
        out.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            requireName(attributes[i]);
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"");
                escape(attributes[i + 1], true);
                out.append('"');
            }
        }
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an XML name: " + name);
        }
    }

    private void escape(String text, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\'' -> out.append(attribute ? "&#39;" : "'");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)
                            || c == '\uFFFE'
                            || c == '\uFFFF'
                            || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                        out.append('\uFFFD');
                    } else if (attribute && (c == '\n' || c == '\r' || c == '\t')) {
                        out.append("&#").append((int) c).append(';'); // kept through attribute normalisation
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static String describe(char c) {
        return c < 0x20 ? String.format(Locale.ROOT, "U+%04X", (int) c) : "'" + c + "'";
    }
}
