package toothbrush.ingest.adapter.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import toothbrush.ingest.adapter.streams.testing.FaultyHttpServer;
import toothbrush.ingest.adapter.streams.testing.FaultyHttpServer.Ending;
import toothbrush.ingest.adapter.streams.testing.FaultyHttpServer.Exchange;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.port.ParsedLine;

/**
 * Streams over HTTP from a server that breaks: every read ends with exactly the parsed lines and byte
 * count of a clean read of the same bytes (SPEC: each stream is read once, front to back; L6 line
 * numbers), or with the expected failure and a clear reason. Cut offsets are seeded.
 */
class HttpFaultInjectionTest {
    private static final String B = "/b.csv";
    private static final String S = "/s.jsonl";
    private static final StreamSettings FAST = StreamSettings.defaults()
            .withConnectTimeout(Duration.ofSeconds(2))
            .withReadTimeout(Duration.ofSeconds(5))
            .withMaxAttempts(6)
            .withBackoff(Duration.ofMillis(1), 2.0, Duration.ofMillis(16), 0.5);
    private static final byte[] BRUSHING = brushingCsv(12_000, 11);
    private static final byte[] SETTINGS = settingsJsonl(1_500, 12);

    /** What a read of a stream gave: every parsed line, and the byte counts at its end. */
    record Read(List<ParsedLine<?>> lines, long bytesRead, long totalBytes) {}

    // ---- data ----------------------------------------------------------------------------------------

    /** A seeded brushing CSV with a header, blank lines, rejects, quoted fields and multi-byte text. */
    static byte[] brushingCsv(int lines, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("tick,tooth,percent_clean,note\r\n");
        for (int i = 0; i < lines; i++) {
            int kind = random.nextInt(50);
            if (kind == 0) {
                sb.append("  \n");
            } else if (kind == 1) {
                sb.append(i).append(",33,0.5,\n");
            } else if (kind == 2) {
                sb.append('"').append(i).append("\",\"4\",0.25,\"z\u00e4hne \"\"x\"\"\"\n");
            } else {
                sb.append(i)
                        .append(',')
                        .append(random.nextInt(32))
                        .append(',')
                        .append(random.nextInt(1001) / 1000.0)
                        .append(',')
                        .append(kind == 3 ? "b\u00fcrste" : "")
                        .append(kind == 4 ? "\r\n" : "\n");
            }
        }
        return TestInputs.utf8(sb.toString());
    }

    /** A seeded settings JSON-lines stream with extras and a malformed line now and then. */
    static byte[] settingsJsonl(int lines, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            if (random.nextInt(40) == 0) {
                sb.append("{\"timestamp\":\n");
                continue;
            }
            sb.append("{\"timestamp\":")
                    .append(1595896877L + i)
                    .append(".5,\"tick\":")
                    .append(i * 4L)
                    .append(",\"battery\":")
                    .append(random.nextInt(101) / 100.0)
                    .append(",\"tick_interval\":0.25,\"mode\":\"")
                    .append(random.nextBoolean() ? "soft" : "deep")
                    .append("\"}\n");
        }
        return TestInputs.utf8(sb.toString());
    }

    // ---- reading -------------------------------------------------------------------------------------

    private static Read readAll(LineStream<?> stream) {
        List<ParsedLine<?>> lines = new ArrayList<>();
        long previous = 0;
        try (stream) {
            ParsedLine<?> line;
            while ((line = stream.next()) != null) {
                lines.add(line);
                assertTrue(stream.bytesRead() >= previous, "bytesRead never goes back");
                previous = stream.bytesRead();
            }
            return new Read(lines, stream.bytesRead(), stream.totalBytes());
        }
    }

    /** The reference: the same bytes parsed straight from memory, no network, no resume. */
    private static Read clean(byte[] raw, StreamName stream) {
        StreamInput input = new StreamInput("ds-1", stream, "mem", new ByteArrayInputStream(raw), raw.length);
        return readAll(stream == StreamName.BRUSHING ? new BrushingCsvParser(input) : new SettingsJsonParser(input));
    }

    /** Asserts two reads are the same, naming the first line that differs (not printing thousands of lines). */
    static void assertSameRead(Read expected, Read actual) {
        assertSameLines(expected.lines(), actual.lines());
        assertEquals(expected.bytesRead(), actual.bytesRead(), "bytesRead");
        assertEquals(expected.totalBytes(), actual.totalBytes(), "totalBytes");
    }

    static void assertSameLines(List<ParsedLine<?>> expected, List<ParsedLine<?>> actual) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            assertEquals(expected.get(i), actual.get(i), "line " + (i + 1));
        }
        assertEquals(expected.size(), actual.size(), "number of lines");
    }

    private static Dataset dataset(FaultyHttpServer server) {
        return new Dataset("ds-1", "tb-42", server.url(B), server.url(S));
    }

    private static Read brushing(FaultyHttpServer server, StreamSettings settings) {
        return readAll(new StreamsDatasetReader(settings).openBrushing(dataset(server)));
    }

    /** Asserts every resume asked for the rest of the object with If-Range and every request for identity. */
    private static void assertResumesAskedForTheRest(FaultyHttpServer server, String ifRange) {
        for (Exchange e : server.exchanges()) {
            assertEquals("identity", e.acceptEncoding(), e.toString());
            if (e.range() != null) {
                assertTrue(e.range().matches("bytes=[1-9][0-9]*-"), e.toString());
                assertEquals(ifRange, e.ifRange(), e.toString());
            }
        }
    }

    private static long linesBefore(byte[] data, long offset) {
        long n = 0;
        for (int i = 0; i < offset; i++) {
            if (data[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    // ---- cuts ----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    @DisplayName("L1-L6 over HTTP: 40 cuts at seeded offsets (FIN or reset) give the clean read's lines and byte count")
    void dozensOfCuts_giveTheCleanRead(long seed) {
        Read expected = clean(BRUSHING, StreamName.BRUSHING);
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object(B, BRUSHING)
                .randomCuts(40, seed)
                .build()) {
            Read read = brushing(server, FAST);
            assertSameRead(expected, read);
            assertEquals(BRUSHING.length, read.bytesRead());
            assertEquals(BRUSHING.length, read.totalBytes());
            assertEquals(40, server.cutsDone());
            assertEquals(41, server.exchanges().size(), "one request, then one resume per cut");
            assertResumesAskedForTheRest(server, FaultyHttpServer.ETAG_V1);
            assertEquals(
                    40,
                    server.exchanges().stream().filter(e -> e.status() == 206).count());
        }
    }

    @Test
    @DisplayName("L1-L6 over HTTP: both streams of a dataset, each cut 30 times, read as cleanly")
    void bothStreams_cutManyTimes_giveTheCleanReads() {
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object(B, BRUSHING)
                .object(S, SETTINGS)
                .randomCuts(30, 4)
                .build()) {
            StreamsDatasetReader reader = new StreamsDatasetReader(FAST);
            assertSameRead(clean(SETTINGS, StreamName.SETTINGS), readAll(reader.openSettings(dataset(server))));
            assertSameRead(clean(BRUSHING, StreamName.BRUSHING), readAll(reader.openBrushing(dataset(server))));
            assertEquals(60, server.cutsDone());
        }
    }

    @ParameterizedTest(name = "Content-Encoding: {0}")
    @ValueSource(strings = {"gzip", "none"})
    @DisplayName(
            "L1-L6 over HTTP: a gzip stream cut 40 times resumes below the decoder (offsets count compressed bytes)")
    void gzipStream_cutManyTimes_givesTheCleanRead(String encoding) {
        byte[] gz = TestInputs.gzip(BRUSHING);
        Read plain = clean(BRUSHING, StreamName.BRUSHING);
        FaultyHttpServer.Builder builder =
                FaultyHttpServer.builder().object(B, gz).randomCuts(40, 5);
        if (!encoding.equals("none")) {
            builder.contentEncoding(encoding);
        }
        try (FaultyHttpServer server = builder.build()) {
            Read read = brushing(server, FAST);
            assertSameLines(plain.lines(), read.lines());
            assertEquals(gz.length, read.bytesRead());
            assertEquals(gz.length, read.totalBytes());
            assertEquals(40, server.cutsDone());
        }
    }

    @Test
    @DisplayName("L1-L6 over HTTP: a chunked body (no Content-Length) cut 30 times; total bytes unknown")
    void chunkedBody_cutManyTimes_givesTheCleanRead() {
        Read expected = clean(BRUSHING, StreamName.BRUSHING);
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object(B, BRUSHING)
                .chunked()
                .randomCuts(30, 6)
                .build()) {
            Read read = brushing(server, FAST);
            assertSameLines(expected.lines(), read.lines());
            assertEquals(BRUSHING.length, read.bytesRead());
            assertEquals(-1, read.totalBytes());
            assertEquals(30, server.cutsDone());
        }
    }

    @Test
    @DisplayName("L1-L6 over HTTP: a weak ETag is never sent as If-Range (nor a date beside it); resumes still match")
    void weakEtag_isNotSentAsIfRange() {
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object(B, BRUSHING)
                .weakEtag()
                .randomCuts(10, 7)
                .build()) {
            assertSameRead(clean(BRUSHING, StreamName.BRUSHING), brushing(server, FAST));
            assertResumesAskedForTheRest(server, null);
            assertEquals(
                    10,
                    server.exchanges().stream().filter(e -> e.status() == 206).count());
        }
    }

    @Test
    @DisplayName("L1-L6 over HTTP: without an ETag, If-Range carries the Last-Modified date")
    void noEtag_resumesWithLastModified() {
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object(B, BRUSHING)
                .noEtag()
                .randomCuts(10, 7)
                .build()) {
            assertSameRead(clean(BRUSHING, StreamName.BRUSHING), brushing(server, FAST));
            assertResumesAskedForTheRest(server, FaultyHttpServer.LAST_MODIFIED_V1);
        }
    }

    // ---- server errors and timeouts ------------------------------------------------------------------

    @Test
    @DisplayName("503 to the first requests, then recovery: the stream is read whole")
    void serviceUnavailableAtFirst_theStreamIsReadWhole() {
        try (FaultyHttpServer server =
                FaultyHttpServer.builder().object(B, BRUSHING).failFirst(4, 503).build()) {
            assertSameRead(clean(BRUSHING, StreamName.BRUSHING), brushing(server, FAST));
            List<Integer> statuses =
                    server.exchanges().stream().map(Exchange::status).toList();
            assertEquals(List.of(503, 503, 503, 503, 200), statuses);
        }
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {503, 429, 500})
    @DisplayName("5xx and 429 to every third request while the connection is cut 20 times: retried, read whole")
    void retryableStatusesMidStream_areRetried(int status) {
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object(B, BRUSHING)
                .randomCuts(20, 8)
                .failEvery(3, status)
                .build()) {
            assertSameRead(clean(BRUSHING, StreamName.BRUSHING), brushing(server, FAST));
            assertTrue(server.exchanges().stream()
                            .filter(e -> e.status() == status)
                            .count()
                    >= 6);
        }
    }

    @Test
    @DisplayName("A body that stalls past the read timeout is abandoned and resumed at the byte it stalled at")
    void stallPastTheReadTimeout_isResumed() {
        long stallAt = BRUSHING.length / 2;
        StreamSettings settings = FAST.withReadTimeout(Duration.ofMillis(300));
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object(B, BRUSHING)
                .stallAt(stallAt, Duration.ofSeconds(20))
                .build()) {
            long t0 = System.nanoTime();
            assertSameRead(clean(BRUSHING, StreamName.BRUSHING), brushing(server, settings));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(millis < 5_000, "gave up on the stall after the read timeout, not after it ended: " + millis);
            List<Exchange> resumes =
                    server.exchanges().stream().filter(e -> e.status() == 206).toList();
            assertEquals(1, resumes.size());
            assertEquals("bytes=" + stallAt + "-", resumes.get(0).range());
        }
    }

    @Test
    @DisplayName("A response whose headers do not come within the read timeout is retried")
    void headersPastTheReadTimeout_areRetried() {
        StreamSettings settings = FAST.withReadTimeout(Duration.ofMillis(300));
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object(B, BRUSHING)
                .stallHeaders(1, Duration.ofSeconds(20))
                .build()) {
            assertSameRead(clean(BRUSHING, StreamName.BRUSHING), brushing(server, settings));
        }
    }

    @Test
    @DisplayName(
            "A slow but steady body (no gap as long as the read timeout) is not a timeout, whatever it takes in all")
    void slowButSteadyBody_isNotATimeout() {
        StreamSettings settings = FAST.withReadTimeout(Duration.ofMillis(400)).withMaxAttempts(1);
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object(B, BRUSHING)
                .throttle(BRUSHING.length / 8 + 1, Duration.ofMillis(100))
                .build()) {
            assertSameRead(clean(BRUSHING, StreamName.BRUSHING), brushing(server, settings));
            assertEquals(1, server.exchanges().size());
        }
    }

    // ---- Range ignored, object replaced --------------------------------------------------------------

    @Test
    @DisplayName("Range ignored by the server, object unchanged (same ETag): the resent bytes are discarded")
    void rangeIgnored_unchangedObject_discardsTheResentBytes() {
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object(B, BRUSHING)
                .ignoreRange()
                .randomCuts(12, 9)
                .build()) {
            Read read = brushing(server, FAST.withMaxAttempts(20));
            assertSameRead(clean(BRUSHING, StreamName.BRUSHING), read);
            assertEquals(12, server.cutsDone());
            assertTrue(server.exchanges().stream().allMatch(e -> e.status() == 200 && e.from() == 0));
            assertTrue(
                    server.exchanges().stream().filter(e -> e.range() != null).count() >= 1);
        }
    }

    @Test
    @DisplayName("Range ignored, object unchanged, shown by Last-Modified only: the resent bytes are discarded")
    void rangeIgnored_unchangedByLastModified_discardsTheResentBytes() {
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object(B, BRUSHING)
                .ignoreRange()
                .noEtag()
                .randomCuts(5, 10)
                .build()) {
            assertSameRead(clean(BRUSHING, StreamName.BRUSHING), brushing(server, FAST.withMaxAttempts(20)));
        }
    }

    @Test
    @DisplayName("Range ignored and no validator to show the object unchanged: a retryable failure, never a guess")
    void rangeIgnored_withoutValidators_failsRetryable() {
        long cut = 100_000;
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object(B, BRUSHING)
                .ignoreRange()
                .noEtag()
                .noLastModified()
                .cutAt(cut)
                .cutStyle(FaultyHttpServer.CutStyle.CLOSE)
                .build()) {
            StreamException e = assertThrows(StreamException.class, () -> brushing(server, FAST));
            assertEquals(
                    "dataset ds-1: brushing stream " + server.url(B) + " failed at byte " + cut + " (line "
                            + (linesBefore(BRUSHING, cut) + 1) + "): cannot resume at byte " + cut
                            + ": the server ignored"
                            + " the Range request and sent no strong ETag or Last-Modified that shows the object unchanged",
                    e.getMessage());
            assertTrue(e.retryable());
            assertEquals(cut, e.byteOffset());
        }
    }

    @ParameterizedTest(name = "server {0}")
    @ValueSource(strings = {"honours Range", "ignores Range", "sends a weak ETag"})
    @DisplayName("The object replaced mid-download: a retryable failure naming the old and new ETag and the byte")
    void objectReplaced_failsRetryable_namingTheChange(String behaviour) {
        long at = 150_000;
        byte[] replacement = brushingCsv(12_000, 99);
        FaultyHttpServer.Builder builder =
                FaultyHttpServer.builder().object(B, BRUSHING).replaceAfter(at, replacement);
        if (behaviour.equals("ignores Range")) {
            builder.ignoreRange();
        }
        boolean weak = behaviour.equals("sends a weak ETag");
        if (weak) {
            builder.weakEtag();
        }
        try (FaultyHttpServer server = builder.build()) {
            StreamsDatasetReader reader = new StreamsDatasetReader(FAST);
            LineStream<?> stream = reader.openBrushing(dataset(server));
            List<ParsedLine<?>> before = new ArrayList<>();
            StreamException e = assertThrows(StreamException.class, () -> {
                ParsedLine<?> line;
                while ((line = stream.next()) != null) {
                    before.add(line);
                }
            });
            stream.close();
            long complete = linesBefore(BRUSHING, at);
            assertSameLines(clean(BRUSHING, StreamName.BRUSHING).lines().subList(0, (int) complete), before);
            String w = weak ? "W/" : "";
            assertEquals(
                    "dataset ds-1: brushing stream " + server.url(B) + " failed at byte " + at + " (line "
                            + (complete + 1) + "): object changed during download: ETag " + w + "\"v1\" -> " + w
                            + "\"v2\" at byte " + at,
                    e.getMessage());
            assertTrue(e.retryable());
            assertEquals(at, e.byteOffset());
            assertEquals(at, stream.bytesRead());
            Exchange last = server.exchanges().get(server.exchanges().size() - 1);
            assertEquals(
                    weak ? 206 : 200,
                    last.status(),
                    weak
                            ? "no If-Range: the range of the new object was sent"
                            : "If-Range \"v1\" no longer matched or Range was ignored: the whole new object was sent");
        }
    }

    @Test
    @DisplayName("The object replaced mid-download, no ETag: the change is named by Last-Modified")
    void objectReplaced_withoutEtag_isNamedByLastModified() {
        long at = 150_000;
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object(B, BRUSHING)
                .noEtag()
                .replaceAfter(at, brushingCsv(12_000, 99))
                .build()) {
            StreamException e = assertThrows(StreamException.class, () -> brushing(server, FAST));
            assertTrue(
                    e.getMessage()
                            .endsWith(": object changed during download: Last-Modified "
                                    + FaultyHttpServer.LAST_MODIFIED_V1 + " -> " + FaultyHttpServer.LAST_MODIFIED_V2
                                    + " at byte "
                                    + at),
                    e.getMessage());
            assertTrue(e.retryable());
        }
    }

    // ---- failures ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {404, 410, 403})
    @DisplayName("404, 410 and other 4xx on the first request: not retryable, tried once, naming the URL and status")
    void clientErrors_areNotRetryable(int status) {
        FaultyHttpServer.Builder builder = FaultyHttpServer.builder().object(B, BRUSHING);
        if (status != 404) {
            builder.failFirst(1, status);
        }
        try (FaultyHttpServer server = builder.build()) {
            String url = server.url(status == 404 ? "/missing.csv" : B);
            Dataset ds = new Dataset("ds-1", "tb-42", url, server.url(S));
            StreamException e =
                    assertThrows(StreamException.class, () -> new StreamsDatasetReader(FAST).openBrushing(ds));
            String phrase = status == 404 ? "Not Found" : status == 410 ? "Gone" : "Forbidden";
            assertEquals(
                    "dataset ds-1: brushing stream " + url + " cannot be opened: HTTP " + status + " " + phrase,
                    e.getMessage());
            assertFalse(e.retryable());
            assertEquals(1, server.exchanges().size(), "not retried");
        }
    }

    @Test
    @DisplayName("A server that only ever answers 503: retryable failure after the configured attempts")
    void alwaysUnavailable_failsRetryable_afterMaxAttempts() {
        try (FaultyHttpServer server =
                FaultyHttpServer.builder().object(B, BRUSHING).failEvery(1, 503).build()) {
            StreamException e = assertThrows(
                    StreamException.class,
                    () -> new StreamsDatasetReader(FAST.withMaxAttempts(3)).openBrushing(dataset(server)));
            assertEquals(
                    "dataset ds-1: brushing stream " + server.url(B) + " cannot be opened: gave up after 3 "
                            + "attempts, last error: HTTP 503 Service Unavailable",
                    e.getMessage());
            assertTrue(e.retryable());
            assertEquals(3, server.exchanges().size());
        }
    }

    @Test
    @DisplayName("No server listening (connection refused): retried, then a retryable failure naming the last error")
    void connectionRefused_isRetried_andEndsRetryable() {
        FaultyHttpServer server = FaultyHttpServer.builder().object(B, BRUSHING).build();
        server.close();
        StreamException e = assertThrows(
                StreamException.class,
                () -> new StreamsDatasetReader(FAST.withMaxAttempts(2)).openBrushing(dataset(server)));
        assertEquals(
                "dataset ds-1: brushing stream " + server.url(B) + " cannot be opened: gave up after 2 attempts,"
                        + " last error: ConnectException talking to "
                        + server.url("").substring("http://".length()),
                e.getMessage());
        assertTrue(e.retryable());
    }

    @Test
    @DisplayName("A server gone mid-stream: retryable failure naming the byte, the attempts and the last error")
    void serverGoneMidStream_failsRetryable_atTheByteReached() {
        long stallAt = BRUSHING.length / 2;
        FaultyHttpServer server = FaultyHttpServer.builder()
                .object(B, BRUSHING)
                .stallAt(stallAt, Duration.ofSeconds(30))
                .build();
        LineStream<?> stream = new StreamsDatasetReader(FAST.withMaxAttempts(3)).openBrushing(dataset(server));
        StreamException e;
        try {
            for (int i = 0; i < 100; i++) {
                assertNotNull(stream.next());
            }
            server.close();
            e = assertThrows(StreamException.class, () -> {
                while (stream.next() != null) {
                    // read on until the stream fails
                }
            });
        } finally {
            stream.close();
            server.close();
        }
        String prefix =
                "dataset ds-1: brushing stream " + server.url(B) + " failed at byte " + stream.bytesRead() + " (line ";
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertTrue(e.getMessage().contains("): gave up after 3 attempts, last error: "), e.getMessage());
        assertTrue(e.retryable());
        assertTrue(stream.bytesRead() > 0 && stream.bytesRead() <= stallAt, "bytes read: " + stream.bytesRead());
        assertEquals(stream.bytesRead(), e.byteOffset());
    }

    @Test
    @DisplayName("A Content-Encoding other than gzip (the server ignored Accept-Encoding: identity): not retryable")
    void unsupportedContentEncoding_isNotRetryable() {
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object(B, BRUSHING)
                .contentEncoding("br")
                .build()) {
            StreamException e = assertThrows(StreamException.class, () -> brushing(server, FAST));
            assertEquals(
                    "dataset ds-1: brushing stream " + server.url(B) + " cannot be opened: unsupported "
                            + "Content-Encoding 'br' (the server ignored Accept-Encoding: identity)",
                    e.getMessage());
            assertFalse(e.retryable());
        }
    }

    @Test
    @DisplayName("The exchanges of a clean read: one GET, Accept-Encoding: identity, no Range")
    void cleanRead_isOneRequest() {
        try (FaultyHttpServer server =
                FaultyHttpServer.builder().object(B, BRUSHING).build()) {
            assertSameRead(clean(BRUSHING, StreamName.BRUSHING), brushing(server, FAST));
            assertEquals(
                    List.of(new Exchange(1, B, null, null, "identity", 200, 0, BRUSHING.length, Ending.COMPLETE)),
                    server.exchanges());
        }
    }
}
