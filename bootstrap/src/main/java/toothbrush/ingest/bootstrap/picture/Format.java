package toothbrush.ingest.bootstrap.picture;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * V8: how the page writes numbers in words: exact seconds without trailing zeros, UTC times, durations, counts
 * with thousands separators, short counts for narrow cells, and percentages. Shared by every section.
 */
final class Format {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Format() {}

    /** Exact seconds as written, without trailing zeros: {@code 1.25}, {@code 2}, {@code 0}. */
    static String plain(BigDecimal seconds) {
        return seconds.signum() == 0 ? "0" : seconds.stripTrailingZeros().toPlainString();
    }

    /** UNIX seconds as a UTC time to the millisecond; a dash when unknown. */
    static String time(BigDecimal seconds) {
        if (seconds == null) {
            return "\u2014";
        }
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        int nanos = seconds.subtract(whole)
                .movePointRight(9)
                .setScale(0, RoundingMode.HALF_EVEN)
                .intValue();
        return UTC.format(Instant.ofEpochSecond(whole.longValueExact(), Math.min(nanos, 999_999_999)));
    }

    /** UNIX seconds as written, marked as such; {@code null} when unknown. */
    static String seconds(BigDecimal seconds) {
        return seconds == null ? null : plain(seconds) + " (UNIX s)";
    }

    /** 2 min 0.203 s, 1 h 2 min 3 s, 3.65 s. */
    static String duration(BigDecimal seconds) {
        if (seconds.compareTo(BigDecimal.valueOf(60)) < 0) {
            return plain(seconds.setScale(3, RoundingMode.HALF_EVEN)) + " s";
        }
        long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
        long hours = whole / 3600;
        long minutes = whole % 3600 / 60;
        BigDecimal rest = seconds.subtract(BigDecimal.valueOf(hours * 3600 + minutes * 60));
        String secondsText = hours > 0
                ? Long.toString(rest.setScale(0, RoundingMode.FLOOR).longValue())
                : plain(rest.setScale(3, RoundingMode.HALF_EVEN));
        return (hours > 0 ? hours + " h " : "") + minutes + " min " + secondsText + " s";
    }

    /** 1,234,567. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A count for a narrow cell: 9999, 13k, 1.5M, 12M. */
    static String compact(long n) {
        if (n < 10_000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return Math.round(n / 1_000.0) + "k";
        }
        return Xml.num(n / 1_000_000.0, n < 10_000_000 ? 1 : 0) + "M";
    }

    /** A fraction in [0, 1] as a percentage with one decimal at most: {@code 3 %}, {@code 87.5 %}. */
    static String percent(double fraction) {
        return Xml.num(fraction * 100, 1) + " %";
    }
}
