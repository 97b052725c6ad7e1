package toothbrush.ingest.bootstrap.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The adapters' throwaway servers, from their test-jars: {@code EmbeddedPostgres} (adapter-queue),
 * {@code EmbeddedInfluxDb} and {@code FlakyTcpProxy} (adapter-llamadb). Those classes are package-private in
 * their adapters' packages, so they are reached by reflection (the classpath has no module boundaries);
 * each wrapper forwards the few calls these tests need and rethrows what the call threw.
 */
final class ThrowawayServers {
    private static final String QUEUE_PACKAGE = "toothbrush.ingest.adapter.queue.";
    private static final String LLAMADB_PACKAGE = "toothbrush.ingest.adapter.llamadb.";

    private ThrowawayServers() {
    }

    /** A throwaway PostgreSQL server (initdb + pg_ctl on a free loopback port), deleted on close. */
    static final class Postgres implements AutoCloseable {
        private final Object server;

        private Postgres(Object server) {
            this.server = server;
        }

        static Postgres start() throws Exception {
            return new Postgres(invokeStatic(QUEUE_PACKAGE + "EmbeddedPostgres", "start"));
        }

        /** {@code postgresql://postgres@127.0.0.1:<port>/postgres}. */
        String queueUri() throws Exception {
            return (String) invoke(server, "queueUri");
        }

        /** A new JDBC connection as the superuser. */
        Connection connect() throws Exception {
            return (Connection) invoke(server, "connect");
        }

        @Override
        public void close() throws Exception {
            invoke(server, "close");
        }
    }

    /** A throwaway InfluxDB 1.x server ({@code /usr/bin/influxd}) on a free loopback port, deleted on close. */
    static final class InfluxDb implements AutoCloseable {
        private final Object server;

        private InfluxDb(Object server) {
            this.server = server;
        }

        static InfluxDb start() throws Exception {
            return new InfluxDb(invokeStatic(LLAMADB_PACKAGE + "EmbeddedInfluxDb", "start"));
        }

        int port() throws Exception {
            return (Integer) invoke(server, "port");
        }

        /** {@code http://127.0.0.1:<port>/write?db=<database>}. */
        String writeUrl(String database) throws Exception {
            return (String) invoke(server, "writeUrl", database);
        }

        /** Drops the database if present and creates it empty. */
        void recreateDatabase(String database) throws Exception {
            invoke(server, "recreateDatabase", database);
        }

        /**
         * Runs an InfluxQL statement (timestamps as epoch nanoseconds) and returns every series of its result. The
         * server answers in chunks, one or more per series, so the chunks' series are gathered here.
         */
        List<JsonNode> series(String database, String statement) throws Exception {
            List<JsonNode> series = new ArrayList<>();
            Consumer<JsonNode> chunks = chunk -> chunk.path("series").forEach(series::add);
            Method select = server.getClass().getDeclaredMethod("select", String.class, String.class, Consumer.class);
            select.setAccessible(true);
            call(select, server, database, statement, chunks);
            return series;
        }

        @Override
        public void close() throws Exception {
            invoke(server, "close");
        }
    }

    /** A loopback TCP proxy with an outage switch: down() refuses and resets connections, up() listens again. */
    static final class TcpProxy implements AutoCloseable {
        private final Object proxy;

        TcpProxy(int upstreamPort) throws Exception {
            Class<?> type = Class.forName(LLAMADB_PACKAGE + "FlakyTcpProxy");
            Constructor<?> constructor = type.getDeclaredConstructor(int.class);
            constructor.setAccessible(true);
            this.proxy = construct(constructor, upstreamPort);
        }

        int port() throws Exception {
            return (Integer) invoke(proxy, "port");
        }

        void down() throws Exception {
            invoke(proxy, "down");
        }

        void up() throws Exception {
            invoke(proxy, "up");
        }

        /** Established connections reset by down() so far. */
        int dropped() throws Exception {
            return (Integer) invoke(proxy, "dropped");
        }

        @Override
        public void close() throws Exception {
            invoke(proxy, "close");
        }
    }

    private static Object invokeStatic(String className, String name) throws Exception {
        Method method = Class.forName(className).getDeclaredMethod(name);
        method.setAccessible(true);
        return call(method, null);
    }

    private static Object invoke(Object target, String name, Object... args) throws Exception {
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i].getClass();
        }
        Method method = target.getClass().getDeclaredMethod(name, types);
        method.setAccessible(true);
        return call(method, target, args);
    }

    private static Object call(Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw unwrap(e);
        }
    }

    private static Object construct(Constructor<?> constructor, Object... args) throws Exception {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw unwrap(e);
        }
    }

    private static Exception unwrap(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception exception) {
            return exception;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return e;
    }
}
