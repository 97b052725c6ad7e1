package toothbrush.ingest.adapter.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** B1 field splitting: spec cases, and FastCSV as the oracle where B1 and RFC 4180 agree. */
class CsvLineTokenizerTest {

    /** The fields of {@code line} joined with '|', or "MALFORMED". */
    private static String fields(String line) {
        return String.join("|", tokenize(line));
    }

    private static List<String> tokenize(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        CsvLineTokenizer tokenizer = new CsvLineTokenizer();
        int n = tokenizer.tokenize(b, 0, b.length);
        if (n == CsvLineTokenizer.MALFORMED) {
            return List.of("MALFORMED");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new String(b, tokenizer.start(i), tokenizer.end(i) - tokenizer.start(i), StandardCharsets.UTF_8));
        }
        assertEquals(n, tokenizer.count());
        return out;
    }

    @ParameterizedTest(name = "B1: [{0}] -> [{1}]")
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '\'',
            value = {
                "a,b,c; a|b|c",
                "a; a",
                "a,,c; a||c",
                "a,b,; a|b|",
                ",; |",
                "' a , b\t,\u000bc\u000c'; a|b|c",
                "\"a\",\"b\"; a|b",
                "\"a,b\",c; a,b|c",
                "\"a\"\"b\"; a\"b",
                "\"\"\"\"; \"",
                "\"\"\"a\"\"\"; \"a\"",
                "\"\"; ''",
                "\"\",\"\"; |",
                "'\" a \",b'; a|b",
                "'\"a\"  ,b'; a|b",
                "'\"a\"\t'; a",
                "' \"a\",b'; \"a\"|b",
                "'a\"b\"c,d'; a\"b\"c|d",
                "'a \"b, c\"'; a \"b|c\"",
                "\"a; MALFORMED",
                "a,\"b; MALFORMED",
                "\"a\"b; MALFORMED",
                "'\"a\" b,c'; MALFORMED",
                "\"a\"\"; MALFORMED",
                "'\"a\",\"b\"x'; MALFORMED",
                "'\"\u00e9,\u20ac\",\uD83D\uDE00'; \u00e9,\u20ac|\uD83D\uDE00",
            })
    void B1_aLine_splitsLikeTheSpec(String line, String expected) {
        assertEquals(expected, fields(line));
    }

    @Test
    @DisplayName("B1: on lines where B1 and RFC 4180 agree, the fields equal FastCSV's")
    void B1_agreesWithFastCsv_onRandomLines() {
        Random random = new Random(4180);
        CsvReader.CsvReaderBuilder fastCsv = CsvReader.builder();
        for (int i = 0; i < 20_000; i++) {
            String line = randomLine(random);
            List<String> expected = fastCsv.ofSingleCsvRecord(line).getFields();
            assertEquals(expected, tokenize(line), () -> "line: " + line);
        }
    }

    /**
     * A line B1 and RFC 4180 read the same: no CR or LF; no whitespace at a field's edges (B1 trims,
     * RFC 4180 keeps it); unquoted fields do not start with a quote; not a single empty field (FastCSV
     * reads that as an empty record).
     */
    private static String randomLine(Random random) {
        int fields = 1 + random.nextInt(8);
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < fields; f++) {
            if (f > 0) {
                sb.append(',');
            }
            boolean quoted = random.nextInt(3) == 0;
            String content = randomContent(random, quoted);
            if (quoted) {
                sb.append('"').append(content.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(content);
            }
        }
        String line = sb.toString();
        return line.isEmpty() || line.equals("\"\"") ? "x" : line;
    }

    private static final String[] INNER = {
        "a", "b", "Z", "0", "9", ".", "-", " ", "\t", "'", ";", "\u00e9", "\u20ac", "\uD83D\uDE00", "\""
    };
    private static final String[] INNER_QUOTED = {",", "\"", " "};

    private static String randomContent(Random random, boolean quoted) {
        int length = random.nextInt(6);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            String c = quoted && random.nextInt(4) == 0
                    ? INNER_QUOTED[random.nextInt(INNER_QUOTED.length)]
                    : INNER[random.nextInt(INNER.length)];
            sb.append(c);
        }
        String s = sb.toString().strip();
        while (!s.isEmpty() && (s.charAt(0) == '\t' || s.charAt(0) == ' ')) {
            s = s.substring(1);
        }
        if (!quoted && s.startsWith("\"")) {
            s = "q" + s;
        }
        return s;
    }

    @Test
    @DisplayName("Tokenizing a line allocates nothing")
    void tokenize_doesNotAllocate() {
        byte[] line = "16 , \"3\",0.5,\"a \"\"b\"\"\",,x".getBytes(StandardCharsets.UTF_8);
        byte[] work = new byte[line.length];
        CsvLineTokenizer tokenizer = new CsvLineTokenizer();
        for (int i = 0; i < 50_000; i++) {
            System.arraycopy(line, 0, work, 0, line.length);
            tokenizer.tokenize(work, 0, work.length);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        int total = 0;
        for (int i = 0; i < 20_000; i++) {
            System.arraycopy(line, 0, work, 0, line.length);
            total += tokenizer.tokenize(work, 0, work.length);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertEquals(6 * 20_000, total);
        assertTrue(allocated < 10_000, "allocated " + allocated + " bytes for 20,000 lines");
    }

    @Test
    void manyFields_growTheFieldArrays() {
        String line = "x,".repeat(1000) + "y";
        List<String> fields = tokenize(line);
        assertEquals(1001, fields.size());
        assertEquals("y", fields.get(1000));
    }
}
