package toothbrush.ingest.bootstrap.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import toothbrush.ingest.adapter.llamadb.EmbeddedInfluxDb;
import toothbrush.ingest.adapter.llamadb.FlakyTcpProxy;
import toothbrush.ingest.adapter.queue.EmbeddedPostgres;

/**
 * The adapters' throwaway servers, from their test-jars: {@code EmbeddedPostgres} (adapter-queue),
 * {@code EmbeddedInfluxDb} and {@code FlakyTcpProxy} (adapter-llamadb), with the few calls these tests need.
 */
final class ThrowawayServers {

    private ThrowawayServers() {}

    /** A throwaway PostgreSQL server (initdb + pg_ctl on a free loopback port), deleted on close. */
    static final class Postgres implements AutoCloseable {
        private final EmbeddedPostgres server;

        private Postgres(EmbeddedPostgres server) {
            this.server = server;
        }

        static Postgres start() throws Exception {
            return new Postgres(EmbeddedPostgres.start());
        }

        /** {@code postgresql://postgres@127.0.0.1:<port>/postgres}. */
        String queueUri() {
            return server.queueUri();
        }

        /** A new JDBC connection as the superuser. */
        Connection connect() throws Exception {
            return server.connect();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** A throwaway InfluxDB 1.x server ({@code /usr/bin/influxd}) on a free loopback port, deleted on close. */
    static final class InfluxDb implements AutoCloseable {
        private final EmbeddedInfluxDb server;

        private InfluxDb(EmbeddedInfluxDb server) {
            this.server = server;
        }

        static InfluxDb start() throws Exception {
            return new InfluxDb(EmbeddedInfluxDb.start());
        }

        int port() {
            return server.port();
        }

        /** {@code http://127.0.0.1:<port>/write?db=<database>}. */
        String writeUrl(String database) {
            return server.writeUrl(database);
        }

        /** Drops the database if present and creates it empty. */
        void recreateDatabase(String database) throws Exception {
            server.recreateDatabase(database);
        }

        /**
         * Runs an InfluxQL statement (timestamps as epoch nanoseconds) and returns every series of its result. The
         * server answers in chunks, one or more per series, so the chunks' series are gathered here.
         */
        List<JsonNode> series(String database, String statement) throws Exception {
            List<JsonNode> series = new ArrayList<>();
            server.select(database, statement, chunk -> chunk.path("series").forEach(series::add));
            return series;
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /**
     * A loopback TCP proxy with an outage switch: down() refuses and resets connections, up() listens again;
     * resetPosts(n) resets the next n write requests (POST) while the server stays reachable.
     */
    static final class TcpProxy implements AutoCloseable {
        private final FlakyTcpProxy proxy;

        TcpProxy(int upstreamPort) throws Exception {
            this.proxy = new FlakyTcpProxy(upstreamPort);
        }

        int port() {
            return proxy.port();
        }

        void down() {
            proxy.down();
        }

        void up() throws Exception {
            proxy.up();
        }

        /**
         * Resets the next {@code count} connections that start with a POST (a write) before they reach the server;
         * a TCP connect probe or a {@code GET /ping} passes. 0 stops, {@link Integer#MAX_VALUE} resets every one.
         */
        void resetPosts(int count) {
            proxy.resetRequests(count, "POST ");
        }

        /** Write requests reset by resetPosts so far. */
        int postsReset() {
            return proxy.requestsReset();
        }

        /** Established connections reset by down() so far. */
        int dropped() {
            return proxy.dropped();
        }

        @Override
        public void close() {
            proxy.close();
        }
    }
}
