package toothbrush.ingest.domain.point;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.ExtraField;

/**
 * Points of one dataset in stream order (P1, P2), held column by column: filling a batch, handing it to
 * a sink and clearing it for the next allocates nothing per point, which keeps a dataset of billions of
 * points from producing a {@link Point} object (and garbage) for each. Brushing and settings points share
 * the rows; {@link #isBrushing} tells them apart, and each kind reads only its own columns.
 *
 * <p>{@link #point(int)} gives a row back as a {@link Point} value, for sinks and tests that want objects.
 * Grows like a list (from {@code initialCapacity}); not thread-safe.
 */
public final class PointBatch {
    private boolean[] brushing;
    private long[] timeNanos;
    private long[] tick;
    /** Brushing: the tooth. */
    private int[] tooth;
    /** Brushing: percent_clean; settings: tick_interval. */
    private double[] value;
    /** Settings: the battery, valid where {@link #batteryKnown}. */
    private double[] battery;

    private boolean[] batteryKnown;
    private List<?>[] extras;
    private int size;

    /** An empty batch with room for {@code initialCapacity} points before it grows. */
    public PointBatch(int initialCapacity) {
        if (initialCapacity <= 0) {
            throw new IllegalArgumentException("initialCapacity must be > 0: " + initialCapacity);
        }
        brushing = new boolean[initialCapacity];
        timeNanos = new long[initialCapacity];
        tick = new long[initialCapacity];
        tooth = new int[initialCapacity];
        value = new double[initialCapacity];
        battery = new double[initialCapacity];
        batteryKnown = new boolean[initialCapacity];
        extras = new List<?>[initialCapacity];
    }

    /** A batch holding {@code points}, in order. */
    public static PointBatch of(List<? extends Point> points) {
        PointBatch batch = new PointBatch(Math.max(1, points.size()));
        for (Point point : points) {
            batch.add(point);
        }
        return batch;
    }

    /** Appends {@code point}. */
    public void add(Point point) {
        if (point instanceof Point.Brushing b) {
            BrushingEvent event = b.event();
            addBrushing(b.timeNanos(), event.tick(), event.tooth(), event.percentClean(), event.extras());
        } else {
            Point.Settings s = (Point.Settings) point;
            addSettings(s.timeNanos(), s.tick(), s.battery(), s.tickInterval(), s.extras());
        }
    }

    /**
     * Appends a brushing point (P1): the values of a valid {@link BrushingEvent}, checked the same way.
     *
     * @param extras the extra fields, kept as given (not copied): the caller does not change them later
     */
    public void addBrushing(long timeNanos, long tick, int tooth, double percentClean, List<ExtraField> extras) {
        BrushingEvent.check(tick, tooth, percentClean);
        int row = nextRow();
        brushing[row] = true;
        this.timeNanos[row] = timeNanos;
        this.tick[row] = tick;
        this.tooth[row] = tooth;
        value[row] = percentClean;
        this.extras[row] = Objects.requireNonNull(extras, "extras");
    }

    /**
     * Appends a settings point (P2).
     *
     * @param battery the battery after the event, {@code null} while unknown
     * @param extras the extra fields, kept as given (not copied): the caller does not change them later
     */
    public void addSettings(long timeNanos, long tick, Double battery, double tickInterval, List<ExtraField> extras) {
        int row = nextRow();
        brushing[row] = false;
        this.timeNanos[row] = timeNanos;
        this.tick[row] = tick;
        value[row] = tickInterval;
        batteryKnown[row] = battery != null;
        this.battery[row] = battery != null ? battery : Double.NaN;
        this.extras[row] = Objects.requireNonNull(extras, "extras");
    }

    private int nextRow() {
        if (size == timeNanos.length) {
            int capacity = Math.max(size + 1, size * 2);
            brushing = Arrays.copyOf(brushing, capacity);
            timeNanos = Arrays.copyOf(timeNanos, capacity);
            tick = Arrays.copyOf(tick, capacity);
            tooth = Arrays.copyOf(tooth, capacity);
            value = Arrays.copyOf(value, capacity);
            battery = Arrays.copyOf(battery, capacity);
            batteryKnown = Arrays.copyOf(batteryKnown, capacity);
            extras = Arrays.copyOf(extras, capacity);
        }
        return size++;
    }

    /** The number of points held. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Forgets every point; the room stays. */
    public void clear() {
        Arrays.fill(extras, 0, size, null);
        size = 0;
    }

    /** True for a brushing point, false for a settings point. */
    public boolean isBrushing(int row) {
        check(row);
        return brushing[row];
    }

    /** P3: the time in nanoseconds since the UNIX epoch. */
    public long timeNanos(int row) {
        check(row);
        return timeNanos[row];
    }

    public long tick(int row) {
        check(row);
        return tick[row];
    }

    /** The tooth of a brushing point. */
    public int tooth(int row) {
        requireBrushing(row, "tooth");
        return tooth[row];
    }

    /** The percent_clean of a brushing point. */
    public double percentClean(int row) {
        requireBrushing(row, "percentClean");
        return value[row];
    }

    /** True when a settings point's battery is known (P2: the field is written only then). */
    public boolean batteryKnown(int row) {
        requireSettings(row, "batteryKnown");
        return batteryKnown[row];
    }

    /** The battery of a settings point whose battery is {@link #batteryKnown known}. */
    public double battery(int row) {
        if (!batteryKnown(row)) {
            throw new IllegalStateException("row " + row + " has no battery");
        }
        return battery[row];
    }

    /** The tick_interval of a settings point. */
    public double tickInterval(int row) {
        requireSettings(row, "tickInterval");
        return value[row];
    }

    /** The extra fields of the point (B3, S8), in their order; empty when none. */
    @SuppressWarnings("unchecked") // only List<ExtraField> is ever stored
    public List<ExtraField> extras(int row) {
        check(row);
        return (List<ExtraField>) extras[row];
    }

    /** The point of {@code row} as a value. */
    public Point point(int row) {
        if (isBrushing(row)) {
            return new Point.Brushing(
                    timeNanos[row], new BrushingEvent(tick[row], tooth[row], value[row], extras(row)));
        }
        return new Point.Settings(
                timeNanos[row], tick[row], batteryKnown[row] ? battery[row] : null, value[row], extras(row));
    }

    /** Every point, in order, as values. */
    public List<Point> points() {
        List<Point> points = new ArrayList<>(size);
        for (int row = 0; row < size; row++) {
            points.add(point(row));
        }
        return points;
    }

    private void requireBrushing(int row, String what) {
        if (!isBrushing(row)) {
            throw new IllegalStateException("row " + row + " is a settings point: it has no " + what);
        }
    }

    private void requireSettings(int row, String what) {
        if (isBrushing(row)) {
            throw new IllegalStateException("row " + row + " is a brushing point: it has no " + what);
        }
    }

    private void check(int row) {
        Objects.checkIndex(row, size);
    }

    @Override
    public String toString() {
        return "PointBatch" + points();
    }
}
