package toothbrush.ingest.adapter.streams;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toothbrush.ingest.adapter.streams.ParserCase.of;
import static toothbrush.ingest.adapter.streams.TestInputs.latin1;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.application.port.LineStream;

/** The settings JSON-lines parser against SPEC L1-L7, S1-S5 and S8, table-driven. */
class SettingsJsonParserTest extends AbstractParserTableTest {
    /** A valid line; {@link #line} adds keys to it. */
    private static final String BASE =
            "{\"timestamp\":1595896877.637498,\"tick\":16,\"battery\":0.91,\"tick_interval\":0.25";

    private static final String OK = " ts=1595896877.637498 tick=16 battery=0.91 interval=0.25 dropped=0";
    private static final String TS = "{\"timestamp\":1595896877,\"tick\":16";
    private static final String TS_OK = " ts=1595896877 tick=16";
    private static final int MAX = 65_536;

    /** The valid base line with {@code more} keys (",\"k\":v...") and a newline. */
    private static String line(String more) {
        return BASE + more + "}\n";
    }

    /** A line with only timestamp and tick, plus {@code more}. */
    private static String min(String more) {
        return TS + more + "}\n";
    }

    @Override
    StreamName stream() {
        return StreamName.SETTINGS;
    }

    @Override
    LineStream<?> parser(StreamInput input) {
        return new SettingsJsonParser(input);
    }

    @Override
    List<ParserCase> cases() {
        return List.of(
                of("S1", "a valid line", line(""), "1" + OK),

                // L1-L7 on the settings stream
                of("L1", "a BOM at the start is ignored", "\uFEFF" + line(""), "1" + OK),
                of(
                        "L1",
                        "a BOM at the start of a later line is malformed",
                        line("") + "\uFEFF" + line(""),
                        "1" + OK,
                        "2 malformed"),
                of(
                        "L2",
                        "CRLF and a last line without a newline",
                        line("").replace("\n", "\r\n") + BASE + "}",
                        "1" + OK,
                        "2" + OK),
                of(
                        "L3",
                        "a line of exactly 65,536 bytes is accepted",
                        BASE + ",\"pad\":\"" + "x".repeat(MAX - BASE.length() - 10) + "\"}\n",
                        "1" + OK + " pad=\"" + "x".repeat(MAX - BASE.length() - 10) + "\""),
                of(
                        "L3",
                        "a line of 65,537 bytes is too_long; the next is read",
                        BASE + ",\"pad\":\"" + "x".repeat(MAX - BASE.length() - 9) + "\"}\n" + line(""),
                        "1 too_long",
                        "2" + OK),
                of(
                        "L4",
                        "blank lines",
                        "\n \t\n\u000b\u000c\r\n" + line(""),
                        "1 blank",
                        "2 blank",
                        "3 blank",
                        "4" + OK),
                of(
                        "L5",
                        "invalid UTF-8 inside a string is malformed",
                        latin1(min(",\"s\":\"\u00c0\u0080\"")
                                + min(",\"s\":\"\u00ed\u00a0\u0080\"")
                                + min(",\"s\":\"\u00ff\"")
                                + min("")),
                        "1 malformed",
                        "2 malformed",
                        "3 malformed",
                        "4" + TS_OK + " battery=null interval=null dropped=0"),
                of(
                        "L5",
                        "a sequence truncated at the end of the stream is malformed",
                        latin1(min("") + TS + ",\"s\":\"\u00f0\u009f\u0098"),
                        "1" + TS_OK + " battery=null interval=null dropped=0",
                        "2 malformed"),
                of("L6", "a final newline does not make another line", line(""), "1" + OK),
                of("L6", "only a BOM: no lines", "\uFEFF"),
                of("L7", "non-ASCII digits are not JSON numbers", min(",\"x\":\u0661"), "1 malformed"),

                // S1 one JSON object
                of(
                        "S1",
                        "arrays, numbers, strings, literals are malformed",
                        "[1,2]\n16\n\"x\"\nnull\ntrue\n",
                        "1 malformed",
                        "2 malformed",
                        "3 malformed",
                        "4 malformed",
                        "5 malformed"),
                of(
                        "S1",
                        "trailing garbage or a second value is malformed",
                        BASE + "} x\n" + BASE + "}{}\n" + BASE + "},\n" + BASE + "}]\n",
                        "1 malformed",
                        "2 malformed",
                        "3 malformed",
                        "4 malformed"),
                of("S1", "whitespace around the object is allowed", " \t" + BASE + "} \t \r\n", "1" + OK),
                of(
                        "S1",
                        "VT and FF are not JSON whitespace",
                        "\u000b" + line("") + BASE + "}\u000c\n",
                        "1 malformed",
                        "2 malformed"),
                of(
                        "S1",
                        "NaN, Infinity, comments, single quotes, unquoted names are malformed",
                        min(",\"x\":NaN") + min(",\"x\":Infinity") + min(",\"x\":-Infinity") + min(",/* c */\"x\":1")
                                + min("// c") + "{'timestamp':1595896877,'tick':16}\n" + "{timestamp:1595896877}\n",
                        "1 malformed",
                        "2 malformed",
                        "3 malformed",
                        "4 malformed",
                        "5 malformed",
                        "6 malformed",
                        "7 malformed"),
                of(
                        "S1",
                        "trailing commas, leading zeros, plus signs, bare points are malformed",
                        min(",")
                                + min(",\"x\":01")
                                + min(",\"x\":+1")
                                + min(",\"x\":.5")
                                + min(",\"x\":1.")
                                + min(",\"x\":[1,]")
                                + min(",\"x\":1e"),
                        "1 malformed",
                        "2 malformed",
                        "3 malformed",
                        "4 malformed",
                        "5 malformed",
                        "6 malformed",
                        "7 malformed"),
                of(
                        "S1",
                        "an unescaped control character in a string is malformed",
                        min(",\"s\":\"a\tb\""),
                        "1 malformed"),
                of(
                        "S1",
                        "an unclosed object is malformed",
                        TS + "\n" + TS + ",\"x\":{}\n",
                        "1 malformed",
                        "2 malformed"),
                of(
                        "S1",
                        "NUL bytes never make the line parse as UTF-16 or UTF-32",
                        latin1("{\u0000\u0000\u0000}\u0000\u0000\u0000\n{\u0000}\u0000\n"),
                        "1 malformed",
                        "2 malformed"),
                of("S1", "an empty object is an object", "{}\n", "1 bad_timestamp"),
                of(
                        "S1",
                        "the last value of a repeated key wins",
                        "{\"timestamp\":1,\"timestamp\":1595896877,\"tick\":\"x\",\"tick\":16}\n"
                                + "{\"timestamp\":1595896877,\"tick\":16,\"tick\":\"x\"}\n",
                        "1" + TS_OK + " battery=null interval=null dropped=0",
                        "2 bad_tick"),
                of(
                        "S1",
                        "deep nesting that fits in a line is valid JSON",
                        min(",\"x\":" + "[".repeat(5000) + "]".repeat(5000)),
                        "1" + TS_OK + " battery=null interval=null dropped=1"),
                of(
                        "S1",
                        "keys order does not matter",
                        "{\"tick_interval\":0.25,\"tick\":16,\"battery\":0.91," + "\"timestamp\":1595896877.637498}\n",
                        "1" + OK),

                // S2 timestamp
                of(
                        "S2",
                        "integer and fraction timestamps; the bounds",
                        "{\"timestamp\":946684800,\"tick\":1}\n{\"timestamp\":4102444799.5,\"tick\":1}\n"
                                + "{\"timestamp\":1.5958968776E9,\"tick\":1}\n",
                        "1 ts=946684800 tick=1 battery=null interval=null dropped=0",
                        "2 ts=4102444799.5 tick=1 battery=null interval=null dropped=0",
                        "3 ts=1595896877.6 tick=1 battery=null interval=null dropped=0"),
                of(
                        "S2",
                        "out of range, not a number or absent is bad_timestamp",
                        "{\"timestamp\":946684799.999,\"tick\":1}\n{\"timestamp\":4102444800,\"tick\":1}\n"
                                + "{\"timestamp\":\"1595896877\",\"tick\":1}\n{\"timestamp\":true,\"tick\":1}\n"
                                + "{\"timestamp\":null,\"tick\":1}\n{\"tick\":1}\n{\"timestamp\":1e400,\"tick\":1}\n"
                                + "{\"timestamp\":-1595896877,\"tick\":1}\n{\"timestamp\":{},\"tick\":1}\n"
                                + "{\"timestamp\":15958968770000000000000000,\"tick\":1}\n",
                        "1 bad_timestamp",
                        "2 bad_timestamp",
                        "3 bad_timestamp",
                        "4 bad_timestamp",
                        "5 bad_timestamp",
                        "6 bad_timestamp",
                        "7 bad_timestamp",
                        "8 bad_timestamp",
                        "9 bad_timestamp",
                        "10 bad_timestamp"),
                of("S2", "S2 is checked before S3", "{\"timestamp\":1,\"tick\":-1}\n", "1 bad_timestamp"),

                // S3 tick
                of(
                        "S3",
                        "integer ticks, and floats with a zero fraction",
                        "{\"timestamp\":1595896877,\"tick\":0}\n{\"timestamp\":1595896877,\"tick\":16.0}\n"
                                + "{\"timestamp\":1595896877,\"tick\":1.6e1}\n{\"timestamp\":1595896877,\"tick\":-0.0}\n"
                                + "{\"timestamp\":1595896877,\"tick\":9007199254740992}\n"
                                + "{\"timestamp\":1595896877,\"tick\":9007199254740993.0}\n",
                        "1 ts=1595896877 tick=0 battery=null interval=null dropped=0",
                        "2" + TS_OK + " battery=null interval=null dropped=0",
                        "3" + TS_OK + " battery=null interval=null dropped=0",
                        "4 ts=1595896877 tick=0 battery=null interval=null dropped=0",
                        "5 ts=1595896877 tick=9007199254740992 battery=null interval=null dropped=0",
                        "6 ts=1595896877 tick=9007199254740992 battery=null interval=null dropped=0"),
                of(
                        "S3",
                        "JSON integers are compared exactly; others are bad_tick",
                        "{\"timestamp\":1595896877,\"tick\":9007199254740993}\n"
                                + "{\"timestamp\":1595896877,\"tick\":16.5}\n{\"timestamp\":1595896877,\"tick\":-1}\n"
                                + "{\"timestamp\":1595896877,\"tick\":\"16\"}\n{\"timestamp\":1595896877}\n"
                                + "{\"timestamp\":1595896877,\"tick\":null}\n{\"timestamp\":1595896877,\"tick\":1e400}\n"
                                + "{\"timestamp\":1595896877,\"tick\":100000000000000000000}\n"
                                + "{\"timestamp\":1595896877,\"tick\":true}\n{\"timestamp\":1595896877,\"tick\":[16]}\n"
                                + "{\"timestamp\":1595896877,\"tick\":1e16}\n",
                        "1 bad_tick",
                        "2 bad_tick",
                        "3 bad_tick",
                        "4 bad_tick",
                        "5 bad_tick",
                        "6 bad_tick",
                        "7 bad_tick",
                        "8 bad_tick",
                        "9 bad_tick",
                        "10 bad_tick",
                        "11 bad_tick"),

                // S4 battery
                of(
                        "S4",
                        "battery in [0, 1] is kept",
                        min(",\"battery\":0")
                                + min(",\"battery\":1")
                                + min(",\"battery\":1.0e0")
                                + min(",\"battery\":-0.0"),
                        "1" + TS_OK + " battery=0.0 interval=null dropped=0",
                        "2" + TS_OK + " battery=1.0 interval=null dropped=0",
                        "3" + TS_OK + " battery=1.0 interval=null dropped=0",
                        "4" + TS_OK + " battery=0.0 interval=null dropped=0"),
                of(
                        "S4",
                        "an invalid battery is dropped and counted; the line is accepted",
                        min(",\"battery\":1.5")
                                + min(",\"battery\":-0.1")
                                + min(",\"battery\":null")
                                + min(",\"battery\":\"0.5\"")
                                + min(",\"battery\":true")
                                + min(",\"battery\":{\"v\":0.5}")
                                + min(",\"battery\":1e400"),
                        "1" + TS_OK + " battery=null interval=null dropped=1",
                        "2" + TS_OK + " battery=null interval=null dropped=1",
                        "3" + TS_OK + " battery=null interval=null dropped=1",
                        "4" + TS_OK + " battery=null interval=null dropped=1",
                        "5" + TS_OK + " battery=null interval=null dropped=1",
                        "6" + TS_OK + " battery=null interval=null dropped=1",
                        "7" + TS_OK + " battery=null interval=null dropped=1"),

                // S5 tick_interval
                of(
                        "S5",
                        "0 < tick_interval <= 60 is kept",
                        min(",\"tick_interval\":60") + min(",\"tick_interval\":1e-300") + min(",\"tick_interval\":2"),
                        "1" + TS_OK + " battery=null interval=60 dropped=0",
                        "2" + TS_OK + " battery=null interval=1E-300 dropped=0",
                        "3" + TS_OK + " battery=null interval=2 dropped=0"),

                // A3 exact decimals from the number's text
                of(
                        "A3",
                        "timestamp and interval are the exact decimals of the text, not their doubles",
                        "{\"timestamp\":1595896877.6374981,\"tick\":1,\"tick_interval\":0.1}\n"
                                + "{\"timestamp\":1612022711.593,\"tick\":1,\"tick_interval\":0.333333333333}\n"
                                + "{\"timestamp\":1600000000.0000000005,\"tick\":1,\"tick_interval\":0.1000000000000000000001}\n"
                                + "{\"timestamp\":1612022711.59300000000000000000,\"tick\":1,\"tick_interval\":0.250}\n",
                        "1 ts=1595896877.6374981 tick=1 battery=null interval=0.1 dropped=0",
                        "2 ts=1612022711.593 tick=1 battery=null interval=0.333333333333 dropped=0",
                        "3 ts=1600000000.0000000005 tick=1 battery=null interval=0.1000000000000000000001 dropped=0",
                        "4 ts=1612022711.593 tick=1 battery=null interval=0.25 dropped=0"),
                of(
                        "A3",
                        "exponent forms are exact too",
                        "{\"timestamp\":1.5e9,\"tick\":1,\"tick_interval\":16e-1}\n"
                                + "{\"timestamp\":15958968776374981E-7,\"tick\":1,\"tick_interval\":2.5E-1}\n"
                                + "{\"timestamp\":1.6000000000000000005e+9,\"tick\":1,\"tick_interval\":1E1}\n",
                        "1 ts=1500000000 tick=1 battery=null interval=1.6 dropped=0",
                        "2 ts=1595896877.6374981 tick=1 battery=null interval=0.25 dropped=0",
                        "3 ts=1600000000.0000000005 tick=1 battery=null interval=10 dropped=0"),
                of(
                        "S5",
                        "an invalid tick_interval is dropped and counted",
                        min(",\"tick_interval\":0")
                                + min(",\"tick_interval\":60.0001")
                                + min(",\"tick_interval\":-1")
                                + min(",\"tick_interval\":null")
                                + min(",\"tick_interval\":\"0.25\"")
                                + min(",\"tick_interval\":1e400"),
                        "1" + TS_OK + " battery=null interval=null dropped=1",
                        "2" + TS_OK + " battery=null interval=null dropped=1",
                        "3" + TS_OK + " battery=null interval=null dropped=1",
                        "4" + TS_OK + " battery=null interval=null dropped=1",
                        "5" + TS_OK + " battery=null interval=null dropped=1",
                        "6" + TS_OK + " battery=null interval=null dropped=1"),
                of(
                        "S4-S5",
                        "drops add up",
                        min(",\"battery\":null,\"tick_interval\":0,\"x\":null"),
                        "1" + TS_OK + " battery=null interval=null dropped=3"),

                // S8 other keys
                of(
                        "S8",
                        "strings, numbers and booleans are kept; numbers as floats",
                        line(",\"mode\":\"eco\",\"n\":2,\"f\":-1.5e2,\"on\":true,\"off\":false,\"empty\":\"\"")
                                + line(",\"tiny\":1e-400,\"big\":1" + "0".repeat(30)),
                        "1" + OK + " mode=\"eco\" n=2.0 f=-150.0 on=true off=false empty=\"\"",
                        "2" + OK + " tiny=0.0 big=1.0E30"),
                of(
                        "S8",
                        "null, objects and arrays are dropped and counted",
                        line(",\"a\":null,\"b\":{\"c\":1},\"d\":[1,2],\"e\":1"),
                        "1" + OK.replace("dropped=0", "dropped=3") + " e=1.0"),
                of(
                        "S8",
                        "numbers that overflow a double are dropped",
                        line(",\"a\":1e400,\"b\":-1e400,\"c\":1" + "0".repeat(400) + ",\"d\":1" + "0".repeat(2000)),
                        "1" + OK.replace("dropped=0", "dropped=4")),
                of(
                        "S8",
                        "reserved and empty keys are dropped and counted",
                        line(",\"time\":1,\"toothbrush_id\":\"tb\",\"dataset_id\":\"ds\",\"\":1,\"Time\":2"),
                        "1" + OK.replace("dropped=0", "dropped=4") + " Time=2.0"),
                of(
                        "S8",
                        "strings with control characters or unpaired surrogates are dropped",
                        line(",\"a\":\"x\\u0001y\",\"b\":\"x\\ny\",\"c\":\"\\ud800\",\"d\":\"\\udc00\\ud800\","
                                + "\"e\":\"\\ud83d\\ude00\",\"f\":\"tab\\u0020ok\",\"g\":\"\\u007f\""),
                        "1" + OK.replace("dropped=0", "dropped=4") + " e=\"\uD83D\uDE00\" f=\"tab ok\" g=\"\u007f\""),
                of(
                        "S8",
                        "keys with control characters or unpaired surrogates are dropped",
                        line(",\"a\\nb\":1,\"\\ud800\":2,\"ok\\u00e9\":3"),
                        "1" + OK.replace("dropped=0", "dropped=2") + " ok\u00e9=3.0"),
                of(
                        "S8",
                        "the last value of a repeated extra key wins, in first-seen order",
                        line(",\"x\":null,\"y\":1,\"x\":\"s\"") + line(",\"x\":1,\"x\":null"),
                        "1" + OK + " x=\"s\" y=1.0",
                        "2" + OK.replace("dropped=0", "dropped=1")),
                of("S8", "many extra keys, repeated", line(manyKeys()), "1" + OK + manyKeysRendered()),
                of(
                        "S8",
                        "non-ASCII keys and values are kept",
                        line(",\"\u00e9t\u00e9\":\"\u20ac\""),
                        "1" + OK + " \u00e9t\u00e9=\"\u20ac\""),

                // S9 order
                of(
                        "S9",
                        "the first failing rule names the rejection",
                        "{\"tick\":-1}\n{\"timestamp\":1595896877,\"tick\":-1,\"battery\":7}\n[\n",
                        "1 bad_timestamp",
                        "2 bad_tick",
                        "3 malformed"));
    }

    /** 40 keys k0..k39 with value i, then k5 and k30 again with new values. */
    private static String manyKeys() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append(",\"k").append(i).append("\":").append(i);
        }
        return sb.append(",\"k5\":\"five\",\"k30\":true").toString();
    }

    private static String manyKeysRendered() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append(" k").append(i).append('=');
            sb.append(i == 5 ? "\"five\"" : i == 30 ? "true" : i + ".0");
        }
        return sb.toString();
    }

    @Test
    void S8_cleanText_acceptsPairsAndRejectsControlsAndLoneSurrogates() {
        List<String> clean = new ArrayList<>(List.of("", "abc", "\uD83D\uDE00", "\u007f", " "));
        for (String s : clean) {
            assertTrue(SettingsJsonParser.isCleanText(s), s);
        }
        for (String s : List.of("\u0000", "a\u001fb", "\uD800", "\uDC00", "a\uD800b", "\uDE00\uD83D", "\uD83D")) {
            assertFalse(SettingsJsonParser.isCleanText(s), s);
        }
    }
}
