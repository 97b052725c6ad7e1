package toothbrush.ingest.adapter.streams;

import java.util.ArrayList;
import java.util.List;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.port.ParsedLine;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.event.SettingsUpdate;

/** Parsed lines as short strings ({@code 3 bad_tick}, {@code 4 tick=16 tooth=3 pct=0.5}) for table tests. */
final class Rendering {

    private Rendering() {}

    /** Every line of {@code stream} rendered, until its end; closes it. */
    static List<String> readAll(LineStream<?> stream) {
        List<String> out = new ArrayList<>();
        try (stream) {
            ParsedLine<?> line;
            while ((line = stream.next()) != null) {
                out.add(render(line));
            }
        }
        return out;
    }

    static String render(ParsedLine<?> line) {
        long n = line.lineNumber();
        if (line instanceof ParsedLine.Blank) {
            return n + " blank";
        }
        if (line instanceof ParsedLine.Header) {
            return n + " header";
        }
        if (line instanceof ParsedLine.Rejected<?> rejected) {
            return n + " " + rejected.reason().code();
        }
        Object record = ((ParsedLine.Parsed<?>) line).record();
        if (record instanceof BrushingEvent e) {
            return n + " tick=" + e.tick() + " tooth=" + e.tooth() + " pct=" + e.percentClean() + extras(e.extras());
        }
        SettingsUpdate u = (SettingsUpdate) record;
        // A3: timestamp and interval are the exact decimals of the text, in plain notation
        return n + " ts=" + u.timestamp() + " tick=" + u.tick()
                + " battery=" + u.battery() + " interval="
                + (u.tickInterval() == null ? null : u.tickInterval().toBigDecimal()) + " dropped=" + u.droppedFields()
                + extras(u.extras());
    }

    private static String extras(List<ExtraField> extras) {
        StringBuilder sb = new StringBuilder();
        for (ExtraField f : extras) {
            sb.append(' ').append(f.name()).append('=');
            FieldValue v = f.value();
            if (v instanceof FieldValue.FloatValue fv) {
                sb.append(fv.value());
            } else if (v instanceof FieldValue.StringValue sv) {
                sb.append('"').append(sv.value()).append('"');
            } else {
                sb.append(((FieldValue.BooleanValue) v).value());
            }
        }
        return sb.toString();
    }
}
