package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LlamaDb#connect} picks the backend by URI (SPEC "Command line", {@code --db}). */
class LlamaDbTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("--db lp:PATH writes line protocol to the file")
    void lpPath_writesTheFile() throws IOException {
        Path file = dir.resolve("out.lp");
        try (LlamaDbClient client = LlamaDb.connect("lp:" + file)) {
            assertEquals("lp:" + file, client.uri());
            client.insert("brushing", 7, new Tags().add("toothbrush_id", "tb-42"), new Fields().addLong("tick", 1));
            client.flush();
        }
        assertEquals("brushing,toothbrush_id=tb-42 tick=1i 7\n", Files.readString(file));
    }

    @Test
    @DisplayName("--db lp:- writes line protocol to standard output")
    void lpDash_writesStandardOutput() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, false, StandardCharsets.UTF_8));
        try (LlamaDbClient client = LlamaDb.connect("lp:-")) {
            client.beginDataset("tb-42", "ds-1");
            client.insert(
                    "settings",
                    9,
                    new Tags().add("toothbrush_id", "tb-42"),
                    new Fields().addDouble("tick_interval", 0.25));
            client.flush();
        } finally {
            System.setOut(original);
        }
        assertEquals("settings,toothbrush_id=tb-42 tick_interval=0.25 9\n", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName(
            "--db duckdb:PATH creates the database file with brushing and settings, columns as before (views since issue 12)")
    void duckdbPath_createsTheTables() throws SQLException {
        Path file = dir.resolve("llamadb.duckdb");
        try (LlamaDbClient client = LlamaDb.connect("duckdb:" + file)) {
            assertEquals("duckdb:" + file, client.uri());
        }
        List<String> columns = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT table_name, column_name, data_type FROM information_schema.columns"
                                        + " WHERE table_name IN ('brushing', 'settings') ORDER BY table_name, ordinal_position")) {
            while (rows.next()) {
                columns.add(rows.getString(1) + "." + rows.getString(2) + " " + rows.getString(3));
            }
        }
        assertEquals(
                List.of(
                        "brushing.time TIMESTAMP_NS",
                        "brushing.toothbrush_id VARCHAR",
                        "brushing.dataset_id VARCHAR",
                        "brushing.tick BIGINT",
                        "brushing.tooth INTEGER",
                        "brushing.percent_clean DOUBLE",
                        "brushing.extra JSON",
                        "settings.time TIMESTAMP_NS",
                        "settings.toothbrush_id VARCHAR",
                        "settings.dataset_id VARCHAR",
                        "settings.tick BIGINT",
                        "settings.battery DOUBLE",
                        "settings.tick_interval DOUBLE",
                        "settings.extra JSON"),
                columns);
    }

    @Test
    @DisplayName("--db http(s)://... writes line protocol to an InfluxDB-compatible server; connecting sends nothing")
    void httpUrl_connectsTheHttpBackend() {
        try (LlamaDbClient client = LlamaDb.connect("http://127.0.0.1:8086/write?db=toothbrush&u=me&p=secret")) {
            assertTrue(client instanceof HttpLineProtocolClient);
            assertEquals("http://127.0.0.1:8086/write?db=toothbrush&u=me&p=***", client.uri());
            assertTrue(client.available());
        }
        try (LlamaDbClient client = LlamaDb.connect(
                "https://influx.example/api/v2/write?org=o&bucket=b",
                System.out,
                HttpWriteSettings.defaults().withBatchSize(10))) {
            assertEquals(
                    "https://influx.example/api/v2/write?org=o&bucket=b&precision=ns",
                    ((HttpLineProtocolClient) client).writeUri().toString());
        }
    }

    @Test
    @DisplayName("The file and DuckDB backends are always available")
    void fileBackends_areAlwaysAvailable() {
        try (LlamaDbClient client = LlamaDb.connect("lp:" + dir.resolve("out.lp"))) {
            assertTrue(client.available());
            client.onAvailabilityChange(available -> {
                throw new AssertionError("never called");
            });
        }
        try (LlamaDbClient client = LlamaDb.connect("duckdb:" + dir.resolve("llamadb.duckdb"))) {
            assertTrue(client.available());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "lp:",
                "duckdb:",
                "ftp://127.0.0.1/write?db=toothbrush",
                "postgresql://db/x",
                "LP:points.lp",
                "file:points.lp",
                "llamadb.duckdb",
                "HTTP//127.0.0.1:8086/write"
            })
    @DisplayName("Any other --db URI is refused, naming the URI and the accepted forms")
    void otherUris_areRefused(String uri) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LlamaDb.connect(uri));
        assertEquals(
                "unsupported LlamaDB URI '" + uri
                        + "': expected lp:PATH, lp:- (standard output), duckdb:PATH or an http(s):// write URL",
                refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "lp:",
                "duckdb:",
                "ftp://127.0.0.1/write?db=toothbrush",
                "postgresql://db/x",
                "LP:points.lp",
                "file:points.lp",
                "llamadb.duckdb",
                "HTTP//127.0.0.1:8086/write",
                "http://127.0.0.1:8086/write?db=toothbrush&precision=s",
                "http://u:pw@127.0.0.1:8086/write?db=t"
            })
    @DisplayName("check refuses every --db URI that connect refuses, with connect's message")
    void check_refusesWhatConnectRefuses(String uri) {
        IllegalArgumentException byConnect = assertThrows(
                IllegalArgumentException.class,
                () -> LlamaDb.connect(
                        uri, OutputStream.nullOutputStream(), HttpWriteSettings.defaults(), name -> null));
        IllegalArgumentException byCheck =
                assertThrows(IllegalArgumentException.class, () -> LlamaDb.check(uri, name -> null));
        assertEquals(byConnect.getMessage(), byCheck.getMessage());
    }

    @Test
    @DisplayName("check accepts the four forms without creating a file or connecting, and checks the token variables")
    void check_acceptsWithoutOpening() {
        Path lp = dir.resolve("out.lp");
        Path duckdb = dir.resolve("llamadb.duckdb");
        LlamaDb.check("lp:" + lp, name -> null);
        LlamaDb.check("lp:-", name -> null);
        LlamaDb.check("duckdb:" + duckdb, name -> null);
        // nothing listens on port 1: a check that connected would fail
        LlamaDb.check("http://127.0.0.1:1/write?db=toothbrush", name -> null);
        LlamaDb.check("https://influx.example/api/v2/write?org=o&bucket=b", Map.of("LLAMADB_TOKEN", "t0k")::get);
        assertFalse(Files.exists(lp), "lp: file created by a check");
        assertFalse(Files.exists(duckdb), "DuckDB file created by a check");

        Map<String, String> both = Map.of(
                "LLAMADB_TOKEN", "a", "LLAMADB_TOKEN_FILE", dir.resolve("t").toString());
        assertEquals(
                "LLAMADB_TOKEN and LLAMADB_TOKEN_FILE are both set: set only one",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LlamaDb.check("http://127.0.0.1:8086/write?db=t", both::get))
                        .getMessage());
        // the token only matters for a server
        LlamaDb.check("lp:" + lp, both::get);
    }

    @Test
    @DisplayName("check refuses a port above 65535, which java.net.URI accepts and the first connection would not")
    void check_refusesAnImpossiblePort() {
        assertEquals(
                "invalid LlamaDB URL 'http://127.0.0.1:99999/write?db=t&p=***': the port must be at most 65535",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LlamaDb.check("http://127.0.0.1:99999/write?db=t&p=secret", name -> null))
                        .getMessage());
    }

    @Test
    @DisplayName("An http URL that cannot be a write URL is refused with the reason")
    void unusableHttpUrl_isRefused() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> LlamaDb.connect("http://127.0.0.1:8086/write?db=toothbrush&precision=s"));
        assertEquals(
                "invalid LlamaDB URL 'http://127.0.0.1:8086/write?db=toothbrush&precision=s': points are"
                        + " written with nanosecond timestamps; drop precision=s or use precision=ns",
                refused.getMessage());
    }

    @Test
    @DisplayName("A file that cannot be opened is a retryable LlamaDbException naming the URI")
    void unopenableFile_isALlamaDbException() {
        String uri = "lp:" + dir.resolve("missing-dir").resolve("out.lp");
        LlamaDbException failure = assertThrows(LlamaDbException.class, () -> LlamaDb.connect(uri));
        assertTrue(
                failure.getMessage().startsWith("LlamaDB " + uri + " (no dataset): cannot open "),
                failure.getMessage());
        assertTrue(failure.retryable());
        assertEquals(uri, failure.uri());
    }

    @Test
    @DisplayName("A write failure is a LlamaDbException naming the URI and the dataset")
    void writeFailure_namesUriAndDataset() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };
        LlamaDbClient client = LineProtocolClient.toStream("lp:-", broken);
        client.beginDataset("tb-42", "ds-1");
        client.insert("brushing", 1, new Tags().add("toothbrush_id", "tb-42"), new Fields().addLong("tick", 1));

        LlamaDbException failure = assertThrows(LlamaDbException.class, client::flush);

        assertEquals("LlamaDB lp:- dataset ds-1: cannot flush: disk full", failure.getMessage());
        assertEquals("ds-1", failure.datasetId());
    }

    @Test
    @DisplayName("A client refuses a second dataset before the first is flushed or discarded, and any use after close")
    void client_refusesCallsOutOfOrder() {
        LlamaDbClient client = LlamaDb.connect("lp:" + dir.resolve("out.lp"));
        client.beginDataset("tb-42", "ds-1");
        assertThrows(IllegalStateException.class, () -> client.beginDataset("tb-42", "ds-2"));
        client.discard();
        client.beginDataset("tb-42", "ds-2");
        client.flush();
        client.close();

        assertThrows(IllegalStateException.class, () -> client.beginDataset("tb-42", "ds-3"));
        assertThrows(IllegalStateException.class, client::flush);
    }

    @Test
    @DisplayName("lp: to a named pipe (or a device such as /dev/null) writes as a stream: the reader gets every"
            + " line, the pipe is neither truncated nor replaced")
    void lineProtocolToNamedPipe_writesAsAStream() throws Exception {
        Path fifo = dir.resolve("points.fifo");
        Process mkfifo =
                new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, mkfifo.exitValue(), "mkfifo " + fifo);
        // Opening a pipe for writing waits for its reader: read on another thread, to the writer's close. A daemon
        // thread: should the client never open the pipe, the reader stays blocked and must not keep the JVM alive.
        ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fifo-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<String> read = reader.submit(() -> Files.readString(fifo, StandardCharsets.UTF_8));
            try (LlamaDbClient client = LlamaDb.connect("lp:" + fifo)) {
                assertEquals("lp:" + fifo, client.uri());
                client.beginDataset("tb-42", "ds-1");
                client.insert("brushing", 7, new Tags().add("toothbrush_id", "tb-42"), new Fields().addLong("tick", 1));
                client.flush();
                client.beginDataset("tb-42", "ds-2");
                client.insert("brushing", 8, new Tags().add("toothbrush_id", "tb-42"), new Fields().addLong("tick", 2));
                client.flush();
            }
            assertEquals(
                    "brushing,toothbrush_id=tb-42 tick=1i 7\nbrushing,toothbrush_id=tb-42 tick=2i 8\n",
                    read.get(30, TimeUnit.SECONDS));
        } finally {
            reader.shutdownNow();
        }
        assertTrue(
                Files.exists(fifo) && !Files.isRegularFile(fifo) && !Files.isDirectory(fifo),
                "still the named pipe, not a file put in its place");
    }
}
