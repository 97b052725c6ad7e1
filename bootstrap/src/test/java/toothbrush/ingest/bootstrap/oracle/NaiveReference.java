package toothbrush.ingest.bootstrap.oracle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A deliberately slow, whole-in-memory reading of SPEC.md: the expected report and points of
 * one dataset, written without looking at the production engine.
 */
final class NaiveReference {

    static final int MAX_LINE_BYTES = 65_536;
    static final long MAX_TICK = 1L << 53;
    static final long MAX_TICK_JUMP = 10_000;
    /** B10: S2's timestamp range in nanoseconds, [2000-01-01, 2100-01-01). */
    static final BigInteger MIN_TIME_NANOS = BigInteger.valueOf(946_684_800L).multiply(BigInteger.TEN.pow(9));

    static final BigInteger MAX_TIME_NANOS_EXCLUSIVE =
            BigInteger.valueOf(4_102_444_800L).multiply(BigInteger.TEN.pow(9));
    /** The naive R4 loop walks every tick; beyond this range the generator made a mistake. */
    static final long MAX_NAIVE_RANGE = 5_000_000;

    /** B6 number syntax; [0-9] because L7 says digits are ASCII only. */
    private static final Pattern B6_NUMBER = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    /** B4/B5 integer syntax: digits, optionally a dot and zeros only. */
    private static final Pattern B4_INTEGER = Pattern.compile("([0-9]+)(\\.0*)?");

    /**
     * S1 is RFC 8259 with no limits of its own: lift Jackson's default nesting depth and number length caps
     * (a line of at most 65,536 bytes bounds both anyway).
     */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(Integer.MAX_VALUE)
                            .maxNumberLength(Integer.MAX_VALUE)
                            .maxStringLength(Integer.MAX_VALUE)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private static final Set<String> SETTINGS_KNOWN_KEYS = Set.of("timestamp", "tick", "battery", "tick_interval");
    private static final Set<String> SETTINGS_RESERVED_KEYS = Set.of("time", "toothbrush_id", "dataset_id", "");
    private static final Set<String> BRUSHING_IGNORED_NAMES =
            Set.of("time", "toothbrush_id", "tick", "tooth", "percent_clean", "dataset_id");

    /** What the reference expects from the engine for one dataset. */
    record Expected(ObjectNode report, List<OraclePoint> points, int exitCode) {}

    /**
     * An accepted settings event (A1): tick, timestamp and the interval in force after it, as the exact
     * decimals of the JSON text (A3), and the battery in force after it (S10; null while unknown).
     */
    private record Anchor(long tick, BigDecimal timestamp, BigDecimal interval, Double battery) {}

    /** An accepted brushing event before it is given a time. */
    private record BrushingEvent(long tick, long tooth, double percent, Map<String, Object> extras) {}

    /** Per-stream counters of R5. */
    static final class Counts {
        int lines;
        int accepted;
        int rejected;
        int blank;
        int header;
        int invalidFields;
        final Map<String, Integer> byReason = new TreeMap<>();

        void reject(String reason) {
            rejected++;
            byReason.merge(reason, 1, Integer::sum);
        }

        ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("lines", lines);
            node.put("accepted", accepted);
            node.put("rejected", rejected);
            node.put("blank", blank);
            node.put("header", header);
            node.put("invalid_fields", invalidFields);
            ObjectNode reasons = node.putObject("rejected_by_reason");
            byReason.forEach(reasons::put);
            return node;
        }
    }

    private NaiveReference() {}

    /** Computes the expected report and points; gzip content (magic bytes) is inflated first. */
    static Expected compute(byte[] brushing, byte[] settings, String toothbrushId, String datasetId) {
        byte[] brushingBytes = gunzipIfCompressed(brushing);
        byte[] settingsBytes = gunzipIfCompressed(settings);

        Counts settingsCounts = new Counts();
        List<Anchor> anchors = new ArrayList<>();
        List<OraclePoint> points = new ArrayList<>();
        readSettings(settingsBytes, settingsCounts, anchors, points, toothbrushId, datasetId);

        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("dataset_id", datasetId);
        report.put("toothbrush_id", toothbrushId);
        if (anchors.isEmpty()) {
            // A7: unsalvageable, nothing written, brushing not read.
            report.put("outcome", "failed");
            report.put("reason", "no_initial_state");
            report.putNull("start");
            report.putNull("end");
            report.putNull("lost_seconds");
            report.put("points_written", 0);
            report.set("brushing", new Counts().toJson());
            report.set("settings", settingsCounts.toJson());
            report.putNull("profile"); // R6
            return new Expected(report, List.of(), 3);
        }

        Anchor first = anchors.get(0);
        TreeMap<Long, Anchor> byTick = new TreeMap<>();
        for (Anchor anchor : anchors) {
            byTick.put(anchor.tick(), anchor);
        }

        Counts brushingCounts = new Counts();
        List<BrushingEvent> brushingEvents = new ArrayList<>();
        readBrushing(brushingBytes, brushingCounts, byTick, first, brushingEvents);

        for (BrushingEvent event : brushingEvents) {
            Map<String, Object> fields = new LinkedHashMap<>(event.extras());
            fields.put("tick", event.tick());
            fields.put("tooth", event.tooth());
            fields.put("percent_clean", event.percent());
            fields.put("dataset_id", datasetId);
            points.add(new OraclePoint(
                    "brushing",
                    Map.of("toothbrush_id", toothbrushId),
                    fields,
                    nanos(time(byTick, first, event.tick())).longValueExact()));
        }

        // R1, R2: iterate all accepted events of both streams, exactly (P3).
        BigDecimal start = null;
        BigDecimal end = null;
        long t0 = Long.MAX_VALUE;
        long t1 = Long.MIN_VALUE;
        for (Anchor anchor : anchors) {
            start = min(start, anchor.timestamp());
            end = max(end, anchor.timestamp().add(anchor.interval()));
            t0 = Math.min(t0, anchor.tick());
            t1 = Math.max(t1, anchor.tick());
        }
        Set<Long> brushingTicks = new HashSet<>();
        for (BrushingEvent event : brushingEvents) {
            BigDecimal time = time(byTick, first, event.tick());
            start = min(start, time);
            end = max(end, time.add(anchor(byTick, first, event.tick()).interval()));
            t0 = Math.min(t0, event.tick());
            t1 = Math.max(t1, event.tick());
            brushingTicks.add(event.tick());
        }
        // R3, R4: walk every tick of the range, count lost ticks per interval, then sum exactly and round once.
        if (t1 - t0 > MAX_NAIVE_RANGE) {
            throw new IllegalStateException("tick range [" + t0 + ", " + t1 + "] too large for the naive reference");
        }
        Map<BigDecimal, Long> lostTicksByInterval = new HashMap<>();
        for (long m = t0; m <= t1; m++) {
            if (!brushingTicks.contains(m)) {
                lostTicksByInterval.merge(anchor(byTick, first, m).interval().stripTrailingZeros(), 1L, Long::sum);
            }
        }
        BigDecimal lost = BigDecimal.ZERO;
        for (Map.Entry<BigDecimal, Long> entry : lostTicksByInterval.entrySet()) {
            lost = lost.add(entry.getKey().multiply(BigDecimal.valueOf(entry.getValue())));
        }

        report.put("outcome", "completed");
        report.putNull("reason");
        report.put("start", seconds(start));
        report.put("end", seconds(end));
        report.put("lost_seconds", seconds(lost));
        report.put("points_written", anchors.size() + brushingEvents.size());
        report.set("brushing", brushingCounts.toJson());
        report.set("settings", settingsCounts.toJson());
        report.set("profile", profile(byTick, first, brushingEvents, t0, t1));
        return new Expected(report, points, 0);
    }

    /**
     * R6, V1-V5 read naively: the final range known up front, the width the smallest power of two that gives
     * at most 1,024 bins, every tick walked, lost seconds summed exactly and rounded at each bin's end.
     */
    private static ObjectNode profile(
            TreeMap<Long, Anchor> anchors, Anchor first, List<BrushingEvent> events, long t0, long t1) {
        Map<Long, BrushingEvent> byTick = new HashMap<>();
        for (BrushingEvent event : events) {
            byTick.put(event.tick(), event);
        }
        long width = 1;
        while ((t1 - t0) / width >= 1_024) {
            width *= 2;
        }
        ObjectNode profile = JsonNodeFactory.instance.objectNode();
        profile.put("bin_ticks", width);
        ArrayNode bins = profile.putArray("bins");
        BigDecimal lost = BigDecimal.ZERO;
        BigDecimal lostBefore = BigDecimal.ZERO;
        for (long binFirst = t0; binFirst <= t1; binFirst += width) {
            long binLast = Math.min(binFirst + width - 1, t1);
            long accepted = 0;
            long lostTicks = 0;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            for (long m = binFirst; m <= binLast; m++) {
                BrushingEvent event = byTick.get(m);
                if (event == null) {
                    lostTicks++;
                    lost = lost.add(anchor(anchors, first, m).interval());
                } else {
                    accepted++;
                    sum += event.percent();
                    min = Math.min(min, event.percent());
                }
            }
            BigDecimal lostUpTo = lost.setScale(9, RoundingMode.HALF_EVEN);
            Anchor atEnd = anchor(anchors, first, binLast);
            ObjectNode bin = bins.addObject();
            bin.put("first_tick", binFirst);
            bin.put("last_tick", binLast);
            bin.put("start", seconds(time(anchors, first, binFirst)));
            bin.put("end", seconds(time(anchors, first, binLast).add(atEnd.interval())));
            bin.put("accepted", accepted);
            bin.put("lost_ticks", lostTicks);
            bin.put("lost_seconds", seconds(lostUpTo.subtract(lostBefore)));
            if (accepted == 0) {
                bin.putNull("clean_mean");
                bin.putNull("clean_min");
            } else {
                bin.put("clean_mean", Math.max(min, Math.min(1.0, sum / accepted)));
                bin.put("clean_min", min);
            }
            if (atEnd.battery() == null) {
                bin.putNull("battery");
            } else {
                bin.put("battery", atEnd.battery());
            }
            lostBefore = lostUpTo;
        }
        ArrayNode teeth = profile.putArray("teeth");
        for (int tooth = 0; tooth < 32; tooth++) {
            long count = 0;
            Double last = null;
            for (BrushingEvent event : events) { // in tick order (B7)
                if (event.tooth() == tooth) {
                    count++;
                    last = event.percent();
                }
            }
            ObjectNode entry = teeth.addObject();
            entry.put("tooth", tooth);
            entry.put("events", count);
            if (last == null) {
                entry.putNull("last_clean");
            } else {
                entry.put("last_clean", last);
            }
        }
        return profile;
    }

    // ---------------------------------------------------------------- alignment (A2-A4)

    /**
     * A2: the last anchor in stream order with tick <= t, else the first anchor. The map holds, per tick, the
     * last anchor in stream order at that tick (later puts overwrite earlier ones).
     */
    private static Anchor anchor(TreeMap<Long, Anchor> anchors, Anchor first, long t) {
        Map.Entry<Long, Anchor> floor = anchors.floorEntry(t);
        return floor == null ? first : floor.getValue();
    }

    /** A3, exactly. */
    private static BigDecimal time(TreeMap<Long, Anchor> anchors, Anchor first, long t) {
        Anchor a = anchor(anchors, first, t);
        return a.timestamp().add(BigDecimal.valueOf(t - a.tick()).multiply(a.interval()));
    }

    /** P3: the exact seconds rounded once to the nanosecond, half to even. */
    static BigInteger nanos(BigDecimal seconds) {
        return seconds.setScale(9, RoundingMode.HALF_EVEN).unscaledValue();
    }

    /** F3: seconds as the report prints them, rounded once to the nanosecond, without trailing zeros. */
    static BigDecimal seconds(BigDecimal exact) {
        BigDecimal rounded = exact.setScale(9, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }

    private static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a == null || b.compareTo(a) < 0 ? b : a;
    }

    private static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    // ---------------------------------------------------------------- lines (L1-L6)

    /** Inflates the bytes when they start with the gzip magic number. */
    static byte[] gunzipIfCompressed(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("test data is not valid gzip", e);
            }
        }
        return bytes;
    }

    /** L1, L2, L6: the physical lines of a stream, BOM and one trailing CR removed. */
    static List<byte[]> splitLines(byte[] stream) {
        int position = 0;
        if (stream.length >= 3
                && (stream[0] & 0xff) == 0xef
                && (stream[1] & 0xff) == 0xbb
                && (stream[2] & 0xff) == 0xbf) {
            position = 3;
        }
        List<byte[]> lines = new ArrayList<>();
        while (position < stream.length) {
            int newline = position;
            while (newline < stream.length && stream[newline] != '\n') {
                newline++;
            }
            int end = newline;
            if (end > position && stream[end - 1] == '\r') {
                end--;
            }
            lines.add(Arrays.copyOfRange(stream, position, end));
            position = newline + 1;
        }
        return lines;
    }

    /** L4 whitespace. */
    static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == 0x0b || c == 0x0c;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (!isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** L5: strict UTF-8 decoding, or null when the bytes are not valid UTF-8. */
    static String decodeUtf8(byte[] line) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Trims L4 whitespace (not String.trim, which also removes other control characters). */
    static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    /** L7: case-insensitive for ASCII letters only. */
    static boolean equalsAsciiIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (asciiLower(a.charAt(i)) != asciiLower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- brushing (B1-B9)

    /** B1: the trimmed fields of a line, or null when the quoting is malformed. */
    static List<String> parseCsv(String line) {
        List<String> fields = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                StringBuilder content = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            content.append('"');
                            i += 2;
                        } else {
                            i++;
                            closed = true;
                            break;
                        }
                    } else {
                        content.append(c);
                        i++;
                    }
                }
                if (!closed) {
                    return null;
                }
                while (i < n && isWhitespace(line.charAt(i))) {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    return null;
                }
                fields.add(trim(content.toString()));
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                fields.add(trim(line.substring(i, end)));
                i = end;
            }
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }

    static boolean isB6Number(String text) {
        return B6_NUMBER.matcher(text).matches();
    }

    /** B4/B5 integer, or null when the syntax is wrong or the value exceeds 2^53. */
    static Long parseB4Integer(String text) {
        var matcher = B4_INTEGER.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        BigInteger value = new BigInteger(matcher.group(1));
        if (value.compareTo(BigInteger.valueOf(MAX_TICK)) > 0) {
            return null;
        }
        return value.longValue();
    }

    private static void readBrushing(
            byte[] stream, Counts counts, TreeMap<Long, Anchor> anchors, Anchor first, List<BrushingEvent> out) {
        long firstAnchorTick = first.tick();
        String headerText = null;
        List<String> headerNames = null;
        boolean headerCandidateSeen = false;
        int tickColumn = 0;
        int toothColumn = 1;
        int percentColumn = 2;
        Map<String, String> pinnedTypes = new HashMap<>();
        Long lastTick = null;

        for (byte[] bytes : splitLines(stream)) {
            counts.lines++;
            if (bytes.length > MAX_LINE_BYTES) {
                counts.reject("too_long");
                continue;
            }
            if (isBlank(bytes)) {
                counts.blank++;
                continue;
            }
            String text = decodeUtf8(bytes);
            if (text == null) {
                counts.reject("malformed");
                continue;
            }
            if (headerText != null && equalsAsciiIgnoreCase(trim(text), headerText)) {
                counts.header++;
                continue;
            }
            List<String> fields = parseCsv(text);
            if (fields == null) {
                counts.reject("malformed");
                continue;
            }
            if (!headerCandidateSeen) {
                headerCandidateSeen = true;
                if (!isB6Number(fields.get(0))) {
                    counts.header++;
                    headerText = trim(text);
                    headerNames = fields;
                    int tick = -1;
                    int tooth = -1;
                    int percent = -1;
                    for (int c = 0; c < fields.size(); c++) {
                        String name = fields.get(c);
                        if (tick < 0 && equalsAsciiIgnoreCase(name, "tick")) {
                            tick = c;
                        } else if (tooth < 0
                                && (equalsAsciiIgnoreCase(name, "tooth")
                                        || equalsAsciiIgnoreCase(name, "tooth_index"))) {
                            tooth = c;
                        } else if (percent < 0
                                && (equalsAsciiIgnoreCase(name, "percent_clean")
                                        || equalsAsciiIgnoreCase(name, "clean")
                                        || equalsAsciiIgnoreCase(name, "percent"))) {
                            percent = c;
                        }
                    }
                    if (tick >= 0 && tooth >= 0 && percent >= 0) {
                        tickColumn = tick;
                        toothColumn = tooth;
                        percentColumn = percent;
                    }
                    continue;
                }
            }
            // B3
            int needed = Math.max(tickColumn, Math.max(toothColumn, percentColumn));
            if (fields.size() <= needed) {
                counts.reject("malformed");
                continue;
            }
            boolean unnamedValue = false;
            for (int c = 0; c < fields.size(); c++) {
                if (c == tickColumn
                        || c == toothColumn
                        || c == percentColumn
                        || fields.get(c).isEmpty()) {
                    continue;
                }
                if (columnName(headerNames, c) == null) {
                    unnamedValue = true;
                }
            }
            if (unnamedValue) {
                counts.reject("malformed");
                continue;
            }
            // B4
            Long tick = parseB4Integer(fields.get(tickColumn));
            if (tick == null) {
                counts.reject("bad_tick");
                continue;
            }
            // B5
            Long tooth = parseB4Integer(fields.get(toothColumn));
            if (tooth == null || tooth > 31) {
                counts.reject("bad_tooth");
                continue;
            }
            // B6
            String percentText = fields.get(percentColumn);
            if (!isB6Number(percentText)) {
                counts.reject("bad_percent");
                continue;
            }
            double percent = Double.parseDouble(percentText);
            if (!(percent >= 0.0 && percent <= 1.0)) {
                counts.reject("bad_percent");
                continue;
            }
            // B7
            if (lastTick != null && tick.longValue() == lastTick.longValue()) {
                counts.reject("duplicate");
                continue;
            }
            if (lastTick != null && tick < lastTick) {
                counts.reject("out_of_order");
                continue;
            }
            // B8
            long reference = lastTick != null ? lastTick : firstAnchorTick;
            if (tick > reference + MAX_TICK_JUMP) {
                counts.reject("implausible_tick");
                continue;
            }
            // B10: the settings stream is whole in memory here, so time(tick) is known at once.
            BigInteger nanos = nanos(time(anchors, first, tick));
            if (nanos.compareTo(MIN_TIME_NANOS) < 0 || nanos.compareTo(MAX_TIME_NANOS_EXCLUSIVE) >= 0) {
                counts.reject("bad_time");
                if (tick >= firstAnchorTick) {
                    lastTick = tick;
                }
                continue;
            }
            counts.accepted++;
            lastTick = tick;

            Map<String, Object> extras = new LinkedHashMap<>();
            for (int c = 0; c < fields.size(); c++) {
                if (c == tickColumn || c == toothColumn || c == percentColumn) {
                    continue;
                }
                String value = fields.get(c);
                String name = columnName(headerNames, c);
                if (value.isEmpty() || name == null || isIgnoredColumn(headerNames, c) || hasControlCharacter(value)) {
                    continue;
                }
                Object typed = value;
                if (isB6Number(value) && Double.isFinite(Double.parseDouble(value))) {
                    typed = Double.parseDouble(value);
                }
                String type = OraclePoint.typeOf(typed);
                String pinned = pinnedTypes.putIfAbsent(name, type);
                if (pinned != null && !pinned.equals(type)) {
                    counts.invalidFields++;
                    continue;
                }
                extras.put(name, typed);
            }
            out.add(new BrushingEvent(tick, tooth, percent, extras));
        }
    }

    /** The header's non-empty name for column c, or null. */
    private static String columnName(List<String> headerNames, int c) {
        if (headerNames == null || c >= headerNames.size() || headerNames.get(c).isEmpty()) {
            return null;
        }
        return headerNames.get(c);
    }

    /** B3: reserved names, the point's own field names and names an earlier column already used. */
    private static boolean isIgnoredColumn(List<String> headerNames, int c) {
        String name = headerNames.get(c);
        if (BRUSHING_IGNORED_NAMES.contains(name)) {
            return true;
        }
        for (int earlier = 0; earlier < c; earlier++) {
            if (headerNames.get(earlier).equals(name)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- settings (S1-S10)

    /** The exact double of a JSON number node (Double.parseDouble of its exact decimal text). */
    private static double doubleOf(JsonNode number) {
        if (number.isBigInteger() || number.isInt() || number.isLong()) {
            return Double.parseDouble(number.bigIntegerValue().toString());
        }
        return Double.parseDouble(number.decimalValue().toString());
    }

    private static boolean isJsonInteger(JsonNode number) {
        return number.isBigInteger() || number.isInt() || number.isLong() || number.isShort();
    }

    /** S3: the tick, or null when invalid. */
    private static Long settingsTick(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        if (isJsonInteger(node)) {
            BigInteger value = node.bigIntegerValue();
            if (value.signum() < 0 || value.compareTo(BigInteger.valueOf(MAX_TICK)) > 0) {
                return null;
            }
            return value.longValue();
        }
        double value = doubleOf(node);
        if (!Double.isFinite(value) || value != Math.floor(value) || !(value >= 0 && value <= MAX_TICK)) {
            return null;
        }
        return (long) value;
    }

    private static void readSettings(
            byte[] stream,
            Counts counts,
            List<Anchor> anchors,
            List<OraclePoint> points,
            String toothbrushId,
            String datasetId) {
        Double battery = null;
        BigDecimal interval = null;
        Long lastTick = null;
        Double lastTimestamp = null;
        Map<String, String> pinnedTypes = new HashMap<>();

        for (byte[] bytes : splitLines(stream)) {
            counts.lines++;
            if (bytes.length > MAX_LINE_BYTES) {
                counts.reject("too_long");
                continue;
            }
            if (isBlank(bytes)) {
                counts.blank++;
                continue;
            }
            String text = decodeUtf8(bytes);
            if (text == null) {
                counts.reject("malformed");
                continue;
            }
            // S1
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                root = null;
            }
            if (root == null || !root.isObject()) {
                counts.reject("malformed");
                continue;
            }
            // S2
            JsonNode timestampNode = root.get("timestamp");
            if (timestampNode == null || !timestampNode.isNumber()) {
                counts.reject("bad_timestamp");
                continue;
            }
            double timestamp = doubleOf(timestampNode);
            if (!(Double.isFinite(timestamp) && timestamp >= 946_684_800.0 && timestamp < 4_102_444_800.0)) {
                counts.reject("bad_timestamp");
                continue;
            }
            // A3: validation compares the double, times use the exact decimal of the text.
            BigDecimal exactTimestamp = timestampNode.decimalValue();
            // S3
            Long tick = settingsTick(root.get("tick"));
            if (tick == null) {
                counts.reject("bad_tick");
                continue;
            }
            // S4, S5, S8 field drops, counted even if the line is rejected afterwards.
            Double newBattery = null;
            if (root.has("battery")) {
                JsonNode node = root.get("battery");
                double value = node.isNumber() ? doubleOf(node) : Double.NaN;
                if (value >= 0.0 && value <= 1.0) {
                    newBattery = value;
                } else {
                    counts.invalidFields++;
                }
            }
            BigDecimal newInterval = null;
            if (root.has("tick_interval")) {
                JsonNode node = root.get("tick_interval");
                double value = node.isNumber() ? doubleOf(node) : Double.NaN;
                if (Double.isFinite(value) && value > 0.0 && value <= 60.0) {
                    newInterval = node.decimalValue();
                } else {
                    counts.invalidFields++;
                }
            }
            Map<String, Object> extras = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : root.properties()) {
                String key = entry.getKey();
                JsonNode value = entry.getValue();
                if (SETTINGS_KNOWN_KEYS.contains(key)) {
                    continue;
                }
                if (SETTINGS_RESERVED_KEYS.contains(key)) {
                    counts.invalidFields++;
                    continue;
                }
                Object typed;
                if (value.isNumber()) {
                    double d = doubleOf(value);
                    if (Double.isInfinite(d)) {
                        counts.invalidFields++;
                        continue;
                    }
                    typed = d;
                } else if (value.isTextual()) {
                    String s = value.textValue();
                    if (hasControlCharacter(s) || hasUnpairedSurrogate(s)) {
                        counts.invalidFields++;
                        continue;
                    }
                    typed = s;
                } else if (value.isBoolean()) {
                    typed = value.booleanValue();
                } else {
                    counts.invalidFields++; // null, object, array
                    continue;
                }
                String pinned = pinnedTypes.get(key);
                if (pinned != null && !pinned.equals(OraclePoint.typeOf(typed))) {
                    counts.invalidFields++;
                    continue;
                }
                extras.put(key, typed);
            }
            // S6
            if (anchors.isEmpty() && newInterval == null) {
                counts.reject("no_initial_state");
                continue;
            }
            // S7
            if (lastTick != null && tick < lastTick) {
                counts.reject("out_of_order");
                continue;
            }
            if (lastTimestamp != null && timestamp < lastTimestamp) {
                counts.reject("clock_regression");
                continue;
            }
            if (lastTick != null && tick > lastTick + MAX_TICK_JUMP) {
                counts.reject("implausible_tick");
                continue;
            }
            // Accepted: S10 state, type pins, A1 anchor, P2 point.
            counts.accepted++;
            lastTick = tick;
            lastTimestamp = timestamp;
            if (newBattery != null) {
                battery = newBattery;
            }
            if (newInterval != null) {
                interval = newInterval;
            }
            extras.forEach((key, value) -> pinnedTypes.putIfAbsent(key, OraclePoint.typeOf(value)));
            anchors.add(new Anchor(tick, exactTimestamp, interval, battery));

            Map<String, Object> fields = new LinkedHashMap<>(extras);
            fields.put("tick", tick);
            if (battery != null) {
                fields.put("battery", battery);
            }
            fields.put("tick_interval", interval.doubleValue());
            fields.put("dataset_id", datasetId);
            points.add(new OraclePoint(
                    "settings",
                    Map.of("toothbrush_id", toothbrushId),
                    fields,
                    nanos(exactTimestamp).longValueExact()));
        }
    }
}
