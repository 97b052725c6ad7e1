package toothbrush.ingest.bootstrap.picture;

import java.math.BigDecimal;
import java.util.Locale;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.domain.profile.DatasetProfile;
import toothbrush.ingest.domain.time.ExactSeconds;

/**
 * V8: the time axis shared by the time charts (coverage, {@code percent_clean}, battery): seconds since the
 * dataset's start to x in a plot of fixed width, a round step for the axis ticks, and elapsed
 * time as a clock ({@code m:ss}, {@code h:mm:ss}).
 */
record TimeScale(BigDecimal origin, double span) {

    /** The width of the time charts' drawing, in SVG units (px at 1280 wide). */
    static final double CHART_WIDTH = 780;
    /** Where the plot starts: room for the y axis labels on its left. */
    static final double PLOT_LEFT = 46;
    /** Where the plot ends. */
    static final double PLOT_RIGHT = CHART_WIDTH - 12;

    /** The scale over the profile's bins and the report's start and end, whichever reach further. */
    static TimeScale of(IngestReport report, DatasetProfile profile) {
        BigDecimal from = profile.bins().get(0).start().toBigDecimal();
        BigDecimal to = profile.bins().get(profile.bins().size() - 1).end().toBigDecimal();
        for (DatasetProfile.Bin bin : profile.bins()) {
            from = from.min(bin.start().toBigDecimal());
            to = to.max(bin.end().toBigDecimal());
        }
        if (report.start() != null) {
            from = from.min(report.start());
            to = to.max(report.end());
        }
        return new TimeScale(from, to.subtract(from).doubleValue());
    }

    /** The x of a time. */
    double x(ExactSeconds time) {
        return xAt(time.toBigDecimal().subtract(origin).doubleValue());
    }

    /** The x of {@code t} seconds since the origin. */
    double xAt(double t) {
        return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (span == 0 ? 0 : t / span);
    }

    /** The time since the origin as a clock: tenths of a second under ten minutes, whole seconds above. */
    String elapsed(ExactSeconds time) {
        double t = time.toBigDecimal().subtract(origin).doubleValue();
        return span < 600 ? clockTenths(t) : clock(Math.floor(t));
    }

    /** A round step giving at most 9 ticks over the span. */
    double step() {
        double[] steps = {
            0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200,
            86_400
        };
        for (double step : steps) {
            if (span / step <= 8) {
                return step;
            }
        }
        double step = 86_400;
        while (span / step > 8) {
            step *= 2;
        }
        return step;
    }

    /** m:ss or h:mm:ss of elapsed seconds; tenths when the step is below a second. */
    static String clock(double t) {
        long whole = (long) Math.floor(t + 1e-9);
        String text;
        if (whole >= 3600) {
            text = String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600, whole % 3600 / 60, whole % 60);
        } else {
            text = String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
        }
        double tenths = Math.round((t - whole) * 10) / 10.0;
        return tenths > 0 && tenths < 1 ? text + Xml.num(tenths, 1).substring(1) : text;
    }

    /** m:ss.t of elapsed seconds, rounded to the tenth. */
    static String clockTenths(double t) {
        double rounded = Math.round(t * 10) / 10.0;
        long whole = (long) Math.floor(rounded);
        return String.format(
                Locale.ROOT, "%d:%02d.%d", whole / 60, whole % 60, Math.round((rounded - whole) * 10) % 10);
    }
}
