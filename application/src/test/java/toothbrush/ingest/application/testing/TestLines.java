package toothbrush.ingest.application.testing;

import java.util.ArrayList;
import java.util.List;
import toothbrush.ingest.application.port.ParsedLine;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;
import toothbrush.ingest.domain.event.FieldValue;
import toothbrush.ingest.domain.event.SettingsUpdate;
import toothbrush.ingest.domain.rules.RejectReason;
import toothbrush.ingest.domain.time.ExactSeconds;

/**
 * Test data: events, extra fields, and streams of parsed lines numbered 1, 2, 3, ... as a parser would
 * number them.
 */
public final class TestLines {

    private TestLines() {}

    /** A brushing event at {@code tick} (tooth 3, 50 % clean). */
    public static BrushingEvent brushing(long tick, ExtraField... extras) {
        return new BrushingEvent(tick, 3, 0.5, List.of(extras));
    }

    /** A brushing event. */
    public static BrushingEvent brushing(long tick, int tooth, double percentClean, ExtraField... extras) {
        return new BrushingEvent(tick, tooth, percentClean, List.of(extras));
    }

    /**
     * A settings update without parser drops; {@code battery} and {@code interval} may be {@code null}.
     * Timestamp and interval are the decimals {@link Double#toString} writes (A3: exact from then on).
     */
    public static SettingsUpdate settings(
            double timestamp, long tick, Double battery, Double interval, ExtraField... extras) {
        return new SettingsUpdate(
                ExactSeconds.of(timestamp),
                tick,
                battery,
                interval == null ? null : ExactSeconds.of(interval),
                List.of(extras),
                0);
    }

    /** The update with {@code dropped} fields dropped by the parser (S4, S5, S8). */
    public static SettingsUpdate withDrops(SettingsUpdate update, int dropped) {
        return new SettingsUpdate(
                update.timestamp(), update.tick(), update.battery(), update.tickInterval(), update.extras(), dropped);
    }

    /** A string extra field. */
    public static ExtraField text(String name, String value) {
        return new ExtraField(name, new FieldValue.StringValue(value));
    }

    /** A float extra field. */
    public static ExtraField number(String name, double value) {
        return new ExtraField(name, new FieldValue.FloatValue(value));
    }

    /** A new stream of lines. */
    public static <R> Builder<R> lines() {
        return new Builder<>();
    }

    /** Builds a list of parsed lines, numbering them from 1. */
    public static final class Builder<R> {
        private final List<ParsedLine<R>> lines = new ArrayList<>();

        private Builder() {}

        /** Valid lines, one per record. */
        @SafeVarargs
        public final Builder<R> parsed(R... records) {
            for (R record : records) {
                lines.add(new ParsedLine.Parsed<>(next(), record));
            }
            return this;
        }

        /** A blank line (L4). */
        public Builder<R> blank() {
            lines.add(new ParsedLine.Blank<>(next()));
            return this;
        }

        /** A header line (B2). */
        public Builder<R> header() {
            lines.add(new ParsedLine.Header<>(next()));
            return this;
        }

        /** A line the parser rejected. */
        public Builder<R> rejected(RejectReason reason) {
            lines.add(new ParsedLine.Rejected<>(next(), reason));
            return this;
        }

        /** The lines so far. */
        public List<ParsedLine<R>> build() {
            return List.copyOf(lines);
        }

        private long next() {
            return lines.size() + 1L;
        }
    }
}
