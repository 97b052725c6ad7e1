package toothbrush.ingest.adapter.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toothbrush.ingest.adapter.streams.ParserCase.of;
import static toothbrush.ingest.adapter.streams.TestInputs.concat;
import static toothbrush.ingest.adapter.streams.TestInputs.latin1;
import static toothbrush.ingest.adapter.streams.TestInputs.utf8;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.application.port.LineKind;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.port.ParsedLine;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.rules.RejectReason;

/** The brushing CSV parser against SPEC L1-L7 and B1-B6, table-driven. */
class BrushingCsvParserTest extends AbstractParserTableTest {
    private static final String H = "tick,tooth,percent_clean\n";
    private static final String OK16 = " tick=16 tooth=3 pct=0.5";
    private static final int MAX = 65_536;

    @Override
    StreamName stream() {
        return StreamName.BRUSHING;
    }

    @Override
    LineStream<?> parser(StreamInput input) {
        return new BrushingCsvParser(input);
    }

    @Override
    List<ParserCase> cases() {
        return List.of(
                of(
                        "B2",
                        "header then data",
                        H + "16,3,0.5\n17,4,1\n",
                        "1 header",
                        "2" + OK16,
                        "3 tick=17 tooth=4 pct=1.0"),

                // L1 byte-order mark
                of("L1", "BOM before the header is ignored", "\uFEFF" + H + "16,3,0.5\n", "1 header", "2" + OK16),
                of("L1", "BOM before a data line is ignored", "\uFEFF16,3,0.5", "1" + OK16),
                of(
                        "L1",
                        "a BOM that is not at the very start is data",
                        "16,3,0.5\n\uFEFF17,3,0.5\n",
                        "1" + OK16,
                        "2 bad_tick"),
                of("L1", "a stream that is only a BOM has no lines", "\uFEFF"),
                of("L1", "BOM then a newline is one blank line", "\uFEFF\n", "1 blank"),
                of(
                        "L1",
                        "a truncated BOM is invalid UTF-8",
                        latin1("\u00ef\u00bb\n16,3,0.5"),
                        "1 malformed",
                        "2" + OK16),

                // L2 line ends
                of("L2", "CRLF line ends", "16,3,0.5\r\n17,3,0.5\r\n", "1" + OK16, "2 tick=17 tooth=3 pct=0.5"),
                of(
                        "L2",
                        "the last line may lack a newline",
                        "16,3,0.5\n17,3,0.5",
                        "1" + OK16,
                        "2 tick=17 tooth=3 pct=0.5"),
                of("L2", "a trailing CR at the end of the stream is removed", "16,3,0.5\r", "1" + OK16),
                of("L2", "a lone CR does not end a line", "16,3,0.5\r7\n", "1 bad_percent"),
                of("L2", "only one CR is removed; the next is trimmed whitespace", "16,3,0.5\r\r\n", "1" + OK16),

                // L3 line length
                of(
                        "L3",
                        "a line of exactly 65,536 bytes is accepted",
                        "16,3,0.5" + " ".repeat(MAX - 8) + "\n17,3,0.5\n",
                        "1" + OK16,
                        "2 tick=17 tooth=3 pct=0.5"),
                of(
                        "L3",
                        "a line of 65,537 bytes is too_long; the next line is read",
                        "16,3,0.5" + " ".repeat(MAX - 7) + "\n17,3,0.5\n",
                        "1 too_long",
                        "2 tick=17 tooth=3 pct=0.5"),
                of("L3", "65,536 bytes plus CRLF is accepted", "16,3,0.5" + " ".repeat(MAX - 8) + "\r\n", "1" + OK16),
                of("L3", "65,537 bytes plus CRLF is too_long", "16,3,0.5" + " ".repeat(MAX - 7) + "\r\n", "1 too_long"),
                of(
                        "L3",
                        "65,536 bytes plus CR at the end of the stream is accepted",
                        "16,3,0.5" + " ".repeat(MAX - 8) + "\r",
                        "1" + OK16),
                of(
                        "L3",
                        "a too long last line without a newline",
                        "16,3,0.5\n" + "9".repeat(MAX * 3),
                        "1" + OK16,
                        "2 too_long"),
                of(
                        "L3",
                        "a too long first line is not the header",
                        "x".repeat(MAX + 1) + "\n" + H + "16,3,0.5",
                        "1 too_long",
                        "2 header",
                        "3" + OK16),
                of("L3", "the BOM does not count", "\uFEFF16,3,0.5" + " ".repeat(MAX - 8), "1" + OK16),
                of(
                        "L3",
                        "multi-byte characters count as bytes",
                        "tick,tooth,percent_clean,note\n16,3,0.5," + "\u00e9".repeat((MAX - 9) / 2 + 1) + "\n",
                        "1 header",
                        "2 too_long"),

                // L4 blank lines
                of(
                        "L4",
                        "empty and whitespace-only lines are blank",
                        "\n \n\t\u000b\u000c\r\n16,3,0.5\n",
                        "1 blank",
                        "2 blank",
                        "3 blank",
                        "4" + OK16),
                of(
                        "L4",
                        "blank lines before the header",
                        "\n\n" + H + "16,3,0.5",
                        "1 blank",
                        "2 blank",
                        "3 header",
                        "4" + OK16),
                of("L4", "a no-break space is not whitespace", "16,3,0.5\n\u00a0\n", "1" + OK16, "2 malformed"),
                of("L4", "fields are trimmed of space, tab, VT, FF", "\t16 ,\u000b3\u000c, 0.5\t\n", "1" + OK16),

                // L5 invalid UTF-8
                of(
                        "L5",
                        "overlong C0 80 is malformed",
                        latin1("16,3,0.5\n17,3,\u00c0\u0080\n18,3,0.5\n"),
                        "1" + OK16,
                        "2 malformed",
                        "3 tick=18 tooth=3 pct=0.5"),
                of(
                        "L5",
                        "a surrogate ED A0 80 is malformed",
                        latin1("16,3,0.5\n17,3,0.5,\u00ed\u00a0\u0080\n"),
                        "1" + OK16,
                        "2 malformed"),
                of(
                        "L5",
                        "F5 and FF bytes are malformed",
                        latin1("\u00f5\n\u00ff\n16,3,0.5"),
                        "1 malformed",
                        "2 malformed",
                        "3" + OK16),
                of(
                        "L5",
                        "a sequence truncated at the end of the stream is malformed",
                        latin1("16,3,0.5\n17,3,0.5,\u00e2\u0082"),
                        "1" + OK16,
                        "2 malformed"),
                of(
                        "L5",
                        "a sequence truncated by the newline is malformed",
                        latin1("16,3,\u00e2\u0082\n17,3,0.5"),
                        "1 malformed",
                        "2 tick=17 tooth=3 pct=0.5"),
                of(
                        "L5",
                        "above U+10FFFF (F4 90 80 80) is malformed",
                        latin1("16,3,0.5,\u00f4\u0090\u0080\u0080"),
                        "1 malformed"),
                of(
                        "L5",
                        "valid 2, 3 and 4 byte characters are accepted",
                        "tick,tooth,percent_clean,note\n16,3,0.5,na\u00efve \u20ac \uD83D\uDE00 \uDBFF\uDFFF\n",
                        "1 header",
                        "2" + OK16 + " note=\"na\u00efve \u20ac \uD83D\uDE00 \uDBFF\uDFFF\""),
                of(
                        "L5",
                        "a malformed first line is not the header",
                        latin1("\u00ff\n" + H + "16,3,0.5"),
                        "1 malformed",
                        "2 header",
                        "3" + OK16),
                of(
                        "L3-5",
                        "too_long is checked before malformed",
                        concat(latin1("\u00ff"), utf8("x".repeat(MAX) + "\n16,3,0.5")),
                        "1 too_long",
                        "2" + OK16),

                // L6 line numbers
                of("L6", "a final newline does not make another line", "16,3,0.5\n", "1" + OK16),
                of("L6", "an empty stream has no lines", ""),
                of("L6", "a single newline is one blank line", "\n", "1 blank"),
                of("L6", "two newlines are two blank lines", "\n\n", "1 blank", "2 blank"),

                // L7 digits and case
                of(
                        "L7",
                        "Arabic-Indic digits are not digits",
                        "16,3,0.5\n\u0661\u0666,3,0.5\n",
                        "1" + OK16,
                        "2 bad_tick"),
                of("L7", "fullwidth digits are not digits", "16,3,0.5\n17,\uFF13,0.5\n", "1" + OK16, "2 bad_tooth"),
                of(
                        "L7",
                        "header names match case-insensitively",
                        "TOOTH,Tick,Percent_Clean\n3,16,0.5",
                        "1 header",
                        "2" + OK16),
                of(
                        "L7",
                        "only ASCII letters fold: a dotless i does not match tick",
                        "tooth,t\u0131ck,clean\n3,16,0.5",
                        "1 header",
                        "2 tick=3 tooth=16 pct=0.5"),

                // B1 quoting
                of("B1", "quoted fields", "\"16\",\"3\",\"0.5\"", "1" + OK16),
                of(
                        "B1",
                        "doubled quotes stand for a quote",
                        H.replace("\n", ",note\n") + "16,3,0.5,\"say \"\"hi\"\"\"",
                        "1 header",
                        "2" + OK16 + " note=\"say \"hi\"\""),
                of(
                        "B1",
                        "a comma inside quotes",
                        "tick,tooth,percent_clean,note\n16,3,0.5,\"a,b\"",
                        "1 header",
                        "2" + OK16 + " note=\"a,b\""),
                of(
                        "B1",
                        "an unclosed quote is malformed",
                        "16,3,0.5\n17,3,0.5,\"abc\n18,3,\"0.5",
                        "1" + OK16,
                        "2 malformed",
                        "3 malformed"),
                of(
                        "B1",
                        "text after a closing quote is malformed",
                        "16,3,0.5\n\"17\"x,3,0.5\n17,3,\"0.5\" \"\n",
                        "1" + OK16,
                        "2 malformed",
                        "3 malformed"),
                of("B1", "whitespace after a closing quote is allowed", "\"16\" \t,3,\"0.5\"  \r\n", "1" + OK16),
                of(
                        "B1",
                        "whitespace before an opening quote makes the field unquoted",
                        "tick,tooth,percent_clean,note\n16,3,0.5, \"a\" \n17,3, \"0.5\"\n",
                        "1 header",
                        "2" + OK16 + " note=\"\"a\"\"",
                        "3 bad_percent"),
                of(
                        "B1",
                        "a quote inside an unquoted field is an ordinary character",
                        "tick,tooth,percent_clean,note\n16,3,0.5,ab\"c\"\n",
                        "1 header",
                        "2" + OK16 + " note=\"ab\"c\"\""),
                of(
                        "B1",
                        "quoted content is trimmed",
                        "tick,tooth,percent_clean,note\n\" 16 \",3,0.5,\"  x y\t\"",
                        "1 header",
                        "2" + OK16 + " note=\"x y\""),
                of(
                        "B1",
                        "an empty quoted extra value is omitted",
                        "tick,tooth,percent_clean,note\n16,3,0.5,\"\"",
                        "1 header",
                        "2" + OK16),
                of(
                        "B1",
                        "a quoting error on the first line: it is not the header",
                        "\"tick,tooth,percent_clean\n" + H + "16,3,0.5",
                        "1 malformed",
                        "2 header",
                        "3" + OK16),
                of(
                        "B1",
                        "a quoted field cannot span lines",
                        "16,3,0.5\n17,3,\"0.\n5\"\n",
                        "1" + OK16,
                        "2 malformed",
                        "3 malformed"),

                // B2 header
                of("B2", "columns by name in any order", "percent,tooth_index,tick\n0.5,3,16", "1 header", "2" + OK16),
                of("B2", "columns by position when not all three are named", "a,b,c\n16,3,0.5", "1 header", "2" + OK16),
                of("B2", "two of three names found: by position", "tooth,tick,x\n16,3,0.5", "1 header", "2" + OK16),
                of(
                        "B2",
                        "a first line starting with a number is data, and no later line is a header",
                        "16,3,0.5\n" + H,
                        "1" + OK16,
                        "2 bad_tick"),
                of("B2", "only the first non-blank line can be a header", H + "x,y,z\n", "1 header", "2 bad_tick"),
                of(
                        "B2",
                        "a repeated header is skipped, trimmed and case-insensitive",
                        H + "16,3,0.5\n  TICK,Tooth,PERCENT_clean \t\n17,3,0.5",
                        "1 header",
                        "2" + OK16,
                        "3 header",
                        "4 tick=17 tooth=3 pct=0.5"),
                of(
                        "B2",
                        "a line that differs from the header inside is not a header",
                        H + "tick, tooth,percent_clean\n",
                        "1 header",
                        "2 bad_tick"),
                of(
                        "B2",
                        "the repeated-header check compares text before unquoting",
                        "\"tick\",tooth,percent_clean\n\"TICK\",tooth,percent_clean\n\"tick\" ,tooth,percent_clean\n",
                        "1 header",
                        "2 header",
                        "3 bad_tick"),
                of(
                        "B2",
                        "the repeated-header check comes before B1 quoting",
                        "\"a,tooth,percent\nx,y,z\n\"a,tooth,percent\n",
                        "1 malformed",
                        "2 header",
                        "3 malformed"),
                of(
                        "B2",
                        "the leftmost match wins; a second match is an extra column",
                        "tick,tooth,clean,percent\n16,3,0.5,0.9",
                        "1 header",
                        "2" + OK16 + " percent=0.9"),
                of("B2", "an empty first field is not a number: header", ",b,c\n16,3,0.5", "1 header", "2" + OK16),
                of("B2", "a signed first field is a number: data", "-1,3,0.5\n", "1 bad_tick"),
                of(
                        "B2",
                        "an exponent first field is a number: data",
                        "1e5,3,0.5\n.5,3,0.5\n",
                        "1 bad_tick",
                        "2 bad_tick"),
                of("B2", "a header naming only tick", "tick\n16,3,0.5", "1 header", "2" + OK16),
                of("B2", "a quoted header", "\"tick\",\"tooth\",\"clean\"\n16,3,0.5", "1 header", "2" + OK16),

                // B3 fields
                of(
                        "B3",
                        "fewer than three fields is malformed",
                        "16,3,0.5\n16,3\n16\n",
                        "1" + OK16,
                        "2 malformed",
                        "3 malformed"),
                of(
                        "B3",
                        "by name, a line must reach the rightmost named column",
                        "x,tick,tooth,percent_clean\na,16,3\na,16,3,0.5\n",
                        "1 header",
                        "2 malformed",
                        "3" + OK16 + " x=\"a\""),
                of("B3", "empty additional fields are tolerated", "16,3,0.5,, \t,\"\"\n", "1" + OK16),
                of("B3", "a non-empty additional field without a header is malformed", "16,3,0.5,x\n", "1 malformed"),
                of("B3", "a field beyond the header is malformed", H + "16,3,0.5,x\n", "1 header", "2 malformed"),
                of(
                        "B3",
                        "a column with an empty name is no name",
                        "tick,tooth,percent_clean,,note\n16,3,0.5,x,y\n" + "16,3,0.5,,y\n",
                        "1 header",
                        "2 malformed",
                        "3" + OK16 + " note=\"y\""),
                of(
                        "B3",
                        "extra fields: numbers by B6 syntax are floats, other text strings",
                        "tick,tooth,percent_clean,a,b,c,d,e,f,g\n16,3,0.5,2,-1.5e3,abc,1e400,NaN,0x10,.5\n",
                        "1 header",
                        "2" + OK16 + " a=2.0 b=-1500.0 c=\"abc\" d=\"1e400\" e=\"NaN\" f=\"0x10\" g=0.5"),
                of(
                        "B3",
                        "columns by position beyond the third are named by the header",
                        "a,b,c,d\n16,3,0.5,x\n",
                        "1 header",
                        "2" + OK16 + " d=\"x\""),
                of(
                        "B3",
                        "reserved column names are ignored",
                        "tick,tooth,percent_clean,time,toothbrush_id,dataset_id,tick,tooth,percent_clean\n"
                                + "16,3,0.5,1,2,3,4,5,6\n",
                        "1 header",
                        "2" + OK16),
                of(
                        "B3",
                        "a repeated column name is ignored",
                        "tick,tooth,percent_clean,note,note\n16,3,0.5,a,b\n",
                        "1 header",
                        "2" + OK16 + " note=\"a\""),
                of(
                        "B3",
                        "a name used by a positional point column is ignored",
                        "a,b,c,a,d\n16,3,0.5,x,y\n",
                        "1 header",
                        "2" + OK16 + " d=\"y\""),
                of(
                        "B3",
                        "a value with a control character is ignored",
                        "tick,tooth,percent_clean,a,b\n16,3,0.5,x\ty,\"p\u0001q\"\n",
                        "1 header",
                        "2" + OK16),
                of(
                        "B3",
                        "extra names are case-sensitive: TICK is not the reserved tick",
                        "tick,tooth,percent_clean,TICK\n16,3,0.5,7\n",
                        "1 header",
                        "2" + OK16 + " TICK=7.0"),
                of("B3", "B3 comes before B4", "16,3,0.5\nbad,3,0.5,extra\n", "1" + OK16, "2 malformed"),
                of(
                        "B3",
                        "extras keep column order",
                        "tick,tooth,percent_clean,z,a\n16,3,0.5,1,2\n",
                        "1 header",
                        "2" + OK16 + " z=1.0 a=2.0"),

                // B4 tick
                of(
                        "B4",
                        "integer ticks with a zero fraction",
                        "16.0,3,0.5\n16.,3,0.5\n16.000,3,0.5\n00016,3,0.5\n",
                        "1" + OK16,
                        "2" + OK16,
                        "3" + OK16,
                        "4" + OK16),
                of(
                        "B4",
                        "tick 0 and 2^53 are accepted, 2^53+1 is not",
                        "0,3,0.5\n9007199254740992,3,0.5\n9007199254740993,3,0.5\n",
                        "1 tick=0 tooth=3 pct=0.5",
                        "2 tick=9007199254740992 tooth=3 pct=0.5",
                        "3 bad_tick"),
                of(
                        "B4",
                        "sign, fraction, exponent, hex, underscore and empty are bad_tick",
                        "16,3,0.5\n16.5,3,0.5\n-1,3,0.5\n+1,3,0.5\n1e3,3,0.5\n0x10,3,0.5\n1_0,3,0.5\n,3,0.5\n"
                                + "99999999999999999999999,3,0.5\n.0,3,0.5\n",
                        "1" + OK16,
                        "2 bad_tick",
                        "3 bad_tick",
                        "4 bad_tick",
                        "5 bad_tick",
                        "6 bad_tick",
                        "7 bad_tick",
                        "8 bad_tick",
                        "9 bad_tick",
                        "10 bad_tick"),

                // B5 tooth
                of(
                        "B5",
                        "tooth 0..31",
                        "16,0,0.5\n16,31,0.5\n16,31.0,0.5\n",
                        "1 tick=16 tooth=0 pct=0.5",
                        "2 tick=16 tooth=31 pct=0.5",
                        "3 tick=16 tooth=31 pct=0.5"),
                of(
                        "B5",
                        "out of range or not an integer is bad_tooth",
                        "16,3,0.5\n16,32,0.5\n16,-1,0.5\n16,3.5,0.5\n16,,0.5\n16,99999999999999999999,0.5\n16,3e0,0.5\n",
                        "1" + OK16,
                        "2 bad_tooth",
                        "3 bad_tooth",
                        "4 bad_tooth",
                        "5 bad_tooth",
                        "6 bad_tooth",
                        "7 bad_tooth"),

                // B6 percent_clean
                of(
                        "B6",
                        "B6 number syntax in [0, 1]",
                        "1,3,0\n2,3,1\n3,3,1.0\n4,3,0.\n5,3,.5\n6,3,5e-1\n7,3,+0.5\n8,3,-0.0\n9,3,1E0\n10,3,1e-400\n",
                        "1 tick=1 tooth=3 pct=0.0",
                        "2 tick=2 tooth=3 pct=1.0",
                        "3 tick=3 tooth=3 pct=1.0",
                        "4 tick=4 tooth=3 pct=0.0",
                        "5 tick=5 tooth=3 pct=0.5",
                        "6 tick=6 tooth=3 pct=0.5",
                        "7 tick=7 tooth=3 pct=0.5",
                        "8 tick=8 tooth=3 pct=0.0",
                        "9 tick=9 tooth=3 pct=1.0",
                        "10 tick=10 tooth=3 pct=0.0"),
                of(
                        "B6",
                        "out of range or not B6 syntax is bad_percent",
                        "16,3,0.5\n16,3,1.01\n16,3,-0.1\n16,3,1e400\n16,3,NaN\n16,3,Infinity\n16,3,0x1\n16,3,0.5f\n"
                                + "16,3,\n16,3,.\n16,3,1e\n16,3,1_0\n16,3,- 1\n",
                        "1" + OK16,
                        "2 bad_percent",
                        "3 bad_percent",
                        "4 bad_percent",
                        "5 bad_percent",
                        "6 bad_percent",
                        "7 bad_percent",
                        "8 bad_percent",
                        "9 bad_percent",
                        "10 bad_percent",
                        "11 bad_percent",
                        "12 bad_percent",
                        "13 bad_percent"),

                // B9 order
                of(
                        "B9",
                        "the first failing rule names the rejection",
                        "16,3,0.5\nx,y,z\n16,y,z\n16,3,z\n16,3\n",
                        "1" + OK16,
                        "2 bad_tick",
                        "3 bad_tooth",
                        "4 bad_percent",
                        "5 malformed"));
    }

    /** The header and {@code n} data lines without extra fields, CRLF-terminated. */
    private static byte[] plainLines(int n) {
        StringBuilder csv = new StringBuilder(H);
        for (int i = 0; i < n; i++) {
            csv.append(i)
                    .append(',')
                    .append(i % 32)
                    .append(',')
                    .append("0.")
                    .append(i % 1000)
                    .append("\r\n");
        }
        return utf8(csv.toString());
    }

    @Test
    @DisplayName("A data line allocates only its event and ParsedLine: no strings, arrays or lists")
    void aDataLine_allocatesOnlyItsEvent() {
        byte[] data = plainLines(20_000);
        for (int warmup = 0; warmup < 30; warmup++) {
            Rendering.readAll(parser(new StreamInput(DATASET, stream(), URI, new ByteArrayInputStream(data), -1)));
        }
        BrushingCsvParser parser =
                new BrushingCsvParser(new StreamInput(DATASET, stream(), URI, new ByteArrayInputStream(data), -1));
        parser.next();
        parser.next();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        int parsed = 1;
        ParsedLine<?> line;
        while ((line = parser.next()) != null) {
            if (line instanceof ParsedLine.Parsed) {
                parsed++;
            }
        }
        long perLine = (threads.getThreadAllocatedBytes(tid) - before) / parsed;
        assertEquals(20_000, parsed);
        // ParsedLine.Parsed (24 bytes) + BrushingEvent (40 bytes with compressed oops)
        assertTrue(perLine <= 80, "allocated " + perLine + " bytes per line");
    }

    @Test
    @DisplayName("Read as a cursor, a data line allocates nothing")
    void aDataLine_readAsACursor_allocatesNothing() {
        byte[] data = plainLines(20_000);
        long sum = 0;
        for (int warmup = 0; warmup < 30; warmup++) {
            sum += readAsCursor(
                    new BrushingCsvParser(new StreamInput(DATASET, stream(), URI, new ByteArrayInputStream(data), -1)));
        }
        BrushingCsvParser parser =
                new BrushingCsvParser(new StreamInput(DATASET, stream(), URI, new ByteArrayInputStream(data), -1));
        parser.advance();
        parser.advance();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        sum += readAsCursor(parser);
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertTrue(sum > 0);
        // a few buffers at the end of the stream at most, never bytes per line
        assertTrue(allocated < 20_000, "allocated " + allocated + " bytes for 20,000 lines");
    }

    /** Reads every line through the cursor's accessors; returns a sum of the values so none is optimized away. */
    private static long readAsCursor(BrushingCsvParser parser) {
        long sum = 0;
        while (parser.advance()) {
            if (parser.kind() == LineKind.PARSED) {
                sum += parser.tick()
                        + parser.tooth()
                        + (long) (parser.percentClean() * 1000)
                        + parser.extras().size();
            }
        }
        return sum;
    }

    @Test
    @DisplayName("The cursor gives each line's kind, number and values, and refuses values a line does not have")
    void cursor_givesEachLinesKindAndValues() {
        BrushingCsvParser parser = new BrushingCsvParser(new StreamInput(
                DATASET, stream(), URI, new ByteArrayInputStream(utf8(H + "16,3,0.5\n\nx,1,0.5\n17,4,1\n")), -1));
        assertThrows(IllegalStateException.class, parser::kind);
        assertTrue(parser.advance());
        assertEquals(LineKind.HEADER, parser.kind());
        assertTrue(parser.advance());
        assertEquals(LineKind.PARSED, parser.kind());
        assertEquals(2, parser.lineNumber());
        assertEquals(16, parser.tick());
        assertEquals(3, parser.tooth());
        assertEquals(0.5, parser.percentClean());
        assertEquals(List.of(), parser.extras());
        assertThrows(IllegalStateException.class, parser::reason);
        assertTrue(parser.advance());
        assertEquals(LineKind.BLANK, parser.kind());
        assertThrows(IllegalStateException.class, parser::tick);
        assertTrue(parser.advance());
        assertEquals(LineKind.REJECTED, parser.kind());
        assertEquals(RejectReason.BAD_TICK, parser.reason());
        assertThrows(IllegalStateException.class, parser::percentClean);
        assertEquals(new ParsedLine.Parsed<>(5, new BrushingEvent(17, 4, 1.0, List.of())), parser.next());
        assertFalse(parser.advance());
        assertThrows(IllegalStateException.class, parser::lineNumber);
    }
}
