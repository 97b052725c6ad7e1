package toothbrush.ingest.bootstrap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.StreamReport;
import toothbrush.ingest.domain.profile.DatasetProfile;
import toothbrush.ingest.domain.time.ExactSeconds;

/**
 * Writes an {@link IngestReport} as the one-line JSON object of SPEC "Report format", and reads one back (for
 * {@code picture}, V7).
 */
final class ReportJson {
    private static final JsonFactory JSON = new JsonFactory();
    /**
     * The reader, made on first read: writing a report (every {@code ingest}) needs only the JSON
     * generator, and building a mapper took 0.1 s at the end of each run.
     */
    private static final class Reader {
        /** Floats as BigDecimal: seconds are read back exactly (P3). */
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private ReportJson() {}

    /**
     * The report as one line of JSON, keys in SPEC order, seconds in plain decimal notation without
     * trailing zeros (F3: exact to the nanosecond, {@code 3.65}, never {@code 3.6500000000000004}).
     */
    static String toJson(IngestReport report) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("dataset_id", report.datasetId());
            g.writeStringField("toothbrush_id", report.toothbrushId());
            g.writeStringField("outcome", report.outcome().code());
            g.writeStringField(
                    "reason", report.reason() == null ? null : report.reason().code());
            g.writeStringField("message", report.message());
            writeSeconds(g, "start", report.start());
            writeSeconds(g, "end", report.end());
            writeSeconds(g, "lost_seconds", report.lostSeconds());
            g.writeNumberField("points_written", report.pointsWritten());
            writeStream(g, "brushing", report.brushing());
            writeStream(g, "settings", report.settings());
            writeProfile(g, report.profile());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a report to memory", e);
        }
        return text.toString();
    }

    private static void writeSeconds(JsonGenerator g, String name, BigDecimal seconds) throws IOException {
        g.writeFieldName(name);
        if (seconds == null) {
            g.writeNull();
        } else {
            // Never an exponent, never a trailing zero: 1595896997.84, 100, 0.
            g.writeNumber(plain(seconds));
        }
    }

    /** {@code seconds} in plain notation without trailing zeros. */
    static String plain(BigDecimal seconds) {
        return seconds.signum() == 0 ? "0" : seconds.stripTrailingZeros().toPlainString();
    }

    private static void writeStream(JsonGenerator g, String name, StreamReport s) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("lines", s.lines());
        g.writeNumberField("accepted", s.accepted());
        g.writeNumberField("rejected", s.rejected());
        g.writeNumberField("blank", s.blank());
        g.writeNumberField("header", s.header());
        g.writeNumberField("invalid_fields", s.invalidFields());
        g.writeObjectFieldStart("rejected_by_reason");
        for (Map.Entry<String, Long> e : s.rejectedByReason().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("first_rejections");
        for (StreamReport.Rejection r : s.firstRejections()) {
            g.writeStartObject();
            g.writeNumberField("line", r.line());
            g.writeStringField("reason", r.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("bytes_read", s.bytesRead());
        g.writeEndObject();
    }

    /** V1-V5: {@code "profile": {"bin_ticks": w, "bins": [...], "teeth": [...]}}, or {@code null}. */
    private static void writeProfile(JsonGenerator g, DatasetProfile profile) throws IOException {
        g.writeFieldName("profile");
        if (profile == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("bin_ticks", profile.binTicks());
        g.writeArrayFieldStart("bins");
        for (DatasetProfile.Bin bin : profile.bins()) {
            g.writeStartObject();
            g.writeNumberField("first_tick", bin.firstTick());
            g.writeNumberField("last_tick", bin.lastTick());
            writeSeconds(g, "start", bin.start().toBigDecimal());
            writeSeconds(g, "end", bin.end().toBigDecimal());
            g.writeNumberField("accepted", bin.accepted());
            g.writeNumberField("lost_ticks", bin.lostTicks());
            writeSeconds(g, "lost_seconds", bin.lostSeconds().toBigDecimal());
            writeFraction(g, "clean_mean", bin.cleanMean());
            writeFraction(g, "clean_min", bin.cleanMin());
            writeFraction(g, "battery", bin.battery());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("teeth");
        for (DatasetProfile.Tooth tooth : profile.teeth()) {
            g.writeStartObject();
            g.writeNumberField("tooth", tooth.tooth());
            g.writeNumberField("events", tooth.events());
            writeFraction(g, "last_clean", tooth.lastClean());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeFraction(JsonGenerator g, String name, Double value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value.doubleValue()); // the shortest text that reads back as the same double
        }
    }

    /**
     * The report that {@link #toJson} wrote, read back exactly (seconds as decimals, fractions as the same
     * doubles). Also takes the output of {@code jobs show}, whose {@code report} field holds the report, and a
     * report without {@code profile} (written before it existed).
     *
     * @throws IllegalArgumentException when the text is not such a report, naming what is wrong
     */
    static IngestReport fromJson(String json) {
        JsonNode root;
        try {
            root = Reader.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!root.has("outcome") && root.path("report").isObject()) {
            root = root.get("report");
        }
        IngestReport.Outcome outcome = outcome(text(root, "outcome", false));
        String reasonCode = text(root, "reason", true);
        FailureReason reason;
        try {
            reason = reasonCode == null ? null : FailureReason.ofCode(reasonCode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown reason: " + reasonCode);
        }
        JsonNode profile = root.path("profile");
        try {
            return new IngestReport(
                    text(root, "dataset_id", false),
                    text(root, "toothbrush_id", false),
                    outcome,
                    reason,
                    text(root, "message", true),
                    decimal(root, "start"),
                    decimal(root, "end"),
                    decimal(root, "lost_seconds"),
                    count(root, "points_written"),
                    stream(root, "brushing"),
                    stream(root, "settings"),
                    profile.isObject() ? profile(profile) : null);
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("not a report: " + e.getMessage());
        }
    }

    private static IngestReport.Outcome outcome(String code) {
        for (IngestReport.Outcome outcome : IngestReport.Outcome.values()) {
            if (outcome.code().equals(code)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome: " + code);
    }

    private static StreamReport stream(JsonNode root, String name) {
        JsonNode s = field(root, name);
        if (!s.isObject()) {
            throw new IllegalArgumentException("\"" + name + "\" is not an object");
        }
        Map<String, Long> byReason = new LinkedHashMap<>();
        JsonNode reasons = s.path("rejected_by_reason");
        reasons.properties().forEach(e -> byReason.put(e.getKey(), whole(e.getValue(), name + "." + e.getKey())));
        List<StreamReport.Rejection> first = new ArrayList<>();
        for (JsonNode r : s.path("first_rejections")) {
            first.add(new StreamReport.Rejection(count(r, "line"), text(r, "reason", false)));
        }
        return new StreamReport(
                count(s, "lines"),
                count(s, "accepted"),
                count(s, "rejected"),
                count(s, "blank"),
                count(s, "header"),
                count(s, "invalid_fields"),
                byReason,
                first,
                s.has("bytes_read") ? count(s, "bytes_read") : 0);
    }

    private static DatasetProfile profile(JsonNode p) {
        List<DatasetProfile.Bin> bins = new ArrayList<>();
        for (JsonNode b : field(p, "bins")) {
            bins.add(new DatasetProfile.Bin(
                    count(b, "first_tick"),
                    count(b, "last_tick"),
                    seconds(b, "start"),
                    seconds(b, "end"),
                    count(b, "accepted"),
                    count(b, "lost_ticks"),
                    seconds(b, "lost_seconds"),
                    fraction(b, "clean_mean"),
                    fraction(b, "clean_min"),
                    fraction(b, "battery")));
        }
        List<DatasetProfile.Tooth> teeth = new ArrayList<>();
        for (JsonNode t : field(p, "teeth")) {
            teeth.add(new DatasetProfile.Tooth((int) count(t, "tooth"), count(t, "events"), fraction(t, "last_clean")));
        }
        return new DatasetProfile(count(p, "bin_ticks"), bins, teeth);
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing \"" + name + "\"");
        }
        return value;
    }

    private static String text(JsonNode node, String name, boolean nullable) {
        JsonNode value = field(node, name);
        if (value.isNull() && nullable) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a string");
        }
        return value.textValue();
    }

    private static long count(JsonNode node, String name) {
        return whole(field(node, name), name);
    }

    private static long whole(JsonNode value, String name) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new IllegalArgumentException("\"" + name + "\" is not a count: " + value);
        }
        return value.longValue();
    }

    private static BigDecimal decimal(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a number: " + value);
        }
        return value.decimalValue();
    }

    private static ExactSeconds seconds(JsonNode node, String name) {
        BigDecimal value = decimal(node, name);
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException("\"" + name + "\" is not a number of seconds: " + node.get(name));
        }
        return ExactSeconds.of(value);
    }

    private static Double fraction(JsonNode node, String name) {
        BigDecimal value = decimal(node, name);
        return value == null ? null : value.doubleValue();
    }
}
