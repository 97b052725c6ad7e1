package toothbrush.ingest.bootstrap.oracle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Generates small, realistic brushing sessions from a seed and injects every kind of fault SPEC.md
 * names. It only writes bytes; what the faults mean is for the reference and the engine to decide.
 */
final class FaultyDatasetGenerator {

    /** One generated dataset: the two streams' bytes as they go to disk (maybe gzip) and a short profile. */
    record Dataset(
            long seed, byte[] brushing, byte[] settings, boolean brushingGzip, boolean settingsGzip, String profile) {}

    private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    private static final String[] BLANKS = {"", " ", "\t", "  \t ", "\u000b", "\u000c", " \u000c\u000b\t"};
    private static final String[] INVALID_UTF8 = {
        "\u00ff",
        "\u00c0\u0080",
        "\u0080",
        "\u00e2\u0082",
        "\u00ed\u00a0\u0080",
        "\u00f8\u0088\u0080\u0080\u0080",
        "\u00f4\u0090\u0080\u0080",
        "\u00fe"
    };

    private final Random random;
    private final long seed;
    private final double faultRate;
    private final List<String> profile = new ArrayList<>();

    // brushing layout
    private final List<String> columns = new ArrayList<>(); // "#tick", "#tooth", "#percent" or an extra name
    private final Map<String, String> extraKinds = new LinkedHashMap<>();
    private String headerLine;
    private boolean bigJumpAllowed;

    // settings extras: key -> kind
    private final Map<String, String> settingsExtraKinds = new LinkedHashMap<>();
    /** B10 profiles: the first settings timestamp, when not the usual 2017-2025 one. */
    private double baseTimestamp = Double.NaN;
    /** B10 profiles: the first tick interval, when not a random one. */
    private double firstInterval = Double.NaN;

    private FaultyDatasetGenerator(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        double[] rates = {0.0, 0.02, 0.02, 0.02, 0.08, 0.08, 0.08, 0.25, 0.25, 0.6};
        this.faultRate = rates[random.nextInt(rates.length)];
        this.bigJumpAllowed = random.nextInt(4) == 0;
        profile.add("faultRate=" + faultRate);
    }

    /** The dataset for one seed; the same seed always gives the same bytes. */
    static Dataset generate(long seed) {
        return new FaultyDatasetGenerator(seed).build();
    }

    private Dataset build() {
        int brushCount = pickBrushCount();
        long firstBrushTick = random.nextInt(4) == 0 ? random.nextInt(2000) : 0;
        int timeProfile = random.nextInt(16);
        List<Long> brushTicks =
                timeProfile == 0 ? runawayTicks(firstBrushTick) : brushTicks(firstBrushTick, brushCount);
        long lastBrushTick = brushTicks.isEmpty() ? firstBrushTick : brushTicks.get(brushTicks.size() - 1);

        long firstAnchorTick = switch (random.nextInt(6)) {
            case 0, 1, 2 -> firstBrushTick;
            case 3 -> firstBrushTick + 1 + random.nextInt(100);
            case 4 -> Math.max(0, firstBrushTick - 1 - random.nextInt(100));
            default -> 0;
        };
        switch (timeProfile) {
            case 0 -> {
                // B10 forward: 10,000-tick jumps at 60 s from a few weeks before 2100 run past it.
                baseTimestamp = 4_102_444_800.0 - 1 - random.nextInt(5_000_000);
                firstInterval = 60;
                firstAnchorTick = firstBrushTick;
                profile.add("b10=runaway");
            }
            case 1 -> {
                // B10 backward from a huge first anchor: every brushing tick below it is before 2000 or
                // beyond a long of nanoseconds.
                firstAnchorTick = pick(
                        1L << 53,
                        (1L << 53) - 1 - random.nextInt(1000),
                        1_000_000_000_000_000L + random.nextInt(1000),
                        100_000_000_000L + random.nextInt(1000));
                profile.add("b10=hugeAnchor");
            }
            case 2 -> {
                // B10 backward across 2000-01-01: the first brushing ticks are before it, later ones after.
                baseTimestamp = 946_684_800.0 + random.nextInt(200) + random.nextInt(1000) / 1000.0;
                firstAnchorTick = lastBrushTick - (lastBrushTick - firstBrushTick) / 3;
                profile.add("b10=year2000");
            }
            default -> {}
        }
        profile.add("brushing=" + brushCount + "@" + firstBrushTick + ".." + lastBrushTick);
        profile.add("firstAnchorTick=" + firstAnchorTick);

        byte[] settings = settingsStream(firstAnchorTick, Math.max(lastBrushTick, firstAnchorTick));
        byte[] brushing = brushingStream(brushTicks);

        boolean brushingGzip = random.nextInt(7) == 0;
        boolean settingsGzip = random.nextInt(7) == 0;
        if (brushingGzip) {
            brushing = gzip(brushing, random.nextInt(4) == 0);
        }
        if (settingsGzip) {
            settings = gzip(settings, random.nextInt(4) == 0);
        }
        return new Dataset(seed, brushing, settings, brushingGzip, settingsGzip, String.join(" ", profile));
    }

    private int pickBrushCount() {
        int p = random.nextInt(100);
        if (p < 3) {
            return 0;
        }
        if (p < 18) {
            return random.nextInt(20);
        }
        if (p < 80) {
            return random.nextInt(300);
        }
        return random.nextInt(3001);
    }

    /** B10: a run of 10,000-tick jumps (B8's largest), sometimes followed by a smaller tick and a few more. */
    private List<Long> runawayTicks(long first) {
        List<Long> ticks = new ArrayList<>();
        long tick = first;
        int jumps = 5 + random.nextInt(40);
        for (int i = 0; i < jumps; i++) {
            ticks.add(tick);
            tick += 10_000;
        }
        if (random.nextBoolean()) {
            ticks.add(Math.max(0, tick - 10_000 - 1 - random.nextInt(50_000))); // out_of_order after bad_time
        }
        for (int i = random.nextInt(5); i > 0; i--) {
            ticks.add(tick);
            tick += 1 + random.nextInt(3);
        }
        return ticks;
    }

    private List<Long> brushTicks(long first, int count) {
        List<Long> ticks = new ArrayList<>();
        long tick = first;
        boolean bigGapUsed = false;
        double gapRate = random.nextInt(3) == 0 ? 0.0 : random.nextDouble() * 0.1;
        for (int i = 0; i < count; i++) {
            ticks.add(tick);
            double p = random.nextDouble();
            if (p < gapRate) {
                tick += 2 + random.nextInt(9);
            } else if (p < gapRate + 0.002) {
                tick += 50 + random.nextInt(450);
            } else if (!bigGapUsed && p < gapRate + 0.0025) {
                bigGapUsed = true;
                tick += 5000 + random.nextInt(5000);
            } else {
                tick += 1;
            }
        }
        return ticks;
    }

    // ------------------------------------------------------------------------------------------ settings

    /** A planned settings event; values are JSON texts, absent keys are not written. */
    private static final class SettingsLine {
        final LinkedHashMap<String, String> members = new LinkedHashMap<>();
        long tick;
        double timestamp;
    }

    private byte[] settingsStream(long firstAnchorTick, long lastTick) {
        int count = 1 + (random.nextInt(3) == 0 ? random.nextInt(50) : random.nextInt(8));
        List<Long> ticks = new ArrayList<>();
        ticks.add(firstAnchorTick);
        for (int i = 1; i < count; i++) {
            ticks.add(firstAnchorTick + (long) (random.nextDouble() * (lastTick - firstAnchorTick + 20)));
        }
        Collections.sort(ticks);
        for (int i = 1; i < ticks.size(); i++) {
            if (random.nextInt(12) == 0) {
                ticks.set(i, ticks.get(i - 1));
            }
        }
        int extraCount = random.nextInt(2) == 0 ? 0 : 1 + random.nextInt(3);
        String[] keyPool = {"mode", "firmware", "charging", "note", "temp c", "a,b", "a=b", "émoji", "zone", "Mode"};
        String[] kindPool = {"string", "float", "boolean", "integer", "mixed"};
        for (int i = 0; i < extraCount; i++) {
            settingsExtraKinds.put(keyPool[random.nextInt(keyPool.length)], kindPool[random.nextInt(kindPool.length)]);
        }
        profile.add("settings=" + count + " extras=" + settingsExtraKinds);

        boolean neverInitialState = random.nextInt(30) == 0;
        int missingInitial = random.nextInt(8) == 0 ? 1 + random.nextInt(4) : 0;
        if (neverInitialState) {
            profile.add("neverInitialState");
        }

        double timestamp = 1.5e9 + random.nextInt(250_000_000) + random.nextInt(1000) / 1000.0;
        double interval = randomInterval();
        if (!Double.isNaN(baseTimestamp)) {
            timestamp = baseTimestamp;
        }
        if (!Double.isNaN(firstInterval)) {
            interval = firstInterval;
        }
        double battery = 0.5 + random.nextInt(51) / 100.0;
        List<String> lines = new ArrayList<>();

        // S6: diffs before the initial state, earlier than the first anchor
        for (int i = 0; i < missingInitial; i++) {
            SettingsLine line = new SettingsLine();
            line.tick = Math.max(0, firstAnchorTick - (missingInitial - i));
            line.timestamp = timestamp - (missingInitial - i) * 0.5;
            line.members.put("timestamp", number(line.timestamp));
            line.members.put("tick", Long.toString(line.tick));
            if (random.nextBoolean()) {
                line.members.put("battery", number(battery));
            }
            if (random.nextInt(4) == 0) {
                line.members.put("tick_interval", pick("0", "-1", "null", "\"0.25\"", "61"));
            }
            lines.add(render(line));
        }

        boolean anchorSafe = false;
        long previousTick = firstAnchorTick;
        long lastEmittedTick = firstAnchorTick;
        double lastEmittedTimestamp = timestamp;
        for (int i = 0; i < ticks.size(); i++) {
            long tick = ticks.get(i);
            if (i > 0) {
                double drift = random.nextInt(20) == 0 ? random.nextGaussian() * 0.3 : random.nextGaussian() * 0.002;
                timestamp = Math.max(timestamp, timestamp + (tick - previousTick) * interval + drift);
                timestamp = Math.round(timestamp * 1e6) / 1e6;
            }
            previousTick = tick;
            SettingsLine line = new SettingsLine();
            line.tick = tick;
            line.timestamp = timestamp;
            line.members.put("timestamp", number(timestamp));
            line.members.put("tick", Long.toString(tick));
            boolean carriesInterval = i == 0 || random.nextInt(3) == 0;
            boolean carriesBattery = i == 0 ? random.nextInt(5) != 0 : random.nextInt(2) == 0;
            if (carriesBattery) {
                battery = Math.max(0, Math.round(battery * 100) - random.nextInt(5)) / 100.0;
                line.members.put("battery", number(battery));
            }
            if (carriesInterval) {
                if (i > 0) {
                    interval = randomInterval();
                }
                line.members.put(
                        "tick_interval", neverInitialState ? pick("0", "null", "-0.5", "\"1\"") : number(interval));
            }
            for (Map.Entry<String, String> extra : settingsExtraKinds.entrySet()) {
                if (random.nextInt(3) != 0) {
                    line.members.put(extra.getKey(), extraJsonValue(extra.getValue()));
                }
            }
            shuffleMembers(line);

            boolean faulted = random.nextDouble() < faultRate;
            if (faulted) {
                lines.addAll(settingsFault(line, anchorSafe, lastEmittedTick, lastEmittedTimestamp));
            } else {
                lines.add(render(line));
                if (carriesInterval && !neverInitialState) {
                    anchorSafe = true;
                }
            }
            lastEmittedTick = tick;
            lastEmittedTimestamp = timestamp;
            if (random.nextDouble() < faultRate / 4) {
                lines.add(pick(BLANKS));
            }
        }
        if (random.nextInt(100) == 0) {
            // nothing usable at all (A7): empty, only a BOM, only blank lines
            profile.add("settings:empty");
            return pick(new byte[0], BOM, "\n \n\t\r\n".getBytes(StandardCharsets.UTF_8));
        }
        return assemble(lines, false);
    }

    private double randomInterval() {
        if (random.nextBoolean()) {
            return pick(0.05, 0.1, 0.2, 0.25, 0.5, 1.0);
        }
        return (50 + random.nextInt(951)) / 1000.0;
    }

    private String extraJsonValue(String kind) {
        return switch (kind) {
            case "string" ->
                jsonString(pick(
                        "soft",
                        "turbo",
                        "",
                        "white",
                        "günther",
                        "with \"quote\"",
                        "back\\slash",
                        "tab\\t".replace("\\t", " "),
                        "\ud83d\ude00"));
            case "float" -> pick("2.5", "0.125", "-3.75", "1e3", "2E-3", "-0.0");
            case "integer" -> pick("2", "0", "-7", "123456789012345678901234567890", "-0");
            case "boolean" -> pick("true", "false");
            default -> random.nextInt(4) == 0 ? jsonString("v" + random.nextInt(3)) : pick("1", "2.5", "true");
        };
    }

    private List<String> settingsFault(SettingsLine line, boolean anchorSafe, long lastTick, double lastTimestamp) {
        List<String> out = new ArrayList<>();
        int kind = random.nextInt(20);
        switch (kind) {
            case 0 ->
                out.add(pick(
                        "not json",
                        "{",
                        "}",
                        "{\"timestamp\":",
                        "[1,2,3]",
                        "42",
                        "\"text\"",
                        "null",
                        "true",
                        "{'tick':1}",
                        "{tick:1}",
                        "{\"a\":1,}",
                        "{\"a\":01}",
                        "{\"a\":.5}",
                        "{\"a\":1.}",
                        "{\"a\":+1}",
                        "{\"a\":\"raw\ttab\"}",
                        "{\"a\":\"\\x\"}",
                        "\ufeff{}",
                        "{\"a\":1}\u000c"));
            case 1 -> {
                String text = render(line);
                out.add(text + pick(" x", "{}", ",", " //c", "]", " {\"tick\":1}", "\u000b", "\u0000"));
            }
            case 2 -> {
                String text = render(line);
                out.add(pick("/*c*/", "[", "\u00a0") + text);
            }
            case 3 -> {
                line.members.put(
                        "timestamp",
                        pick(
                                "\"" + number(line.timestamp) + "\"",
                                "true",
                                "null",
                                "946684799.999",
                                "4102444800",
                                "4102444800.5",
                                "1e10",
                                "-5",
                                "0",
                                "1e400",
                                "{}",
                                "[1595896877]",
                                "NaN"));
                if (random.nextInt(5) == 0) {
                    line.members.remove("timestamp");
                }
                out.add(render(line));
            }
            case 4 -> {
                line.members.put(
                        "tick",
                        pick(
                                line.tick + ".5",
                                line.tick + ".0",
                                tickExponent(line.tick),
                                "\"" + line.tick + "\"",
                                "-1",
                                "9007199254740993",
                                "123456789012345678901234567890",
                                "null",
                                "true",
                                "1e400",
                                "-0",
                                "-0.0",
                                line.tick + "e0"));
                if (random.nextInt(8) == 0) {
                    line.members.remove("tick");
                }
                out.add(render(line));
            }
            case 5 -> {
                line.members.put(
                        "battery",
                        pick(
                                "null",
                                "1.5",
                                "-0.1",
                                "\"0.5\"",
                                "true",
                                "{}",
                                "1e400",
                                "1",
                                "0",
                                "-0.0",
                                "1.0000001",
                                "[0.5]"));
                out.add(render(line));
            }
            case 6 -> {
                line.members.put(
                        "tick_interval",
                        pick(
                                "0",
                                "61",
                                "-0.25",
                                "null",
                                "\"0.25\"",
                                "60",
                                "60.0000001",
                                "1e-3",
                                "0.0",
                                "false",
                                "1e400",
                                "-0",
                                "6e1",
                                "0.6e2",
                                "[0.5]",
                                "{\"v\":0.5}"));
                out.add(render(line));
            }
            case 7 -> {
                // duplicated keys: the last one wins
                String key = pick("tick", "battery", "tick_interval", "timestamp", "mode");
                String value = line.members.getOrDefault(key, "\"x\"");
                String decoy = pick("null", "\"bad\"", "-1", "0.5", "1e400");
                String text = render(line);
                String dup = "\"" + key + "\":" + (random.nextBoolean() ? decoy : value);
                if (random.nextBoolean()) {
                    out.add("{" + dup + "," + text.substring(1));
                } else {
                    out.add(text.substring(0, text.length() - 1) + "," + dup + "}");
                }
            }
            case 8 -> {
                // extra keys of every JSON type, reserved keys, control characters and surrogates
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    String key = pick(
                            "time",
                            "toothbrush_id",
                            "dataset_id",
                            "",
                            "obj",
                            "arr",
                            "nul",
                            "ctl",
                            "sur",
                            "pair",
                            "big",
                            "huge",
                            "neg0",
                            "flag",
                            "empty",
                            "mode",
                            "tick ",
                            "Battery");
                    String value = pick(
                            "{\"a\":1}",
                            "[1,\"x\"]",
                            "null",
                            "\"a\\u0001b\"",
                            "\"\\ud800\"",
                            "\"\\udc00x\"",
                            "\"\\ud83d\\ude00\"",
                            "1e400",
                            "-1e400",
                            "123456789012345678901234567890",
                            "-0",
                            "true",
                            "\"\"",
                            "\"\\t\"",
                            "7",
                            "\"\\u001f\"",
                            "\"\\u007f\"",
                            "1e-400",
                            "{}",
                            "[]",
                            "\"a\\/b\"",
                            "1E+2",
                            "-0.0e-0",
                            "\"\\u00e9\"",
                            "\"😀\"",
                            "[[[[{}]]]]",
                            "false");
                    line.members.put(key, value);
                }
                if (random.nextInt(8) == 0) {
                    // valid JSON beyond common parser defaults: 1,500 levels deep, 1,200-digit numbers
                    int depth = 1500;
                    line.members.put("deep", "[".repeat(depth) + "]".repeat(depth));
                    line.members.put("digits", pick("1", "0.", "-9") + "7".repeat(1200) + pick("", "e-1190", "e5"));
                }
                out.add(render(line));
            }
            case 9 -> {
                line.members.put(
                        "timestamp", number(Math.max(946_684_800.5, lastTimestamp - 0.001 - random.nextInt(10))));
                out.add(render(line));
            }
            case 10 -> {
                line.members.put("tick", Long.toString(Math.max(0, lastTick - 1 - random.nextInt(20))));
                out.add(render(line));
            }
            case 11 -> {
                long jump = anchorSafe
                        ? pick(10_000L, 10_001L, 10_002L, 15_000L, 1L << 52, 1L << 53)
                        : 10_000 + random.nextInt(3);
                line.members.put("tick", Long.toString(lastTick + jump > (1L << 53) ? (1L << 53) : lastTick + jump));
                out.add(render(line));
            }
            case 12 -> {
                // an update at the same tick, emitted twice (a later one wins)
                out.add(render(line));
                line.members.put("battery", number(random.nextInt(101) / 100.0));
                if (random.nextBoolean()) {
                    line.members.put("tick_interval", number(randomInterval()));
                }
                out.add(render(line));
            }
            case 13 -> {
                byte[] bad = INVALID_UTF8[random.nextInt(INVALID_UTF8.length)].getBytes(StandardCharsets.ISO_8859_1);
                String text = render(line);
                int at = random.nextInt(text.length() + 1);
                out.add("\u0000RAW" + text.substring(0, at) + new String(bad, StandardCharsets.ISO_8859_1)
                        + text.substring(at));
            }
            case 14 -> {
                // JSON whitespace, and known keys spelled with escapes
                String text = render(line).replace(",", pick(",", ",\r", ", \t", "\r,"));
                text = text.replace(
                        pick("\"tick\"", "\"timestamp\"", "\"battery\"", "\"tick_interval\""),
                        pick("\"\\u0074ick\"", "\"time\\u0073tamp\"", "\"b\\u0061ttery\"", "\"tick\\u005finterval\""));
                out.add(pick(" ", "\t", "  \t", "\r") + text + pick(" ", "\t", "\r", ""));
            }
            case 15 -> {
                // type change of an extra key
                String key = settingsExtraKinds.isEmpty()
                        ? "mode"
                        : settingsExtraKinds.keySet().iterator().next();
                line.members.put(key, pick("1", "\"one\"", "false", "2.5"));
                out.add(render(line));
            }
            case 16 -> {
                line.members.put(
                        "timestamp",
                        pick(
                                Double.toString(line.timestamp),
                                new BigDecimal(number(line.timestamp))
                                                .movePointLeft(9)
                                                .toPlainString() + "e9",
                                number(line.timestamp) + "000000000000"));
                if (line.members.containsKey("tick") && random.nextBoolean()) {
                    line.members.put(
                            "tick", pick(line.tick + ".000000000000000000001", line.tick + "E0", line.tick + "00e-2"));
                }
                out.add(render(line));
            }
            case 17 -> {
                // a line of exactly 65,535, 65,536 or 65,537 bytes (L3)
                line.members.put("pad", "\"@@PAD@@\"");
                String text = render(line);
                int rest = text.getBytes(StandardCharsets.UTF_8).length - "@@PAD@@".length();
                int target = NaiveReference.MAX_LINE_BYTES + random.nextInt(3) - 1;
                int padBytes = Math.max(0, target - rest);
                String pad = random.nextBoolean()
                        ? "x".repeat(padBytes)
                        : "é".repeat(padBytes / 2) + "x".repeat(padBytes % 2);
                out.add(text.replace("@@PAD@@", pad));
                profile.add("settingsLine=" + target);
            }
            case 18 -> {
                line.members.remove("tick_interval");
                line.members.remove("battery");
                out.add(render(line));
            }
            default -> {
                line.members.put("battery", number(random.nextInt(101) / 100.0));
                out.add(render(line));
            }
        }
        return out;
    }

    private String tickExponent(long tick) {
        if (tick == 0) {
            return "0e5";
        }
        String digits = Long.toString(tick);
        return digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0") + "e" + (digits.length() - 1);
    }

    private void shuffleMembers(SettingsLine line) {
        if (random.nextInt(3) != 0) {
            return;
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>(line.members.entrySet());
        Collections.shuffle(entries, random);
        line.members.clear();
        entries.forEach(e -> line.members.put(e.getKey(), e.getValue()));
    }

    private String render(SettingsLine line) {
        boolean spaced = random.nextInt(3) == 0;
        StringBuilder text = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> member : line.members.entrySet()) {
            if (!first) {
                text.append(spaced ? ", " : ",");
            }
            first = false;
            text.append(jsonString(member.getKey())).append(spaced ? ": " : ":").append(member.getValue());
        }
        return text.append('}').toString();
    }

    private String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (c > 0x7e && random.nextInt(3) == 0) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private String number(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }

    // ------------------------------------------------------------------------------------------ brushing

    private byte[] brushingStream(List<Long> ticks) {
        planColumns();
        List<String> lines = new ArrayList<>();
        if (random.nextInt(10) == 0) {
            lines.add(pick(BLANKS));
        }
        if (random.nextInt(25) == 0) {
            lines.add(pick("\"unclosed,1,2", "\u0000RAW\u00ff"));
        }
        if (headerLine != null) {
            lines.add(headerLine);
        }
        double percent = random.nextInt(20) / 100.0;
        long lastEmitted = ticks.isEmpty() ? 0 : ticks.get(0);
        boolean overlong = random.nextInt(60) == 0;
        for (long tick : ticks) {
            percent = Math.min(100, Math.round(percent * 100) + random.nextInt(3)) / 100.0;
            int tooth = random.nextInt(32);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("#tick", Long.toString(tick));
            values.put("#tooth", Integer.toString(tooth));
            values.put("#percent", percentText(percent));
            for (Map.Entry<String, String> extra : extraKinds.entrySet()) {
                values.put(extra.getKey(), extraCsvValue(extra.getValue()));
            }
            if (random.nextDouble() < faultRate) {
                lines.addAll(brushingFault(values, tick, lastEmitted));
            } else {
                lines.add(renderRow(values));
            }
            lastEmitted = tick;
            if (overlong && random.nextInt(Math.max(1, ticks.size())) == 0) {
                overlong = false;
                lines.add(overlongLine(tick));
            }
        }
        if (ticks.isEmpty() && random.nextBoolean()) {
            lines.add(pick(BLANKS));
        }
        return assemble(lines, true);
    }

    private String percentText(double percent) {
        String plain = BigDecimal.valueOf(percent).toPlainString();
        return switch (random.nextInt(30)) {
            case 0 -> plain + "0";
            case 1 -> percent < 1.0 && plain.startsWith("0.") ? plain.substring(1) : plain;
            case 2 -> "+" + plain;
            case 3 -> Double.toString(percent * 10) + "e-1";
            default -> plain;
        };
    }

    private void planColumns() {
        int kind = random.nextInt(10);
        List<String> names = new ArrayList<>();
        columns.add("#tick");
        columns.add("#tooth");
        columns.add("#percent");
        if (kind < 4) {
            profile.add("header=none");
            if (random.nextInt(6) == 0) {
                extraKinds.put("", "empty");
                columns.add("");
            }
            return;
        }
        int extras = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(3);
        String[] namePool = {
            "pressure",
            "mode",
            "Speed",
            "a b",
            "a,b",
            "a=b",
            "zone ü",
            "time",
            "toothbrush_id",
            "dataset_id",
            "tick",
            "percent_clean",
            "clean",
            "",
            "x",
            "x",
            "say \"hi\"",
            "TICK",
            "Tooth"
        };
        String[] kindPool = {"float", "float", "string", "string", "mixed", "empty", "control"};
        for (int i = 0; i < extras; i++) {
            String name = namePool[random.nextInt(namePool.length)];
            String unique = name;
            int n = 2;
            while (extraKinds.containsKey(unique)) {
                unique = name + "\u0000" + n++;
            }
            extraKinds.put(
                    unique,
                    name.isEmpty() && random.nextInt(10) != 0 ? "empty" : kindPool[random.nextInt(kindPool.length)]);
            columns.add(unique);
        }
        if (kind < 8) {
            if (kind >= 6) {
                Collections.shuffle(columns, random);
            }
            for (String column : columns) {
                names.add(
                        switch (column) {
                            case "#tick" -> pick("tick", "tick", "Tick", "TICK");
                            case "#tooth" -> pick("tooth", "tooth", "tooth_index", "Tooth_Index", "TOOTH");
                            case "#percent" ->
                                pick("percent_clean", "percent_clean", "clean", "percent", "Percent_Clean");
                            default -> displayName(column);
                        });
            }
            profile.add(kind >= 6 ? "header=byNameReordered" : "header=byName");
        } else {
            // by position: the three names are not all found
            String[] first = pick(
                    new String[] {"t", "tooth", "pc"},
                    new String[] {"time", "tooth", "clean"},
                    new String[] {"NaN", "x", "y"},
                    new String[] {"", "", ""},
                    new String[] {"tick", "tooth", "pct"},
                    new String[] {"Tick", "teeth", "clean"});
            Collections.addAll(names, first);
            for (int i = 3; i < columns.size(); i++) {
                names.add(displayName(columns.get(i)));
            }
            profile.add("header=byPosition");
        }
        List<String> rendered = new ArrayList<>();
        for (String name : names) {
            rendered.add(csvField(name, random.nextInt(8) == 0));
        }
        headerLine = String.join(",", rendered);
        if (random.nextInt(6) == 0) {
            headerLine = headerLine + pick(",", " ", "\t");
        }
        profile.add("columns=" + names);
    }

    private static String displayName(String column) {
        int nul = column.indexOf('\u0000');
        return nul < 0 ? column : column.substring(0, nul);
    }

    private String extraCsvValue(String kind) {
        if (random.nextInt(10) == 0) {
            return "";
        }
        return switch (kind) {
            case "float" -> pick("1.5", "3", "-2.25", "1e3", ".5", "7.", "0", "+4");
            case "string" ->
                pick(
                        "soft",
                        "hard",
                        "medium x",
                        "with, comma",
                        "say \"q\"",
                        "günther",
                        "NaN",
                        "0x1",
                        "😀",
                        "back\\slash",
                        "a=b c");
            case "mixed" -> random.nextInt(4) == 0 ? pick("fast", "1e999", "Infinity") : pick("2", "2.5", "-1");
            case "control" -> random.nextBoolean() ? "a\u0001b" : pick("ok", "1.25");
            default -> random.nextInt(50) == 0 ? "x" : "";
        };
    }

    private String csvField(String value, boolean forceQuote) {
        boolean needsQuote = value.indexOf(',') >= 0
                || value.startsWith("\"")
                || (!value.isEmpty() && NaiveReference.isWhitespace(value.charAt(0)) && value.contains("\""));
        if (needsQuote || forceQuote) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private String renderRow(Map<String, String> values) {
        List<String> fields = new ArrayList<>();
        for (String column : columns) {
            fields.add(csvField(values.get(column), random.nextInt(40) == 0));
        }
        String row = String.join(",", fields);
        if (random.nextInt(25) == 0) {
            row = pick(" ", "\t", "\u000b") + row.replace(",", pick(" ,", ", ", ",", " , ")) + pick(" ", "\u000c", "");
        }
        return row;
    }

    private List<String> brushingFault(Map<String, String> values, long tick, long lastEmitted) {
        List<String> out = new ArrayList<>();
        int kind = random.nextInt(22);
        switch (kind) {
            case 0 -> {
                out.add(pick(BLANKS));
                out.add(renderRow(values));
            }
            case 1 -> {
                values.put(
                        "#tick",
                        pick(
                                "-1",
                                "1e3",
                                tick + ".5",
                                "",
                                "+" + tick,
                                "0x10",
                                "9007199254740993",
                                "１",
                                "1_000",
                                tick + "a",
                                tick + ".01",
                                tick + "e0",
                                "NaN"));
                out.add(renderRow(values));
            }
            case 2 -> {
                values.put(
                        "#tick",
                        pick(
                                tick + ".",
                                tick + ".0",
                                tick + ".00",
                                "00" + tick,
                                "9007199254740992",
                                "0000000000000000000000" + tick,
                                tick + "." + "0".repeat(30)));
                if (bigJumpAllowed && random.nextInt(20) == 0) {
                    // B8 boundary: exactly 10,000 beyond is plausible, 10,001 is not
                    bigJumpAllowed = false;
                    values.put("#tick", Long.toString(lastEmitted + pick(10_000, 10_001)));
                }
                out.add(renderRow(values));
            }
            case 3 -> {
                values.put(
                        "#tooth",
                        pick(
                                "32",
                                "-1",
                                "3.5",
                                "",
                                "x",
                                "99999999999999999999",
                                "3.0",
                                "03",
                                "31.",
                                "0000000000000000000000031",
                                "31.000",
                                "4294967299",
                                "18446744073709551619",
                                "31",
                                "0"));
                out.add(renderRow(values));
            }
            case 4 -> {
                values.put(
                        "#percent",
                        pick(
                                "NaN",
                                "1.01",
                                ".5",
                                "5.",
                                "+0.5",
                                "1e-1",
                                "0x1",
                                "-0",
                                "-0.0",
                                "1",
                                "0",
                                "1.0",
                                "Infinity",
                                "0.5f",
                                "0.5d",
                                "1E0",
                                "",
                                "0,5",
                                "-0.1",
                                "0.99999999999999999999",
                                "1e",
                                ".",
                                "+.5e+0",
                                "0.5.1",
                                "1.",
                                "0e5",
                                "1e400",
                                "-1e400",
                                "1e-400",
                                "0.50000000000000000000000001",
                                "0." + "0".repeat(400) + "1",
                                "1" + "0".repeat(30) + "e-30",
                                "0.5e",
                                "e1",
                                "00.5",
                                "5e-1"));
                out.add(renderRow(values));
            }
            case 5 -> {
                values.put("#tick", Long.toString(lastEmitted));
                out.add(renderRow(values));
            }
            case 6 -> {
                out.add(renderRow(values));
                values.put("#tick", Long.toString(Math.max(0, tick - 1 - random.nextInt(20))));
                out.add(renderRow(values));
            }
            case 7 -> {
                values.put("#tick", Long.toString(tick + 10_001 + random.nextInt(5000)));
                out.add(renderRow(values));
                values.put("#tick", Long.toString(tick));
                if (random.nextBoolean()) {
                    out.add(renderRow(values));
                }
            }
            case 8 -> out.add(quotingFault(values));
            case 9 -> {
                byte[] bad = INVALID_UTF8[random.nextInt(INVALID_UTF8.length)].getBytes(StandardCharsets.ISO_8859_1);
                String text = renderRow(values);
                int at = random.nextInt(text.length() + 1);
                out.add("\u0000RAW" + text.substring(0, at) + new String(bad, StandardCharsets.ISO_8859_1)
                        + text.substring(at));
            }
            case 10 -> {
                String column = pick("#tick", "#tooth", "#percent");
                String value = values.get(column);
                values.put(
                        column,
                        pick(
                                "\u00a0" + value,
                                value + "é",
                                "\u0001" + value,
                                "\u000b" + value + "\u000c",
                                value + "\u0000",
                                "\u2003" + value,
                                "\r" + value + "\r",
                                "\ufeff" + value,
                                value + "\u007f"));
                out.add(renderRow(values));
            }
            case 11 -> {
                String row = renderRow(values);
                int cut = row.lastIndexOf(',');
                out.add(cut > 0 ? row.substring(0, cut) : row);
            }
            case 12 -> out.add(renderRow(values) + pick(",", ",,", ",x", ", ", ",\"\"", ",1.5", ", \t"));
            case 13 -> {
                if (headerLine != null) {
                    out.add(pick(
                            headerLine,
                            headerLine.toUpperCase(java.util.Locale.ROOT),
                            " " + headerLine + "\t",
                            headerLine + ",extra",
                            headerLine.replace(",", ", ")));
                }
                out.add(renderRow(values));
            }
            case 14 ->
                out.add(pick(
                        "hello world",
                        "{\"tick\":1}",
                        ";;;",
                        "tick,tooth,percent_clean",
                        "\"\"",
                        ",,",
                        "#comment",
                        "1,2"));
            case 15 -> {
                // type change of an extra column
                if (!extraKinds.isEmpty()) {
                    String column = new ArrayList<>(extraKinds.keySet()).get(random.nextInt(extraKinds.size()));
                    values.put(column, pick("12", "text", "1e999", "", "0.0"));
                }
                out.add(renderRow(values));
            }
            default -> out.add(renderRow(values));
        }
        return out;
    }

    private String quotingFault(Map<String, String> values) {
        List<String> fields = new ArrayList<>();
        for (String column : columns) {
            fields.add(values.get(column));
        }
        int i = random.nextInt(fields.size());
        String value = fields.get(i);
        fields.set(
                i,
                switch (random.nextInt(9)) {
                    case 0 -> "\"" + value + "\"";
                    case 1 -> "\"  " + value + " \"";
                    case 2 -> "\"" + value + "\" \t";
                    case 3 -> "\"" + value + "\"x";
                    case 4 -> "\"" + value;
                    case 5 -> " \"" + value + "\"";
                    case 6 -> "\"" + value + "\"\"\"";
                    case 7 -> value + "\"";
                    default -> "\"\"\"" + value + "\"";
                });
        return String.join(",", fields);
    }

    private String overlongLine(long tick) {
        int length = pick(
                NaiveReference.MAX_LINE_BYTES - 1,
                NaiveReference.MAX_LINE_BYTES,
                NaiveReference.MAX_LINE_BYTES + 1,
                NaiveReference.MAX_LINE_BYTES + 5000);
        String row = tick + ",1,0.5";
        String padded;
        if (random.nextBoolean()) {
            padded = row + " ".repeat(Math.max(0, length - row.length()));
        } else {
            // L3 counts bytes, not characters: two-byte characters in an extra field
            int rest = Math.max(0, length - row.length() - 1);
            padded = row + "," + "é".repeat(rest / 2) + "x".repeat(rest % 2);
        }
        profile.add("overlong=" + length);
        return random.nextBoolean() ? padded : padded + "\r";
    }

    // ------------------------------------------------------------------------------------------ bytes

    /** Joins lines with LF or CRLF; a line starting with NUL "RAW" carries ISO-8859-1 raw bytes. */
    private byte[] assemble(List<String> lines, boolean brushing) {
        String stream = brushing ? "brushing" : "settings";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(7) == 0) {
            out.writeBytes(BOM);
            profile.add(stream + ":bom");
        }
        if (random.nextInt(80) == 0) {
            // a BOM that is not at the very start of the stream is data (L1)
            out.writeBytes(new byte[] {'\n'});
            out.writeBytes(BOM);
            profile.add(stream + ":lateBom");
        }
        if (random.nextInt(150) == 0) {
            // a line of a few hundred kilobytes: too_long without being held whole (L3)
            out.writeBytes(
                    ("9," + "7".repeat(300_000 + random.nextInt(1000)) + ",0.5\n").getBytes(StandardCharsets.UTF_8));
            profile.add(stream + ":hugeLine");
        }
        int endings = random.nextInt(10);
        boolean classicMac = random.nextInt(150) == 0;
        if (classicMac) {
            profile.add(stream + ":crOnly");
        }
        boolean finalNewline = random.nextInt(5) != 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("\u0000RAW")) {
                out.writeBytes(line.substring(4).getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            }
            if (classicMac) {
                out.write('\r');
            } else if (i < lines.size() - 1 || finalNewline) {
                boolean crlf = endings < 2 || (endings == 2 && random.nextBoolean());
                if (endings == 3 && random.nextInt(10) == 0) {
                    out.write('\r');
                }
                out.writeBytes(crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
            } else if (random.nextInt(4) == 0) {
                out.write('\r');
            }
        }
        return out.toByteArray();
    }

    /** Gzip, optionally as two concatenated members (RFC 1952 allows several; gunzip reads them all). */
    private static byte[] gzip(byte[] bytes, boolean twoMembers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int split = twoMembers ? bytes.length / 2 : bytes.length;
        try {
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(bytes, 0, split);
            }
            if (twoMembers) {
                ByteArrayOutputStream second = new ByteArrayOutputStream();
                try (GZIPOutputStream gzip = new GZIPOutputStream(second)) {
                    gzip.write(bytes, split, bytes.length - split);
                }
                out.writeBytes(second.toByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
