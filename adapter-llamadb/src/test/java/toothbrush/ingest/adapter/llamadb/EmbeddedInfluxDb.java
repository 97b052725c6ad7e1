package toothbrush.ingest.adapter.llamadb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway InfluxDB 1.x server for integration tests: {@code /usr/bin/influxd} (Debian package
 * {@code influxdb}) started with a generated configuration whose meta, data and WAL directories live in
 * a temporary directory, HTTP bound to a free loopback port, usage reporting, the monitor database, the
 * other listeners and background services off. {@link #close()} stops it and deletes the directory.
 */
public final class EmbeddedInfluxDb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfluxDb.class);
    public static final Path INFLUXD = Path.of("/usr/bin/influxd");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int port;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Thread shutdownHook;
    private boolean stopped;

    private EmbeddedInfluxDb(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.shutdownHook = new Thread(this::stopQuietly, "embedded-influxdb-stop");
    }

    /**
     * Starts a new server and waits until {@code /ping} answers 204.
     *
     * @throws IllegalStateException when influxd is not installed (naming the package to install) or
     *     does not come up (with its log)
     */
    public static EmbeddedInfluxDb start() throws IOException, InterruptedException {
        if (!Files.isExecutable(INFLUXD)) {
            throw new IllegalStateException("the InfluxDB integration tests need " + INFLUXD
                    + ": install the Debian package influxdb (InfluxDB 1.x) with `apt-get install -y influxdb`");
        }
        Path dir = Files.createTempDirectory("toothbrush-influxdb-");
        int port = freePort();
        Path config = dir.resolve("influxdb.conf");
        Files.writeString(config, config(dir, port, freePort()));
        ProcessBuilder builder = new ProcessBuilder(INFLUXD.toString(), "run", "-config", config.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("influxd.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("INFLUXDB_"));
        EmbeddedInfluxDb server = new EmbeddedInfluxDb(dir, port, builder.start());
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.awaitPing();
        } catch (IOException | RuntimeException | InterruptedException e) {
            String log = server.log();
            server.close();
            throw new IllegalStateException("influxd did not start: " + e.getMessage() + "\n" + log, e);
        }
        return server;
    }

    /** The HTTP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The InfluxDB 1.x write URL of {@code database}. */
    public String writeUrl(String database) {
        return "http://127.0.0.1:" + port + "/write?db=" + database;
    }

    /** Drops {@code database} if present and creates it empty. */
    public void recreateDatabase(String database) throws IOException, InterruptedException {
        query(null, "DROP DATABASE \"" + database + "\"");
        query(null, "CREATE DATABASE \"" + database + "\"");
    }

    /**
     * Runs an InfluxQL statement ({@code POST /query}, timestamps as epoch nanoseconds) and returns
     * the first result.
     *
     * @throws IllegalStateException when the server answers with an error
     */
    public JsonNode query(String database, String statement) throws IOException, InterruptedException {
        JsonNode[] first = new JsonNode[1];
        select(database, statement, result -> {
            if (first[0] == null) {
                first[0] = result;
            }
        });
        return first[0];
    }

    /**
     * Runs an InfluxQL statement in chunked mode (10,000 rows per chunk) and hands every chunk's first
     * result ({@code {"statement_id":0,"series":[...]}}) to {@code chunks}, so large results are never
     * held whole.
     */
    public void select(String database, String statement, Consumer<JsonNode> chunks)
            throws IOException, InterruptedException {
        StringBuilder form =
                new StringBuilder("q=").append(encode(statement)).append("&epoch=ns&chunked=true&chunk_size=10000");
        if (database != null) {
            form.append("&db=").append(encode(database));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/query"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("InfluxDB answered HTTP " + response.statusCode() + " to " + statement
                        + ": " + lines.lines().reduce("", String::concat));
            }
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode chunk = JSON.readTree(line);
                if (chunk.has("error")) {
                    throw new IllegalStateException("InfluxDB refused " + statement + ": " + chunk.get("error"));
                }
                JsonNode result = chunk.path("results").path(0);
                if (result.has("error")) {
                    throw new IllegalStateException("InfluxDB refused " + statement + ": " + result.get("error"));
                }
                chunks.accept(result);
            }
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
    }

    private void awaitPing() throws IOException, InterruptedException {
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("influxd exited with status " + process.exitValue());
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new IOException(
                "no 204 from /ping within " + STARTUP_TIMEOUT.toSeconds() + " s" + (last == null ? "" : ": " + last));
    }

    private synchronized void stopQuietly() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            deleteRecursively(dir);
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("influxd.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * The configuration: everything under {@code dir}, HTTP and the backup RPC on loopback only. The
     * Debian build's usage-reporting key is {@code reporting-enabled} (upstream's is
     * {@code reporting-disabled}); it defaults to off there and is set off explicitly.
     */
    static String config(Path dir, int httpPort, int rpcPort) {
        return """
                reporting-enabled = false
                bind-address = "127.0.0.1:%d"

                [meta]
                  dir = "%s"
                  logging-enabled = false

                [data]
                  dir = "%s"
                  wal-dir = "%s"
                  query-log-enabled = false

                [monitor]
                  store-enabled = false

                [http]
                  enabled = true
                  bind-address = "127.0.0.1:%d"
                  auth-enabled = false
                  log-enabled = false
                  pprof-enabled = false
                  unix-socket-enabled = false

                [logging]
                  level = "warn"
                  suppress-logo = true

                [continuous_queries]
                  enabled = false

                [subscriber]
                  enabled = false

                [retention]
                  enabled = false

                [shard-precreation]
                  enabled = false

                [[graphite]]
                  enabled = false

                [[collectd]]
                  enabled = false

                [[opentsdb]]
                  enabled = false

                [[udp]]
                  enabled = false
                """.formatted(rpcPort, dir.resolve("meta"), dir.resolve("data"), dir.resolve("wal"), httpPort);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", root, e.getMessage());
        }
    }
}
