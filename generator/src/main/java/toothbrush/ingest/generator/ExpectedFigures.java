package toothbrush.ingest.generator;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * What the ingest report of a generated dataset must say, known while generating: per stream the line
 * counts by kind (as in the report, R5) and the bytes written (before gzip); the points, the lost ticks
 * and seconds (R4), start and end (R1, R2). {@code brushing} is null when only the settings stream was
 * generated, and so are the figures that need it.
 */
public record ExpectedFigures(
        String toothbrushId,
        long seed,
        long ticks,
        StreamFigures brushing,
        StreamFigures settings,
        Long pointsWritten,
        Long lostTicks,
        Long lostMicros,
        long startMicros,
        long endMicros) {

    public ExpectedFigures {
        Objects.requireNonNull(toothbrushId, "toothbrushId");
        Objects.requireNonNull(settings, "settings");
    }

    /** The counts of one generated stream; {@code rejectedByReason} uses SPEC's reason names. */
    public record StreamFigures(
            long lines,
            long accepted,
            long rejected,
            long blank,
            long header,
            Map<String, Long> rejectedByReason,
            long bytes) {
        public StreamFigures {
            rejectedByReason = Map.copyOf(Objects.requireNonNull(rejectedByReason, "rejectedByReason"));
        }
    }

    /** R4's {@code lost_seconds}, exact, or null when the brushing stream was not generated. */
    public BigDecimal lostSeconds() {
        return lostMicros == null ? null : BigDecimal.valueOf(lostMicros, 6);
    }

    /** These figures as one JSON object with the report's field names. */
    public String toJson() {
        StringBuilder json = new StringBuilder(512);
        json.append("{\"toothbrush_id\":\"")
                .append(toothbrushId.replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\",\"seed\":")
                .append(seed)
                .append(",\"ticks\":")
                .append(ticks)
                .append(",\"start\":")
                .append(seconds(startMicros))
                .append(",\"end\":")
                .append(seconds(endMicros))
                .append(",\"lost_seconds\":")
                .append(lostMicros == null ? "null" : seconds(lostMicros))
                .append(",\"lost_ticks\":")
                .append(lostTicks)
                .append(",\"points_written\":")
                .append(pointsWritten)
                .append(",\"brushing\":");
        appendStream(json, brushing);
        json.append(",\"settings\":");
        appendStream(json, settings);
        return json.append('}').toString();
    }

    private static void appendStream(StringBuilder json, StreamFigures stream) {
        if (stream == null) {
            json.append("null");
            return;
        }
        json.append("{\"lines\":")
                .append(stream.lines())
                .append(",\"accepted\":")
                .append(stream.accepted())
                .append(",\"rejected\":")
                .append(stream.rejected())
                .append(",\"blank\":")
                .append(stream.blank())
                .append(",\"header\":")
                .append(stream.header())
                .append(",\"invalid_fields\":0,\"rejected_by_reason\":{");
        String separator = "";
        for (Map.Entry<String, Long> entry : new java.util.TreeMap<>(stream.rejectedByReason()).entrySet()) {
            json.append(separator)
                    .append('"')
                    .append(entry.getKey())
                    .append("\":")
                    .append(entry.getValue());
            separator = ",";
        }
        json.append("},\"bytes\":").append(stream.bytes()).append('}');
    }

    private static String seconds(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
    }
}
