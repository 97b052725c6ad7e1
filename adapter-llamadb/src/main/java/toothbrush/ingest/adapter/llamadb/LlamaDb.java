package toothbrush.ingest.adapter.llamadb;

import java.nio.file.Path;
import java.util.Objects;

/** Connects to LlamaDB: picks the backend by URI ({@code lp:PATH}, {@code lp:-}, {@code duckdb:PATH}). */
public final class LlamaDb {

    /** The embedded default database (SPEC "Command line"). */
    public static final String DEFAULT_URI = "duckdb:llamadb.duckdb";

    private static final String LINE_PROTOCOL = "lp:";
    private static final String DUCKDB = "duckdb:";
    private static final String STANDARD_OUTPUT = "-";

    private LlamaDb() {
    }

    /**
     * Connects to the backend the URI names:
     * <ul>
     *   <li>{@code lp:PATH}: InfluxDB line protocol into the file at PATH, truncated now and appended
     *       to by every dataset after that;</li>
     *   <li>{@code lp:-}: line protocol to standard output;</li>
     *   <li>{@code duckdb:PATH}: the embedded DuckDB database file at PATH, created if absent.</li>
     * </ul>
     * The caller closes the returned client.
     *
     * @throws IllegalArgumentException for any other URI (the message names it and the accepted forms)
     * @throws LlamaDbException when the file or database cannot be opened
     */
    public static LlamaDbClient connect(String uri) {
        return connect(uri, System.out);
    }

    /**
     * As {@link #connect(String)}, with {@code lp:-} writing to {@code standardOutput} (the command line
     * passes its own standard output, so tests can capture it).
     */
    public static LlamaDbClient connect(String uri, java.io.OutputStream standardOutput) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(standardOutput, "standardOutput");
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
        }
        throw new IllegalArgumentException("unsupported LlamaDB URI '" + uri
                + "': expected lp:PATH, lp:- (standard output) or duckdb:PATH");
    }
}
