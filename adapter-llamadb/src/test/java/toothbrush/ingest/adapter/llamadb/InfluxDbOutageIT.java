package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.PointWriter;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.point.Point;

/**
 * Fault injection against a real InfluxDB: a {@link FlakyTcpProxy} between the sink and the server
 * refuses connections and resets established ones for 1-2 s at a time, five times with 0.3-0.8 s
 * between, while 200,000 points are written. Afterwards the database holds exactly those points: nothing lost, nothing
 * duplicated (P4), and the circuit breaker opened during the outages and closed after them.
 */
class InfluxDbOutageIT {
    private static final String DATABASE = "outage";
    private static final int POINTS = 200_000;
    /** Outages started during the write at most; the write then finishes on a healthy connection. */
    private static final int OUTAGES = 5;

    private static final long T0 = 1_595_896_877_637_498_000L;
    private static final long TICK_NANOS = 250_000_000L;
    private static EmbeddedInfluxDb server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedInfluxDb.start();
        server.recreateDatabase(DATABASE);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName(
            "P4: 200,000 points written through repeated 1-2 s outages all land exactly once; the breaker opens and closes")
    void repeatedOutages_loseAndDuplicateNothing() throws Exception {
        HttpWriteSettings settings = HttpWriteSettings.defaults()
                .withBatchSize(2_000)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withRetry(
                        new HttpWriteSettings.RetryPolicy(60, Duration.ofMillis(50), 2.0, Duration.ofMillis(500), 0.5))
                .withBreaker(new HttpWriteSettings.BreakerPolicy(10, 4, 50f, Duration.ofMillis(300)));
        List<Boolean> availability = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger outages = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> chaosFailure = new AtomicReference<>();
        long expectedChecksum = 0;

        try (FlakyTcpProxy proxy = new FlakyTcpProxy(server.port());
                HttpLineProtocolClient client = HttpLineProtocolClient.connect(
                        "http://127.0.0.1:" + proxy.port() + "/write?db=" + DATABASE, settings, null)) {
            client.onAvailabilityChange(availability::add);
            Thread chaos = new Thread(
                    () -> {
                        Random random = new Random(42);
                        try {
                            Thread.sleep(200);
                            while (writing.get() && outages.get() < OUTAGES) {
                                proxy.down();
                                outages.incrementAndGet();
                                Thread.sleep(1_000 + random.nextInt(1_000));
                                proxy.up();
                                Thread.sleep(300 + random.nextInt(500));
                            }
                        } catch (Throwable e) {
                            chaosFailure.set(e);
                        }
                    },
                    "chaos");
            chaos.start();

            Dataset dataset = new Dataset("ds-outage", "tb-9", "brushing.csv", "settings.jsonl");
            try (PointWriter writer = new LlamaDbPointSink(client).open(dataset)) {
                List<Point> batch = new ArrayList<>(5_000);
                for (int tick = 0; tick < POINTS; tick++) {
                    long time = T0 + tick * TICK_NANOS;
                    int tooth = tick % 32;
                    double percent = (tick % 1_000) / 1_000.0;
                    batch.add(new Point.Brushing(time, new BrushingEvent(tick, tooth, percent, List.of())));
                    expectedChecksum += checksum(time, tick, tooth, percent);
                    if (batch.size() == 5_000) {
                        writer.write(batch);
                        batch = new ArrayList<>(5_000);
                    }
                }
                writer.write(batch);
                writer.commit();
            } finally {
                writing.set(false);
                chaos.join(5_000);
                proxy.up();
            }

            assertNull(chaosFailure.get());
            assertTrue(outages.get() >= 3, "only " + outages.get() + " outages during the write");
            assertTrue(proxy.dropped() > 0, "no established connection was dropped");
            assertTrue(availability.contains(Boolean.FALSE), "the breaker never opened: " + availability);
            assertEquals(Boolean.TRUE, availability.get(availability.size() - 1), availability.toString());
            assertEquals(CircuitBreaker.State.CLOSED, client.breakerState());
            assertTrue(client.available());
        }

        assertEquals(
                POINTS,
                server.query(DATABASE, "SELECT COUNT(tick) FROM brushing")
                        .path("series")
                        .path(0)
                        .path("values")
                        .path(0)
                        .path(1)
                        .asLong());
        AtomicLong rows = new AtomicLong();
        AtomicLong checksum = new AtomicLong();
        BitSet ticks = new BitSet(POINTS);
        AtomicInteger repeated = new AtomicInteger();
        server.select(
                DATABASE, "SELECT tick, tooth, percent_clean FROM brushing WHERE toothbrush_id = 'tb-9'", result -> {
                    result.path("series")
                            .forEach(series -> series.path("values").forEach(row -> {
                                long tick = row.get(1).asLong();
                                rows.incrementAndGet();
                                checksum.addAndGet(checksum(
                                        row.get(0).asLong(),
                                        tick,
                                        row.get(2).asInt(),
                                        row.get(3).asDouble()));
                                if (ticks.get((int) tick)) {
                                    repeated.incrementAndGet();
                                }
                                ticks.set((int) tick);
                            }));
                });
        assertEquals(POINTS, rows.get());
        assertEquals(0, repeated.get());
        assertEquals(POINTS, ticks.cardinality());
        assertEquals(expectedChecksum, checksum.get());
    }

    /** An order-independent fingerprint of one point: summed over all points it checks every value and timestamp. */
    private static long checksum(long time, long tick, int tooth, double percent) {
        long h = time * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 29) ^ tick) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 32) ^ tooth) * 0x94D049BB133111EBL;
        h ^= Double.doubleToLongBits(percent);
        return h ^ (h >>> 31);
    }
}
