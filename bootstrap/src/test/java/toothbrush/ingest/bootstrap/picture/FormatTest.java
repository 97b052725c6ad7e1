package toothbrush.ingest.bootstrap.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** V8: the page's numbers in words. */
class FormatTest {

    @Test
    @DisplayName("V8: exact seconds keep every digit they have and no trailing zero")
    void V8_plainSeconds_withoutTrailingZeros() {
        assertEquals("1.25", Format.plain(new BigDecimal("1.2500")));
        assertEquals("10", Format.plain(new BigDecimal("1E+1")));
        assertEquals("0", Format.plain(new BigDecimal("0.000")));
        assertEquals("0.000000001", Format.plain(new BigDecimal("1E-9")));
        assertEquals("1.5 (UNIX s)", Format.seconds(new BigDecimal("1.50")));
        assertNull(Format.seconds(null));
    }

    @Test
    @DisplayName("V8: times are UTC to the millisecond; nanoseconds that round up stay in their second")
    void V8_utcTime_toTheMillisecond() {
        assertEquals("2020-07-28 00:41:17.637 UTC", Format.time(new BigDecimal("1595896877.637")));
        assertEquals("1970-01-01 00:00:00.999 UTC", Format.time(new BigDecimal("0.9999999999")));
        assertEquals("\u2014", Format.time(null));
    }

    @Test
    @DisplayName("V8: durations in seconds below a minute, then minutes, then hours with whole seconds")
    void V8_duration_inTheLargestUnits() {
        assertEquals("3.65 s", Format.duration(new BigDecimal("3.65")));
        assertEquals("0.001 s", Format.duration(new BigDecimal("0.0005000001")));
        assertEquals("1 min 0 s", Format.duration(new BigDecimal("60")));
        assertEquals("2 min 0.203 s", Format.duration(new BigDecimal("120.203")));
        assertEquals("1 h 2 min 3 s", Format.duration(new BigDecimal("3723.9")));
    }

    @Test
    @DisplayName("V8: counts have thousands separators; compact counts fit a tooth's cell")
    void V8_counts_separatedOrCompact() {
        assertEquals("0", Format.count(0));
        assertEquals("1,234,567", Format.count(1_234_567));
        assertEquals("9999", Format.compact(9_999));
        assertEquals("10k", Format.compact(10_000));
        assertEquals("13k", Format.compact(12_500));
        assertEquals("1.5M", Format.compact(1_500_000));
        assertEquals("12M", Format.compact(12_345_678));
    }

    @Test
    @DisplayName("V8: a fraction is a percentage with one decimal at most")
    void V8_percent_oneDecimalAtMost() {
        assertEquals("3 %", Format.percent(0.03));
        assertEquals("87.5 %", Format.percent(0.875));
        assertEquals("100 %", Format.percent(1));
        assertEquals("0.1 %", Format.percent(0.00123));
    }
}
