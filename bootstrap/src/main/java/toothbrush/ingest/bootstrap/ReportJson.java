package toothbrush.ingest.bootstrap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.StreamReport;

/** Writes an {@link IngestReport} as the one-line JSON object of SPEC "Report format". */
final class ReportJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ReportJson() {
    }

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
            g.writeStringField("reason", report.reason() == null ? null : report.reason().code());
            g.writeStringField("message", report.message());
            writeSeconds(g, "start", report.start());
            writeSeconds(g, "end", report.end());
            writeSeconds(g, "lost_seconds", report.lostSeconds());
            g.writeNumberField("points_written", report.pointsWritten());
            writeStream(g, "brushing", report.brushing());
            writeStream(g, "settings", report.settings());
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
}
