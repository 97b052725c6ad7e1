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
 * {@link #up()} listens on the same port again. Plain sockets and two threads per connection.
 */
public final class FlakyTcpProxy implements AutoCloseable {
    private final int port;
    private final int upstreamPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
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
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
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
        }, "flaky-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing after a failure: nothing more to do
        }
    }
}
