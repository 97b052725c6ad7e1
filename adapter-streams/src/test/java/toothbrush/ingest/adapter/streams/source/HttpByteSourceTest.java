package toothbrush.ingest.adapter.streams.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import toothbrush.ingest.adapter.streams.testing.FaultyHttpServer;

/** One HTTP source: what it asks for, and which answers it takes as the rest of the same object. */
class HttpByteSourceTest {
    private static final byte[] DATA = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
    private static final ByteSources SOURCES = new ByteSources(Duration.ofSeconds(2), Duration.ofSeconds(2));

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A JDK server whose one handler answers as a test needs (servers that lie about ranges). */
    private String serve(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " range="
                    + exchange.getRequestHeaders().getFirst("Range") + " if-range="
                    + exchange.getRequestHeaders().getFirst("If-Range"));
            handler.handle(exchange);
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void open_atZero_learnsTheLength_andAtAnOffset_asksForTheRestWithIfRange() throws IOException {
        try (FaultyHttpServer faulty =
                FaultyHttpServer.builder().object("/d", DATA).build()) {
            ByteSource source = SOURCES.forUri(faulty.url("/d"));
            assertEquals(-1, source.size());
            assertArrayEquals(DATA, readAll(source.open(0)));
            assertEquals(20, source.size());
            assertArrayEquals(Arrays.copyOfRange(DATA, 7, 20), readAll(source.open(7)));
            List<FaultyHttpServer.Exchange> exchanges = faulty.exchanges();
            assertEquals(
                    new FaultyHttpServer.Exchange(
                            1, "/d", null, null, "identity", 200, 0, 20, FaultyHttpServer.Ending.COMPLETE),
                    exchanges.get(0));
            assertEquals(
                    new FaultyHttpServer.Exchange(
                            2, "/d", "bytes=7-", "\"v1\"", "identity", 206, 7, 13, FaultyHttpServer.Ending.COMPLETE),
                    exchanges.get(1));
        }
    }

    @Test
    void open_atTheEnd_isAnEmptyStream_ifTheServerSaysRangeNotSatisfiableAtThatLength() throws IOException {
        try (FaultyHttpServer faulty =
                FaultyHttpServer.builder().object("/d", DATA).build()) {
            ByteSource source = SOURCES.forUri(faulty.url("/d"));
            source.open(0).close();
            assertArrayEquals(new byte[0], readAll(source.open(20)));
            assertEquals(416, faulty.exchanges().get(1).status());
            SourceChangedException e = assertThrows(SourceChangedException.class, () -> source.open(25));
            assertEquals("cannot resume at byte 25: HTTP 416 Range Not Satisfiable", e.getMessage());
        }
    }

    @Test
    void aPartialAnswerStartingElsewhere_isNotTakenAsTheRest() throws IOException {
        String base = serve(exchange -> {
            if (exchange.getRequestHeaders().getFirst("Range") == null) {
                respond(exchange, 200, DATA, "ETag", "\"e\"");
            } else {
                respond(
                        exchange,
                        206,
                        Arrays.copyOfRange(DATA, 5, 20),
                        "ETag",
                        "\"e\"",
                        "Content-Range",
                        "bytes 5-19/20");
            }
        });
        ByteSource source = SOURCES.forUri(base + "/d");
        source.open(0).close();
        SourceChangedException e = assertThrows(SourceChangedException.class, () -> source.open(8));
        assertEquals(
                "cannot resume at byte 8: the server answered Range bytes=8- with Content-Range bytes 5-19/20",
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"e\"|Tue, 28 Jul 2020 00:41:17 GMT|bytes 8-24/25|object changed during download: length 20 -> 25 at byte 8",
                "\"f\"|Tue, 28 Jul 2020 00:41:17 GMT|bytes 8-19/20|object changed during download: ETag \"e\" -> \"f\" at byte 8",
                "\"e\"|Wed, 29 Jul 2020 00:41:17 GMT|bytes 8-19/20|object changed during download: Last-Modified Tue, 28 Jul "
                        + "2020 00:41:17 GMT -> Wed, 29 Jul 2020 00:41:17 GMT at byte 8"
            })
    void aPartialAnswerOfAnotherObject_isAChange(String etag, String lastModified, String contentRange, String message)
            throws IOException {
        String base = serve(exchange -> {
            if (exchange.getRequestHeaders().getFirst("Range") == null) {
                respond(exchange, 200, DATA, "ETag", "\"e\"", "Last-Modified", "Tue, 28 Jul 2020 00:41:17 GMT");
            } else {
                respond(
                        exchange,
                        206,
                        Arrays.copyOfRange(DATA, 8, 20),
                        "ETag",
                        etag,
                        "Last-Modified",
                        lastModified,
                        "Content-Range",
                        contentRange);
            }
        });
        ByteSource source = SOURCES.forUri(base + "/d");
        source.open(0).close();
        SourceChangedException e = assertThrows(SourceChangedException.class, () -> source.open(8));
        assertEquals(message, e.getMessage());
    }

    @Test
    void withoutAnyValidator_aResumeSendsRangeOnly_andTrustsAMatchingContentRange() throws IOException {
        String base = serve(exchange -> {
            if (exchange.getRequestHeaders().getFirst("Range") == null) {
                respond(exchange, 200, DATA);
            } else {
                respond(exchange, 206, Arrays.copyOfRange(DATA, 8, 20), "Content-Range", "bytes 8-19/20");
            }
        });
        ByteSource source = SOURCES.forUri(base + "/d");
        source.open(0).close();
        assertArrayEquals(Arrays.copyOfRange(DATA, 8, 20), readAll(source.open(8)));
        assertEquals("GET /d range=bytes=8- if-range=null", requests.get(1));
    }

    @Test
    void aRedirect_isFollowed_andAnErrorAfterItNamesWhereItCameFrom() throws IOException {
        String base = serve(exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/old")) {
                respond(exchange, 302, new byte[0], "Location", "/new");
            } else if (path.equals("/new")) {
                respond(exchange, 200, DATA);
            } else if (path.equals("/moved")) {
                respond(exchange, 301, new byte[0], "Location", "/missing");
            } else {
                respond(exchange, 404, "no".getBytes(StandardCharsets.US_ASCII));
            }
        });
        assertArrayEquals(DATA, readAll(SOURCES.forUri(base + "/old").open(0)));
        SourceUnavailableException e = assertThrows(
                SourceUnavailableException.class,
                () -> SOURCES.forUri(base + "/moved").open(0));
        assertEquals("HTTP 404 Not Found from " + base + "/missing", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "400|HTTP 400 Bad Request|false",
                "401|HTTP 401 Unauthorized|false",
                "418|HTTP 418|false",
                "408|HTTP 408 Request Timeout|true",
                "429|HTTP 429 Too Many Requests|true",
                "502|HTTP 502 Bad Gateway|true",
                "504|HTTP 504 Gateway Timeout|true",
                "599|HTTP 599|true"
            })
    void statuses_areUnavailableOrWorthRetrying(int status, String message, boolean retryable) throws IOException {
        String base = serve(exchange -> respond(exchange, status, "x".getBytes(StandardCharsets.US_ASCII)));
        IOException e = assertThrows(
                IOException.class, () -> SOURCES.forUri(base + "/d").open(0));
        assertEquals(message, e.getMessage());
        assertEquals(!retryable, e instanceof SourceUnavailableException);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "bytes 0-9/10|0|10",
                "bytes 5-9/10|5|10",
                "bytes 5-9/*|5|-1",
                "bytes */10|-1|10",
                "BYTES 1-1/2|1|2",
                " bytes  3-4/5 |3|5"
            })
    void contentRange_parses(String value, long start, long total) {
        assertEquals(new HttpByteSource.ContentRange(start, total), HttpByteSource.ContentRange.parse(value));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "bytes 5-4/10",
                "bytes 0-10/10",
                "items 0-1/2",
                "bytes 0-1",
                "bytes -1-2/3",
                "bytes a-1/2",
                "bytes 0-1/x",
                "bytes 1234567890123456789-1234567890123456790/*",
                "bytes 1/2"
            })
    void contentRange_rejectsWhatIsNotARange(String value) {
        assertNull(HttpByteSource.ContentRange.parse(value));
    }

    @Test
    void durations_areNamedInSecondsOrMilliseconds() {
        assertEquals("30 s", HttpByteSource.durationText(Duration.ofSeconds(30)));
        assertEquals("250 ms", HttpByteSource.durationText(Duration.ofMillis(250)));
        assertEquals("1500 ms", HttpByteSource.durationText(Duration.ofMillis(1500)));
    }
}
