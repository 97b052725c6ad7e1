package toothbrush.ingest.adapter.llamadb;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import toothbrush.ingest.application.report.Redaction;

/**
 * Connects to LlamaDB: picks the backend by URI ({@code lp:PATH}, {@code lp:-}, {@code duckdb:PATH},
 * {@code http(s)://} write URL).
 */
public final class LlamaDb {

    /** The embedded default database (SPEC "Command line"). */
    public static final String DEFAULT_URI = "duckdb:llamadb.duckdb";
    /** The environment variable whose value the HTTP backend sends as {@code Authorization: Token <value>}. */
    public static final String TOKEN_VARIABLE = LlamaDbToken.VARIABLE;
    /** The environment variable naming a file that holds the token instead (trimmed; not both). */
    public static final String TOKEN_FILE_VARIABLE = LlamaDbToken.FILE_VARIABLE;

    private static final String LINE_PROTOCOL = "lp:";
    static final String DUCKDB = "duckdb:";
    private static final String HTTP = "http://";
    private static final String HTTPS = "https://";
    private static final String STANDARD_OUTPUT = "-";
    private static final int MAX_PORT = 65535;

    private LlamaDb() {}

    /**
     * Connects to the backend the URI names:
     * <ul>
     *   <li>{@code lp:PATH}: InfluxDB line protocol into the file at PATH, truncated now and appended
     *       to by every dataset after that;</li>
     *   <li>{@code lp:-}: line protocol to standard output;</li>
     *   <li>{@code duckdb:PATH}: the embedded DuckDB database file at PATH, created if absent;</li>
     *   <li>{@code http://...} or {@code https://...}: the line-protocol write URL of an
     *       InfluxDB-compatible server, e.g. {@code http://127.0.0.1:8086/write?db=toothbrush} (InfluxDB
     *       1.x), {@code http://host:8086/api/v2/write?org=o&bucket=b} (2.x) or
     *       {@code http://host:8428/write} (VictoriaMetrics), written in batches with retries and a
     *       circuit breaker ({@link HttpWriteSettings#defaults()}); the token in the environment variable
     *       {@value #TOKEN_VARIABLE} (or read from the file named by {@value #TOKEN_FILE_VARIABLE}),
     *       if set, is sent as {@code Authorization: Token <token>}. Nothing is
     *       connected before the first batch is sent.</li>
     * </ul>
     * The caller closes the returned client.
     *
     * @throws IllegalArgumentException for any other URI (the message names it and the accepted forms)
     *     or an unusable HTTP URL (the message says why)
     * @throws LlamaDbException when the file or database cannot be opened
     */
    public static LlamaDbClient connect(String uri) {
        return connect(uri, System.out);
    }

    /**
     * As {@link #connect(String)}, with {@code lp:-} writing to {@code standardOutput} (the command line
     * passes its own standard output, so tests can capture it).
     */
    public static LlamaDbClient connect(String uri, OutputStream standardOutput) {
        return connect(uri, standardOutput, HttpWriteSettings.defaults());
    }

    /** As {@link #connect(String, OutputStream)}, with {@code http(s)://} URLs written as {@code httpSettings} say. */
    public static LlamaDbClient connect(String uri, OutputStream standardOutput, HttpWriteSettings httpSettings) {
        return connect(uri, standardOutput, httpSettings, System::getenv);
    }

    /**
     * As {@link #connect(String, OutputStream, HttpWriteSettings)}, with the token variables read from
     * {@code environment} instead of the process environment.
     *
     * @throws IllegalArgumentException also when {@value #TOKEN_VARIABLE} and {@value #TOKEN_FILE_VARIABLE} are
     *     both set, the token file cannot be read, or the token is not visible ASCII (never quoting it)
     */
    public static LlamaDbClient connect(
            String uri,
            OutputStream standardOutput,
            HttpWriteSettings httpSettings,
            Function<String, String> environment) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(standardOutput, "standardOutput");
        Objects.requireNonNull(httpSettings, "httpSettings");
        if (uri.startsWith(LINE_PROTOCOL)) {
            String path = uri.substring(LINE_PROTOCOL.length());
            if (path.equals(STANDARD_OUTPUT)) {
                return LineProtocolClient.toStream(uri, standardOutput);
            }
            if (!path.isEmpty()) {
                return LineProtocolClient.toFile(uri, Path.of(path));
            }
        } else if (uri.startsWith(DUCKDB)) {
            String path = uri.substring(DUCKDB.length());
            if (!path.isEmpty()) {
                return DuckDbClient.connect(uri, path);
            }
        } else if (uri.startsWith(HTTP) || uri.startsWith(HTTPS)) {
            return HttpLineProtocolClient.connect(uri, httpSettings, LlamaDbToken.resolve(environment));
        }
        throw unsupported(uri);
    }

    /**
     * Checks what {@link #connect(String, OutputStream, HttpWriteSettings, Function)} would refuse before it
     * connects, without opening, creating or sending anything: the URI's form, an {@code http(s)://} URL's
     * usability as a write URL, and the token variables. A configuration this accepts fails to connect only
     * for reasons of the database itself ({@link LlamaDbException}).
     *
     * @throws IllegalArgumentException as {@code connect} does, with the same message
     */
    public static void check(String uri, Function<String, String> environment) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(environment, "environment");
        if (uri.startsWith(LINE_PROTOCOL) && uri.length() > LINE_PROTOCOL.length()) {
            String path = uri.substring(LINE_PROTOCOL.length());
            if (!path.equals(STANDARD_OUTPUT)) {
                Path.of(path);
            }
            return;
        }
        if (uri.startsWith(DUCKDB) && uri.length() > DUCKDB.length()) {
            return;
        }
        if (uri.startsWith(HTTP) || uri.startsWith(HTTPS)) {
            if (WriteUrl.parse(uri).getPort() > MAX_PORT) {
                // java.net.URI takes any number; the first connection would fail with "port out of range"
                throw new IllegalArgumentException(
                        "invalid LlamaDB URL '" + Redaction.uri(uri) + "': the port must be at most " + MAX_PORT);
            }
            LlamaDbToken.resolve(environment);
            return;
        }
        throw unsupported(uri);
    }

    private static IllegalArgumentException unsupported(String uri) {
        return new IllegalArgumentException("unsupported LlamaDB URI '" + Redaction.uri(uri)
                + "': expected lp:PATH, lp:- (standard output), duckdb:PATH or an http(s):// write URL");
    }
}
