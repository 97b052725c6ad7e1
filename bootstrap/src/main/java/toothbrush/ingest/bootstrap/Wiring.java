package toothbrush.ingest.bootstrap;

import java.io.PrintStream;
import java.util.Map;
import toothbrush.ingest.adapter.llamadb.HttpWriteSettings;
import toothbrush.ingest.adapter.llamadb.LlamaDb;
import toothbrush.ingest.adapter.llamadb.LlamaDbClient;
import toothbrush.ingest.adapter.llamadb.LlamaDbPointSink;
import toothbrush.ingest.adapter.streams.StreamSettings;
import toothbrush.ingest.adapter.streams.StreamsDatasetReader;
import toothbrush.ingest.adapter.streams.source.SourcePolicy;
import toothbrush.ingest.application.port.PointSink;
import toothbrush.ingest.application.service.IngestService;
import toothbrush.ingest.application.service.IngestSettings;

/** Builds the use case from the adapters with plain {@code new}; closing it closes the database client. */
final class Wiring implements AutoCloseable {
    /** SPEC "Command line": the embedded default database. */
    static final String DEFAULT_DB = LlamaDb.DEFAULT_URI;
    /** The help of every {@code --db} that writes: each accepted form, and where a server's token comes from. */
    static final String DB_HELP = "Where points go: duckdb:PATH, lp:PATH, lp:- (standard output), or the http(s)://"
            + " line-protocol write URL of an InfluxDB-compatible server (1.x /write?db=DB, 2.x"
            + " /api/v2/write?org=ORG&bucket=BUCKET), its token from " + LlamaDb.TOKEN_VARIABLE + " or "
            + LlamaDb.TOKEN_FILE_VARIABLE + " (a file holding it) (default: ${DEFAULT-VALUE}).";

    private final LlamaDbClient client;
    private final PointSink sink;
    private final IngestService ingestService;
    private final StreamsDatasetReader reader;

    private Wiring(LlamaDbClient client, StreamSettings streams, SourcePolicy sources, IngestSettings ingest) {
        this.client = client;
        this.sink = new LlamaDbPointSink(client);
        this.reader = new StreamsDatasetReader(streams, sources);
        this.ingestService = new IngestService(reader, sink, ingest);
    }

    /**
     * Connects to the database named by {@code dbUri}; {@code lp:-} writes to {@code standardOutput};
     * streams are read with the given timeouts and retries where {@code sources} allows (U2), datasets ingested
     * within {@code ingest}'s limits.
     *
     * @throws UsageException when the URI names no supported backend or the token variables are unusable
     */
    static Wiring open(
            String dbUri,
            PrintStream standardOutput,
            StreamSettings streams,
            SourcePolicy sources,
            IngestSettings ingest) {
        return open(dbUri, standardOutput, streams, sources, ingest, HttpWriteSettings.defaults(), System.getenv());
    }

    /**
     * As above, with the HTTP backend's batching and retries and the token variables given. Only what
     * {@link #checkDb} refuses is a usage error; anything thrown while connecting, an
     * {@link IllegalArgumentException} included, is a failure to start.
     */
    static Wiring open(
            String dbUri,
            PrintStream standardOutput,
            StreamSettings streams,
            SourcePolicy sources,
            IngestSettings ingest,
            HttpWriteSettings http,
            Map<String, String> environment) {
        checkDb(dbUri, environment);
        LlamaDbClient client = LlamaDb.connect(dbUri, standardOutput, http, environment::get);
        return new Wiring(client, streams, sources, ingest);
    }

    /**
     * Checks a {@code --db} URI and the token variables without connecting ({@link LlamaDb#check}).
     *
     * @throws UsageException saying what is wrong (URIs redacted)
     */
    static void checkDb(String dbUri, Map<String, String> environment) {
        UsageException.verify(() -> LlamaDb.check(dbUri, environment::get));
    }

    IngestService ingestService() {
        return ingestService;
    }

    /** The sink the use case writes to; the worker asks it whether the database is available. */
    PointSink sink() {
        return sink;
    }

    /** The database client, for its retry hook. */
    LlamaDbClient client() {
        return client;
    }

    /** The stream reader, for its retry hook. */
    StreamsDatasetReader reader() {
        return reader;
    }

    @Override
    public void close() {
        client.close();
    }
}
