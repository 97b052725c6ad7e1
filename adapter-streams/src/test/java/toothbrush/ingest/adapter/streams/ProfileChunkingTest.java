package toothbrush.ingest.adapter.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.adapter.streams.source.ByteSource;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.PointSink;
import toothbrush.ingest.application.port.PointWriter;
import toothbrush.ingest.application.report.IngestReport;
import toothbrush.ingest.application.report.JobResult;
import toothbrush.ingest.application.report.StreamReport;
import toothbrush.ingest.application.service.IngestService;
import toothbrush.ingest.application.service.IngestSettings;
import toothbrush.ingest.domain.point.PointBatch;
import toothbrush.ingest.domain.profile.DatasetProfile;

/**
 * V6: the profile depends only on the accepted events, never on how the bytes arrived. The same dataset is read
 * by the real parsers through the real use case in many chunkings (a byte per read, reads that end inside a
 * UTF-8 sequence or a CRLF, gzip, a byte of gzip per read, connections that break and are resumed) and every
 * read must give the identical profile and counts.
 */
class ProfileChunkingTest {
    private static final StreamSettings FAST_RETRIES = StreamSettings.defaults()
            .withMaxAttempts(50)
            .withBackoff(Duration.ofMillis(1), 1.0, Duration.ofMillis(1), 0.0);

    @Test
    @DisplayName("V6: identical bins and teeth whatever the read chunking, gzip or resumes")
    void V6_theProfile_isTheSameWhateverTheChunking() {
        byte[] brushing = brushingCsv(new Random(7));
        byte[] settings = settingsJsonLines();
        Map<String, Function<byte[], ByteSource>> readings = new LinkedHashMap<>();
        readings.put("whole", data -> chunked(data, Integer.MAX_VALUE));
        for (int n : new int[] {1, 2, 3, 5, 7, 64, 1_000, 8_191}) {
            readings.put(n + " bytes per read", data -> chunked(data, n));
        }
        for (TestInputs.Mode mode : TestInputs.Mode.values()) {
            readings.put("mode " + mode, data -> opened(() -> mode.open(data)));
        }
        readings.put("breaking every 97 bytes", data -> TestInputs.breakingEvery(data, 97));
        readings.put("gzip breaking every 113 bytes", data -> TestInputs.breakingEvery(TestInputs.gzip(data), 113));

        IngestReport first = null;
        for (Map.Entry<String, Function<byte[], ByteSource>> reading : readings.entrySet()) {
            Function<byte[], ByteSource> toSource = reading.getValue();
            StreamsDatasetReader reader = new StreamsDatasetReader(
                    FAST_RETRIES, uri -> toSource.apply(uri.equals("mem:brushing") ? brushing : settings));
            JobResult result = new IngestService(reader, new DiscardingSink(), IngestSettings.defaults())
                    .ingest(new Dataset("ds-chunks", "tb-1", "mem:brushing", "mem:settings"));
            IngestReport report = assertInstanceOf(JobResult.Completed.class, result, reading.getKey())
                    .report();
            if (first == null) {
                first = report;
                DatasetProfile profile = report.profile();
                // The dataset is long enough for merged bins, and its sums are the report's (V3, V4).
                assertTrue(profile.binTicks() >= 4, "bin ticks " + profile.binTicks());
                assertTrue(profile.bins().size() > 512, "bins " + profile.bins().size());
                assertEquals(report.brushing().accepted(), profile.accepted());
                assertEquals(report.lostSeconds(), profile.lostSeconds().toBigDecimal());
                assertTrue(report.brushing().rejected() > 10, "the dataset has rejected lines");
                continue;
            }
            assertEquals(first.profile(), report.profile(), reading.getKey());
            assertEquals(first.lostSeconds(), report.lostSeconds(), reading.getKey());
            assertEquals(withoutBytes(first.brushing()), withoutBytes(report.brushing()), reading.getKey());
            assertEquals(withoutBytes(first.settings()), withoutBytes(report.settings()), reading.getKey());
        }
    }

    /** gzip and resumes change the raw bytes read, nothing else. */
    private static StreamReport withoutBytes(StreamReport s) {
        return new StreamReport(
                s.lines(),
                s.accepted(),
                s.rejected(),
                s.blank(),
                s.header(),
                s.invalidFields(),
                s.rejectedByReason(),
                s.firstRejections(),
                0);
    }

    /**
     * About 6,000 ticks: runs with gaps, CRLF line ends, blank lines, garbage (some with a multi-byte UTF-8
     * character that a chunk boundary can split), duplicates and out-of-order ticks.
     */
    private static byte[] brushingCsv(Random random) {
        StringBuilder csv = new StringBuilder("tick,tooth,percent_clean\r\n");
        long tick = 0;
        while (tick < 6_000) {
            int what = random.nextInt(100);
            if (what < 3) {
                tick += 1 + random.nextInt(60); // a gap
            } else if (what < 5) {
                csv.append("garbage,\u00e9t\u00e9,\u20ac\n");
            } else if (what < 6) {
                csv.append("  \n");
            } else if (what < 7 && tick > 0) {
                csv.append(tick - 1).append(",3,0.5\n"); // duplicate or out of order
            }
            int tooth = (int) (tick / 40 % 32);
            csv.append(tick)
                    .append(',')
                    .append(tooth)
                    .append(',')
                    .append(random.nextInt(1_001) / 1_000.0)
                    .append(random.nextBoolean() ? "\r\n" : "\n");
            tick++;
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] settingsJsonLines() {
        return ("{\"timestamp\": 1595896877.637, \"tick\": 0, \"battery\": 0.91, \"tick_interval\": 0.25}\n"
                        + "{\"timestamp\": 1595897127.637, \"tick\": 1000, \"battery\": 0.8}\n"
                        + "{\"timestamp\": \"later\", \"tick\": 1500}\n"
                        + "{\"timestamp\": 1595897377.637, \"tick\": 2000, \"tick_interval\": 0.0000000003333}\n"
                        + "{\"timestamp\": 1595897377.7, \"tick\": 4000, \"battery\": 0.5, \"tick_interval\": 0.2}\n"
                        + "{\"timestamp\": 1595897777.7, \"tick\": 6000, \"battery\": null}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A source over {@code data} whose streams hand out at most {@code n} bytes per read. */
    private static ByteSource chunked(byte[] data, int n) {
        return opened(() -> TestInputs.atMostPerRead(new ByteArrayInputStream(data), n));
    }

    private static ByteSource opened(java.util.function.Supplier<InputStream> stream) {
        return new ByteSource() {
            @Override
            public InputStream open(long offset) {
                if (offset != 0) {
                    throw new IllegalStateException("resumed at " + offset + " without a break");
                }
                return stream.get();
            }

            @Override
            public String describe() {
                return "mem:chunked";
            }

            @Override
            public long size() {
                return -1;
            }
        };
    }

    /** Takes every point and commits nothing anywhere. */
    private static final class DiscardingSink implements PointSink {
        @Override
        public PointWriter open(Dataset dataset) {
            return new PointWriter() {
                @Override
                public void write(PointBatch batch) {}

                @Override
                public void commit() {}

                @Override
                public void close() {}
            };
        }
    }
}
