package toothbrush.ingest.adapter.llamadb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a loopback port in front of a server, with an outage switch: {@link #down()} closes
 * the listening socket (new connections are refused) and resets every established connection;
 * {@link #up()} listens on the same port again. {@link #resetRequests} fails requests instead while the
 * server stays reachable: a connection whose first bytes start with a given prefix (e.g. {@code "POST "}) is
 * reset before anything reaches the server. Plain sockets and two threads per connection.
 */
public final class FlakyTcpProxy implements AutoCloseable {
    private final int port;
    private final int upstreamPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger requestsToReset = new AtomicInteger();
    private final AtomicInteger requestsReset = new AtomicInteger();
    private volatile byte[] resetPrefix = new byte[0];
    private ServerSocket listener;

    /** A proxy on a free port to {@code 127.0.0.1:upstreamPort}, up. */
    public FlakyTcpProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.port = EmbeddedInfluxDb.freePort();
        up();
    }

    /** The proxy's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Established connections reset by {@link #down()} so far. */
    public int dropped() {
        return dropped.get();
    }

    /**
     * Resets the next {@code count} connections whose client's first bytes start with {@code requestPrefix}
     * (e.g. {@code "POST "}: write requests, not {@code GET /ping}), as soon as those bytes arrive and before
     * any byte reaches the server; the client sees its request fail with a connection reset. A connection that
     * closes without sending a byte (a TCP connect probe) or sends anything else is forwarded. Replaces an
     * earlier count; {@code 0} stops resetting, {@link Integer#MAX_VALUE} resets every such request from now on.
     */
    public void resetRequests(int count, String requestPrefix) {
        if (count < 0 || requestPrefix.isEmpty()) {
            throw new IllegalArgumentException("count >= 0 and a non-empty prefix: " + count + ", " + requestPrefix);
        }
        resetPrefix = requestPrefix.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        requestsToReset.set(count);
    }

    /** Connections reset by {@link #resetRequests} so far. */
    public int requestsReset() {
        return requestsReset.get();
    }

    /** Listens again (on the same port) and forwards new connections. */
    public synchronized void up() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        listener = socket;
        Thread acceptor = new Thread(() -> accept(socket), "flaky-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Stops listening (connections are refused) and resets every established connection. */
    public synchronized void down() {
        if (listener == null) {
            return;
        }
        closeQuietly(listener);
        listener = null;
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0);
            } catch (SocketException e) {
                // already closed
            }
            if (!socket.isClosed()) {
                dropped.incrementAndGet();
            }
            closeQuietly(socket);
        }
        sockets.clear();
    }

    @Override
    public void close() {
        down();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(client);
                sockets.add(server);
                synchronized (this) {
                    if (listener != socket) {
                        closeQuietly(client);
                        closeQuietly(server);
                        continue;
                    }
                }
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** Copies {@code from} to {@code to} on a new thread; {@code request}: from is the client (see resetRequests). */
    private void pump(Socket from, Socket to, boolean request) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[64 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int start = 0;
                        if (request && requestsToReset.get() > 0) {
                            start = firstBytes(in, buffer, resetPrefix.length);
                            if (startsWith(buffer, start, resetPrefix) && takeOne(requestsToReset)) {
                                requestsReset.incrementAndGet();
                                reset(from);
                                reset(to);
                                return;
                            }
                        }
                        if (start > 0) {
                            out.write(buffer, 0, start);
                        }
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            out.write(buffer, 0, n);
                        }
                    } catch (IOException e) {
                        // the connection was reset or closed: close both sides below
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        sockets.remove(from);
                        sockets.remove(to);
                    }
                },
                "flaky-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads until {@code wanted} bytes or the end of the stream; returns how many were read. */
    private static int firstBytes(InputStream in, byte[] buffer, int wanted) throws IOException {
        int read = 0;
        while (read < wanted) {
            int n = in.read(buffer, read, buffer.length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return read;
    }

    private static boolean startsWith(byte[] buffer, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Takes one from a positive count; {@link Integer#MAX_VALUE} stays unlimited. */
    private static boolean takeOne(AtomicInteger count) {
        return count.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0;
    }

    /** Closes with a TCP reset (RST), not an orderly FIN. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing after a failure: nothing more to do
        }
    }
}
