package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Line protocol escaping and value formats, table-driven, through buffers of every size. */
class LineProtocolEncoderTest {

    /** (text, as a measurement, as a tag key/tag value/field key, as a string field value). */
    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("plain", "plain", "plain", "\"plain\""),
                Arguments.of("a b", "a\\ b", "a\\ b", "\"a b\""),
                Arguments.of("a,b", "a\\,b", "a\\,b", "\"a,b\""),
                Arguments.of("a=b", "a=b", "a\\=b", "\"a=b\""),
                Arguments.of("say \"hi\"", "say\\ \"hi\"", "say\\ \"hi\"", "\"say \\\"hi\\\"\""),
                Arguments.of("a\\b", "a\\b", "a\\b", "\"a\\\\b\""),
                Arguments.of("a\\b\\", "a\\b\\u005C", "a\\b\\u005C", "\"a\\\\b\\\\\""),
                Arguments.of(
                        "a\\,b\\=c\\ d",
                        "a\\u005C\\,b\\=c\\u005C\\ d",
                        "a\\u005C\\,b\\u005C\\=c\\u005C\\ d",
                        "\"a\\\\,b\\\\=c\\\\ d\""),
                Arguments.of(
                        "a\\\\b\\\n",
                        "a\\u005C\\b\\u005C\\u000A",
                        "a\\u005C\\b\\u005C\\u000A",
                        "\"a\\\\\\\\b\\\\\\u000A\""),
                Arguments.of("x, y=z", "x\\,\\ y=z", "x\\,\\ y\\=z", "\"x, y=z\""),
                Arguments.of("zähne ✓ 🦷", "zähne\\ ✓\\ 🦷", "zähne\\ ✓\\ 🦷", "\"zähne ✓ 🦷\""),
                Arguments.of("a\nb", "a\\u000Ab", "a\\u000Ab", "\"a\\u000Ab\""),
                Arguments.of(
                        "\t\r\u0000\u001f",
                        "\\u0009\\u000D\\u0000\\u001F",
                        "\\u0009\\u000D\\u0000\\u001F",
                        "\"\\u0009\\u000D\\u0000\\u001F\""),
                Arguments.of(
                        "lone \uD83D surrogate",
                        "lone\\ ?\\ surrogate",
                        "lone\\ ?\\ surrogate",
                        "\"lone ? surrogate\""),
                Arguments.of(
                        "\u007f\u0080\u07ff\u0800\uffff",
                        "\u007f\u0080\u07ff\u0800\uffff",
                        "\u007f\u0080\u07ff\u0800\uffff",
                        "\"\u007f\u0080\u07ff\u0800\uffff\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("escapes")
    @DisplayName("Line protocol: measurement escapes , and space; keys and tag values also =; strings \" and \\;"
            + " controls and ambiguous backslashes as \\u00XX text")
    void text_isEscapedPerPosition(String text, String measurement, String key, String stringValue) {
        assertEquals(
                measurement + ",t=v f=1i 5\n", encode(text, new Tags().add("t", "v"), new Fields().addLong("f", 1), 5));
        assertEquals(
                "m," + key + "=" + key + " " + key + "=1i 5\n",
                encode("m", new Tags().add(text, text), new Fields().addLong(text, 1), 5));
        assertEquals("m f=" + stringValue + " 5\n", encode("m", new Tags(), new Fields().addString("f", text), 5));
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(new Fields().addLong("f", 16), "f=16i"),
                Arguments.of(new Fields().addLong("f", 0), "f=0i"),
                Arguments.of(new Fields().addLong("f", -5), "f=-5i"),
                Arguments.of(new Fields().addLong("f", Long.MAX_VALUE), "f=9223372036854775807i"),
                Arguments.of(new Fields().addLong("f", Long.MIN_VALUE), "f=-9223372036854775808i"),
                Arguments.of(new Fields().addDouble("f", 0.5), "f=0.5"),
                Arguments.of(new Fields().addDouble("f", 2.0), "f=2.0"),
                Arguments.of(new Fields().addDouble("f", 0.91), "f=0.91"),
                Arguments.of(new Fields().addDouble("f", 1.0E-5), "f=1.0E-5"),
                Arguments.of(new Fields().addDouble("f", 1.0E21), "f=1.0E21"),
                Arguments.of(new Fields().addDouble("f", -0.25), "f=-0.25"),
                Arguments.of(new Fields().addBoolean("f", true), "f=true"),
                Arguments.of(new Fields().addBoolean("f", false), "f=false"),
                Arguments.of(new Fields().addString("f", ""), "f=\"\""),
                Arguments.of(
                        new Fields()
                                .addLong("a", 1)
                                .addDouble("b", 1.5)
                                .addString("c", "x")
                                .addBoolean("d", true),
                        "a=1i,b=1.5,c=\"x\",d=true"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("values")
    @DisplayName("Line protocol: integers 16i, floats as Double.toString, booleans, strings, in field order")
    void values_areFormattedAsInfluxDbReadsThem(Fields fields, String expected) {
        assertEquals("m " + expected + " 1595896877637498000\n", encode("m", new Tags(), fields, 1595896877637498000L));
    }

    @Test
    @DisplayName("Line protocol: nanosecond timestamps of any sign")
    void timestamps_areWrittenInNanoseconds() {
        assertEquals("m f=1i 0\n", encode("m", new Tags(), new Fields().addLong("f", 1), 0));
        assertEquals("m f=1i -1\n", encode("m", new Tags(), new Fields().addLong("f", 1), -1));
        assertEquals(
                "m f=1i 4102444799999999999\n",
                encode("m", new Tags(), new Fields().addLong("f", 1), 4_102_444_799_999_999_999L));
    }

    @Test
    @DisplayName("A point without fields cannot be written in line protocol")
    void noFields_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> encode("m", new Tags(), new Fields(), 1));
    }

    @Test
    @DisplayName("The smallest buffer, drained mid-line and mid-character, gives the same bytes as a large one")
    void tinyBuffer_givesTheSameBytes() throws IOException {
        String longText = "zähne 🦷, \"quoted\" \\ and\ncontrol ".repeat(40);
        Tags tags = new Tags().add("toothbrush_id", longText);
        Fields fields = new Fields()
                .addLong("tick", 123456789)
                .addDouble("percent_clean", 0.123456789)
                .addString(longText, longText)
                .addBoolean("b", true);
        byte[] large = encodeBytes(1 << 20, longText, tags, fields);
        for (int capacity = LineProtocolEncoder.MIN_CAPACITY; capacity < 80; capacity++) {
            assertArrayEquals(large, encodeBytes(capacity, longText, tags, fields), "capacity " + capacity);
        }
        String line = new String(large, StandardCharsets.UTF_8);
        assertEquals(1, line.chars().filter(c -> c == '\n').count(), "one point, one line");
    }

    @Test
    @DisplayName("cached texts and floats give the same bytes as encoding afresh, point after point, across drains")
    void caches_neverChangeTheOutput() throws IOException {
        java.util.Random random = new java.util.Random(42);
        String measurement = "brushing";
        String key = "a b,c=d\\";
        String id = "tb 1";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineProtocolEncoder encoder = new LineProtocolEncoder(
                LineProtocolEncoder.MIN_CAPACITY, (bytes, length) -> out.write(bytes, 0, length));
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            // Few distinct values (cache hits), random ones (misses and slot collisions), all magnitudes.
            double value = i % 3 == 0
                    ? (i % 1000) / 1000.0
                    : i % 3 == 1 ? random.nextDouble() : Math.scalb(random.nextDouble(), random.nextInt(200) - 100);
            // Random longs of every size, small ones, and a realistic clock every 0.25 s crossing the
            // 10 s windows whose leading digits the encoder reuses (and exact window boundaries).
            long time = i % 4 == 0
                    ? random.nextLong()
                    : i % 4 == 1
                            ? i
                            : i % 4 == 2
                                    ? 1_595_896_877_637_000_192L + i * 250_000_000L
                                    : 1_595_896_870_000_000_000L + (i % 50 - 25);
            // The same String instances each point, in two escape positions (key and string value).
            // Mostly one series; now and then another measurement, another tag value or a second tag.
            Tags tags = new Tags().add("toothbrush_id", i % 7 == 0 ? "tb,other" : id);
            if (i % 11 == 0) {
                tags.add("k", id);
            }
            String series = i % 5 == 0 ? "settings" : measurement;
            Fields fields =
                    new Fields().addDouble(key, value).addString("s", key).addLong("n", time);
            encoder.encode(series, time, tags, fields);
            expected.append(encode(series, tags, fields, time));
        }
        encoder.drain();
        assertEquals(expected.toString(), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName(
            "P1: the plain brushing shortcut writes exactly what the generic encoder writes, ids needing escapes too")
    void plainBrushing_equalsGenericEncoding() throws IOException {
        // the smallest buffer takes the token-by-token path; the others the one-check path, drained at
        // every offset of a line as the runs go on
        for (int capacity : new int[] {LineProtocolEncoder.MIN_CAPACITY, 300, 4096, 1 << 20}) {
            plainBrushingEqualsGenericEncoding(capacity);
        }
    }

    private static void plainBrushingEqualsGenericEncoding(int capacity) throws IOException {
        java.util.Random random = new java.util.Random(7);
        String[][] ids = {
            {"tb-42", "ds-1"}, {"tb 1,x=y", "ds \"q\" \\ é"}, {"tb\\", "ds-2"}, {"tb-" + "x".repeat(200), "ds-3"}
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineProtocolEncoder encoder = new LineProtocolEncoder(capacity, (bytes, length) -> out.write(bytes, 0, length));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        LineProtocolEncoder generic =
                new LineProtocolEncoder(1 << 16, (bytes, length) -> expected.write(bytes, 0, length));
        // encode() finds the plain shape itself: what the sink and both line-protocol backends call
        ByteArrayOutputStream detected = new ByteArrayOutputStream();
        LineProtocolEncoder detecting =
                new LineProtocolEncoder(capacity, (bytes, length) -> detected.write(bytes, 0, length));
        for (int i = 0; i < 20_000; i++) {
            String[] id = ids[(i / 1000) % ids.length];
            long tick = random.nextInt(4) == 0 ? random.nextLong() & ((1L << 53) - 1) : i;
            int tooth = random.nextInt(8) == 0 ? random.nextInt() : random.nextInt(32);
            double percent = random.nextBoolean() ? random.nextInt(1001) / 1000.0 : random.nextDouble();
            long time = random.nextInt(4) == 0 ? random.nextLong() : 1_595_896_877_637_000_192L + i * 250_000_000L;
            encoder.encodePlainBrushing(id[0], id[1], time, tick, tooth, percent);
            Tags tags = new Tags().add("toothbrush_id", id[0]);
            Fields fields = new Fields()
                    .addLong("tick", tick)
                    .addLong("tooth", tooth)
                    .addDouble("percent_clean", percent)
                    .addString("dataset_id", id[1]);
            assertTrue(PointSchema.isPlainBrushing("brushing", tags, fields));
            generic.encodeGeneric("brushing", time, tags, fields);
            detecting.encode("brushing", time, tags, fields);
        }
        encoder.drain();
        generic.drain();
        detecting.drain();
        assertEquals(
                expected.toString(StandardCharsets.UTF_8),
                out.toString(StandardCharsets.UTF_8),
                "capacity " + capacity);
        assertEquals(
                expected.toString(StandardCharsets.UTF_8),
                detected.toString(StandardCharsets.UTF_8),
                "capacity " + capacity);
    }

    @Test
    @DisplayName("P1: a point of another shape never takes the plain brushing shortcut")
    void otherShapes_areNotPlainBrushing() {
        Tags tags = new Tags().add("toothbrush_id", "tb");
        assertFalse(PointSchema.isPlainBrushing("settings", tags, plain()));
        assertFalse(PointSchema.isPlainBrushing("brushing", new Tags().add("device", "tb"), plain()));
        assertFalse(PointSchema.isPlainBrushing("brushing", tags, plain().addString("extra", "x")));
        assertFalse(PointSchema.isPlainBrushing(
                "brushing",
                tags,
                new Fields()
                        .addLong("tick", 1)
                        .addLong("tooth", 1L << 40)
                        .addDouble("percent_clean", 0.5)
                        .addString("dataset_id", "ds")));
        assertFalse(PointSchema.isPlainBrushing(
                "brushing",
                tags,
                new Fields()
                        .addLong("tooth", 1)
                        .addLong("tick", 1)
                        .addDouble("percent_clean", 0.5)
                        .addString("dataset_id", "ds")));
        assertFalse(PointSchema.isPlainBrushing(
                "brushing",
                tags,
                new Fields()
                        .addLong("tick", 1)
                        .addLong("tooth", 1)
                        .addLong("percent_clean", 1)
                        .addString("dataset_id", "ds")));
        assertTrue(PointSchema.isPlainBrushing("brushing", tags, plain()));
    }

    private static Fields plain() {
        return new Fields()
                .addLong("tick", 1)
                .addLong("tooth", 1)
                .addDouble("percent_clean", 0.5)
                .addString("dataset_id", "ds");
    }

    @Test
    @DisplayName("Line protocol: every integer and timestamp as Long.toString, every float as Double.toString")
    void numbers_areTheJdksText() {
        java.util.Random random = new java.util.Random(11);
        List<Long> longs =
                new java.util.ArrayList<>(List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
        for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10; power *= 10) {
            for (long near : new long[] {power - 1, power, power + 1, 10 * power - 1}) {
                longs.add(near);
                longs.add(-near);
            }
        }
        for (int i = 0; i < 20_000; i++) {
            // every length: a random long shifted right by 0..63 bits, either sign
            long value = random.nextLong() >>> random.nextInt(64);
            longs.add(random.nextBoolean() ? value : -value);
        }
        for (long value : longs) {
            double real = Double.longBitsToDouble(random.nextLong());
            double number = Double.isNaN(real) ? value : real;
            assertEquals(
                    "m i=" + value + "i,f=" + number + " " + value + "\n",
                    encode("m", new Tags(), new Fields().addLong("i", value).addDouble("f", number), value));
        }
    }

    private static String encode(String measurement, Tags tags, Fields fields, long timeNanos) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LineProtocolEncoder encoder = new LineProtocolEncoder(1024, (bytes, length) -> out.write(bytes, 0, length));
            encoder.encode(measurement, timeNanos, tags, fields);
            encoder.drain();
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] encodeBytes(int capacity, String measurement, Tags tags, Fields fields) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineProtocolEncoder encoder = new LineProtocolEncoder(capacity, (bytes, length) -> out.write(bytes, 0, length));
        encoder.encode(measurement, 1595896877637498000L, tags, fields);
        encoder.drain();
        return out.toByteArray();
    }
}
