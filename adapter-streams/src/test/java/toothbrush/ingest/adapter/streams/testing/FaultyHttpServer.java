package toothbrush.ingest.adapter.streams.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * An HTTP/1.1 object server on 127.0.0.1 (a free port) for fault-injection tests, written on plain
 * sockets so it can break a response at an exact byte. It serves byte objects with {@code GET}, honours
 * {@code Range: bytes=N-} and {@code If-Range} as an object store does (ETag {@code "v1"}, a fixed
 * {@code Last-Modified}, {@code Content-Length} or chunked), answers every request with
 * {@code Connection: close}, and injects the faults its {@link Builder} asks for:
 *
 * <ul>
 *   <li>cuts the connection once at each of the given (or seeded random) byte offsets of an object,
 *       by a FIN or a reset (seeded);</li>
 *   <li>answers an error status (503, 429...) to the first n requests and/or every k-th request;</li>
 *   <li>ignores Range (always 200 with the whole object);</li>
 *   <li>replaces the object (ETag {@code "v2"}, a later Last-Modified) once a response reaches a byte,
 *       cutting that response there;</li>
 *   <li>stalls once at a byte of the body, or before answering the n-th request;</li>
 *   <li>pauses after every n body bytes (slow but steady, never idle for long);</li>
 *   <li>redirects a path (301, 302, 303, 307, 308) to a Location, relative or absolute;</li>
 *   <li>serves an endless body (a pattern repeated, chunked, until the client goes away);</li>
 *   <li>serves a gzip bomb: a small multi-member gzip of a huge run of zeros.</li>
 * </ul>
 *
 * <p>Each object has its own cuts, stall and replacement; request numbers count all requests. Every
 * exchange is logged ({@link #exchanges()}). Use it with try-with-resources:
 *
 * <pre>{@code
 * try (FaultyHttpServer server = FaultyHttpServer.builder()
 *         .object("/b.csv", brushingBytes).object("/s.jsonl", settingsBytes)
 *         .randomCuts(40, 7).failFirst(2, 503).build()) {
 *     ingest(server.url("/b.csv"), server.url("/s.jsonl"));
 * }
 * }</pre>
 */
public final class FaultyHttpServer implements AutoCloseable {
    /** ETag of an object as built. */
    public static final String ETAG_V1 = "\"v1\"";
    /** ETag of an object after {@link Builder#replaceAfter}. */
    public static final String ETAG_V2 = "\"v2\"";
    /** Last-Modified of an object as built. */
    public static final String LAST_MODIFIED_V1 = "Tue, 28 Jul 2020 00:41:17 GMT";
    /** Last-Modified of an object after {@link Builder#replaceAfter}. */
    public static final String LAST_MODIFIED_V2 = "Wed, 29 Jul 2020 00:41:17 GMT";

    private static final int SEGMENT = 8192;
    private static final int MAX_HEAD = 16 * 1024;

    /** How a cut ends a connection. */
    public enum CutStyle {
        /** An orderly close (FIN): the client sees the body end early. */
        CLOSE,
        /** A reset (RST, SO_LINGER 0): the client sees "connection reset" and may lose bytes in flight. */
        RESET,
        /** Each cut picks one of the two (seeded). */
        MIXED
    }

    /** How the connection of an exchange ended. */
    public enum Ending {
        /** The whole response was sent. */
        COMPLETE,
        /** Cut at a planned offset. */
        CUT,
        /** Cut where the object was replaced. */
        REPLACED,
        /** The client went away (after a stall, usually). */
        CLIENT_GONE,
        /** Still being answered (stalled). */
        IN_PROGRESS
    }

    /**
     * One request and what was done with it.
     *
     * @param number 1-based request number (over all objects)
     * @param path the request path
     * @param range the Range header, or null
     * @param ifRange the If-Range header, or null
     * @param acceptEncoding the Accept-Encoding header, or null
     * @param status the status answered
     * @param from the object offset the body started at
     * @param bytesSent body bytes written (chunk framing not counted)
     * @param ending how the connection ended
     */
    public record Exchange(
            int number,
            String path,
            String range,
            String ifRange,
            String acceptEncoding,
            int status,
            long from,
            long bytesSent,
            Ending ending) {}

    private final Builder config;
    private final ServerSocket serverSocket;
    private final ExecutorService handlers;
    private final Thread acceptor;
    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final List<Entry> exchanges = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Random cutStyles;

    private FaultyHttpServer(Builder config) throws IOException {
        this.config = config;
        this.cutStyles = new Random(config.seed);
        int index = 0;
        for (Map.Entry<String, byte[]> e : config.objects.entrySet()) {
            resources.put(e.getKey(), new Resource(e.getValue(), config, index++));
        }
        serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        handlers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "faulty-http-handler");
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::acceptLoop, "faulty-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A builder for a server with no objects and no faults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code http://127.0.0.1:PORT/path} URL of {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + serverSocket.getLocalPort() + path;
    }

    /**
     * Every exchange so far, in the order the requests were answered. An exchange is logged before its
     * response is written, so a client that has read a response finds it here; this waits (up to 5 s)
     * for responses still being written to end, but not for stalls.
     */
    public List<Exchange> exchanges() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!exchanges.stream().allMatch(Entry::settled) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return exchanges.stream().map(Entry::snapshot).toList();
    }

    /** Requests received so far (their heads read), without waiting for any response as {@link #exchanges()} does. */
    public int requestsReceived() {
        return requestCount.get();
    }

    /** Planned cuts done so far (a replacement's cut not included). */
    public int cutsDone() {
        return cuts.get();
    }

    /** The cut offsets of {@code path} not reached yet. */
    public Set<Long> pendingCuts(String path) {
        Resource r = resource(path);
        synchronized (r) {
            return Set.copyOf(r.cuts);
        }
    }

    /** The current content of {@code path} (the replacement once replaced). */
    public byte[] content(String path) {
        Resource r = resource(path);
        synchronized (r) {
            return r.content.clone();
        }
    }

    private Resource resource(String path) {
        Resource r = resources.get(path);
        if (r == null) {
            throw new IllegalArgumentException("no object at " + path);
        }
        return r;
    }

    /** Stops accepting, ends stalls and closes every connection. */
    @Override
    public void close() {
        closing.countDown();
        try {
            serverSocket.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        handlers.shutdownNow();
        try {
            acceptor.join(5_000);
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            open.add(socket);
            try {
                handlers.execute(() -> handle(socket));
            } catch (RuntimeException rejected) {
                open.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private void handle(Socket socket) {
        try {
            socket.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Map<String, String> head = readHead(in);
            if (head == null) {
                return;
            }
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), SEGMENT);
            int number = requestCount.incrementAndGet();
            String path = head.get(":path");
            if (config.stallHeadersRequest == number && sleepUnlessClosing(config.stallHeadersFor)) {
                return;
            }
            if (config.failFirst > 0 && number <= config.failFirst
                    || config.failEvery > 0 && number % config.failEvery == 0) {
                Entry entry = begin(number, path, head, config.failStatus, 0);
                respondError(out, config.failStatus);
                entry.end(0, Ending.COMPLETE);
                return;
            }
            Redirect redirect = config.redirects.get(path);
            if (redirect != null) {
                Entry entry = begin(number, path, head, redirect.status(), 0);
                String h = "HTTP/1.1 " + redirect.status() + " Redirect\r\nLocation: " + redirect.location()
                        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                out.write(h.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                entry.end(0, Ending.COMPLETE);
                return;
            }
            byte[] pattern = config.endless.get(path);
            if (pattern != null) {
                serveEndless(out, number, path, head, pattern);
                return;
            }
            Resource r = resources.get(path);
            if (r == null || !"GET".equals(head.get(":method"))) {
                int status = r == null ? 404 : 405;
                Entry entry = begin(number, path, head, status, 0);
                respondError(out, status);
                entry.end(0, Ending.COMPLETE);
                return;
            }
            serve(socket, out, number, path, head, r);
        } catch (IOException | UncheckedIOException e) {
            // the client went away, or the server is closing
        } finally {
            open.remove(socket);
            closeQuietly(socket);
        }
    }

    private void serve(Socket socket, OutputStream out, int number, String path, Map<String, String> head, Resource r)
            throws IOException {
        byte[] content;
        int version;
        synchronized (r) {
            content = r.content;
            version = r.version;
        }
        long length = content.length;
        long from = 0;
        boolean partial = false;
        String range = head.get("range");
        if (range != null && !config.ignoreRange) {
            long start = rangeStart(range);
            if (start >= 0 && ifRangeMatches(head.get("if-range"), version)) {
                if (start >= length) {
                    String h = "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" + length
                            + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                    Entry entry = begin(number, path, head, 416, start);
                    out.write(h.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    entry.end(0, Ending.COMPLETE);
                    return;
                }
                from = start;
                partial = true;
            }
        }
        StringBuilder h = new StringBuilder();
        h.append(partial ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n");
        h.append("Content-Type: application/octet-stream\r\n");
        if (config.etag) {
            String tag = version == 1 ? ETAG_V1 : ETAG_V2;
            h.append("ETag: ").append(config.weakEtag ? "W/" + tag : tag).append("\r\n");
        }
        if (config.lastModified) {
            h.append("Last-Modified: ")
                    .append(version == 1 ? LAST_MODIFIED_V1 : LAST_MODIFIED_V2)
                    .append("\r\n");
        }
        if (config.contentEncoding != null) {
            h.append("Content-Encoding: ").append(config.contentEncoding).append("\r\n");
        }
        if (!config.ignoreRange) {
            h.append("Accept-Ranges: bytes\r\n");
        }
        if (partial) {
            h.append("Content-Range: bytes ")
                    .append(from)
                    .append('-')
                    .append(length - 1)
                    .append('/')
                    .append(length)
                    .append("\r\n");
        }
        if (config.chunked) {
            h.append("Transfer-Encoding: chunked\r\n");
        } else {
            h.append("Content-Length: ").append(length - from).append("\r\n");
        }
        h.append("Connection: close\r\n\r\n");
        int status = partial ? 206 : 200;
        Entry entry = begin(number, path, head, status, from);
        out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        long pos = from;
        long chunkLeft = 0;
        try {
            while (pos < length) {
                if (config.chunked && chunkLeft == 0) {
                    chunkLeft = Math.min(SEGMENT, length - pos);
                    out.write((Long.toHexString(chunkLeft) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                long limit = config.chunked ? pos + chunkLeft : Math.min(length, pos + SEGMENT);
                if (config.throttleEvery > 0) {
                    limit = Math.min(limit, (pos / config.throttleEvery + 1) * config.throttleEvery);
                }
                Event event = r.nextEvent(from, pos, version);
                long to = event != null && event.at <= limit ? event.at : limit;
                out.write(content, (int) pos, (int) (to - pos));
                chunkLeft -= config.chunked ? to - pos : 0;
                pos = to;
                if (config.chunked && chunkLeft == 0) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                if (config.throttleEvery > 0 && pos % config.throttleEvery == 0 && pos < length) {
                    out.flush();
                    if (sleepUnlessClosing(config.throttlePause)) {
                        entry.end(pos - from, Ending.CLIENT_GONE);
                        return;
                    }
                }
                if (event != null && event.at == pos) {
                    out.flush();
                    r.done(event);
                    switch (event.kind) {
                        case STALL:
                            entry.waiting = true;
                            if (sleepUnlessClosing(config.stallFor)) {
                                entry.end(pos - from, Ending.CLIENT_GONE);
                                return;
                            }
                            entry.waiting = false;
                            break;
                        case REPLACE:
                            r.replace(config.replacement);
                            entry.end(pos - from, Ending.REPLACED);
                            cut(socket, false);
                            return;
                        default:
                            cuts.incrementAndGet();
                            entry.end(pos - from, Ending.CUT);
                            cut(
                                    socket,
                                    config.cutStyle == CutStyle.RESET
                                            || config.cutStyle == CutStyle.MIXED && nextCutIsReset());
                            return;
                    }
                }
            }
            if (config.chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            entry.end(pos - from, Ending.COMPLETE);
        } catch (IOException e) {
            entry.end(pos - from, Ending.CLIENT_GONE);
        }
    }

    private void serveEndless(OutputStream out, int number, String path, Map<String, String> head, byte[] pattern)
            throws IOException {
        byte[] chunk = new byte[SEGMENT - SEGMENT % pattern.length];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = pattern[i % pattern.length];
        }
        byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        Entry entry = begin(number, path, head, 200, 0);
        long sent = 0;
        try {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked"
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            while (closing.getCount() > 0) {
                out.write(chunkHead);
                out.write(chunk);
                out.write(crlf);
                sent += chunk.length;
                entry.sent = sent;
                if (config.throttleEvery > 0) {
                    out.flush();
                    if (sleepUnlessClosing(config.throttlePause)) {
                        break;
                    }
                }
            }
            entry.end(sent, Ending.CLIENT_GONE);
        } catch (IOException e) {
            entry.end(sent, Ending.CLIENT_GONE);
        }
    }

    /**
     * A gzip bomb: a multi-member gzip whose members each hold 1 MiB of zeros (about 1 KiB compressed),
     * {@code decodedBytes} rounded up to whole MiB in all; 10 GB of zeros take about 10 MB.
     */
    public static byte[] gzipOfZeros(long decodedBytes) {
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(member)) {
            gz.write(new byte[1 << 20]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] one = member.toByteArray();
        long members = (decodedBytes + (1 << 20) - 1) >> 20;
        byte[] bomb = new byte[Math.toIntExact(one.length * members)];
        for (long m = 0; m < members; m++) {
            System.arraycopy(one, 0, bomb, (int) (m * one.length), one.length);
        }
        return bomb;
    }

    private synchronized boolean nextCutIsReset() {
        return cutStyles.nextBoolean();
    }

    private static void cut(Socket socket, boolean reset) throws IOException {
        if (reset) {
            socket.setSoLinger(true, 0);
        }
        socket.close();
    }

    /** True when the server is closing (the caller stops); false once {@code d} has passed. */
    private boolean sleepUnlessClosing(Duration d) {
        try {
            return closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private boolean ifRangeMatches(String ifRange, int version) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("W/")) {
            return false;
        }
        if (v.startsWith("\"")) {
            return config.etag && !config.weakEtag && v.equals(version == 1 ? ETAG_V1 : ETAG_V2);
        }
        return config.lastModified && v.equals(version == 1 ? LAST_MODIFIED_V1 : LAST_MODIFIED_V2);
    }

    /** N of {@code bytes=N-}, or -1 for any other form (ignored, as servers ignore what they do not support). */
    private static long rangeStart(String range) {
        String v = range.trim();
        if (!v.startsWith("bytes=") || !v.endsWith("-")) {
            return -1;
        }
        String digits = v.substring(6, v.length() - 1);
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    private void respondError(OutputStream out, int status) throws IOException {
        byte[] body = ("error " + status + "\n").getBytes(StandardCharsets.US_ASCII);
        String h = "HTTP/1.1 " + status + " Error\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        out.write(h.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private Entry begin(int number, String path, Map<String, String> head, int status, long from) {
        Entry entry = new Entry(
                number, path, head.get("range"), head.get("if-range"), head.get("accept-encoding"), status, from);
        exchanges.add(entry);
        return entry;
    }

    /** An exchange as it happens: logged before its response is written, ended after. */
    private static final class Entry {
        private final int number;
        private final String path;
        private final String range;
        private final String ifRange;
        private final String acceptEncoding;
        private final int status;
        private final long from;
        private volatile long sent;
        private volatile Ending ending;
        /** True while stalled on purpose: {@link #exchanges()} does not wait for it. */
        private volatile boolean waiting;

        Entry(int number, String path, String range, String ifRange, String acceptEncoding, int status, long from) {
            this.number = number;
            this.path = path;
            this.range = range;
            this.ifRange = ifRange;
            this.acceptEncoding = acceptEncoding;
            this.status = status;
            this.from = from;
        }

        void end(long bytesSent, Ending how) {
            sent = bytesSent;
            ending = how;
        }

        boolean settled() {
            return ending != null || waiting;
        }

        Exchange snapshot() {
            Ending e = ending;
            return new Exchange(
                    number,
                    path,
                    range,
                    ifRange,
                    acceptEncoding,
                    status,
                    from,
                    sent,
                    e == null ? Ending.IN_PROGRESS : e);
        }
    }

    /** The request line and headers (names lower-cased; {@code :method}, {@code :path}), or null at EOF. */
    private static Map<String, String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            buf.write(b);
            if (buf.size() > MAX_HEAD) {
                throw new IOException("request head too long");
            }
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : (b == '\r' ? 1 : 0);
        }
        String[] lines = buf.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3) {
            throw new IOException("bad request line: " + lines[0]);
        }
        Map<String, String> head = new LinkedHashMap<>();
        head.put(":method", requestLine[0]);
        head.put(":path", requestLine[1]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                head.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return head;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already broken
        }
    }

    private enum Kind {
        STALL,
        REPLACE,
        CUT
    }

    private record Redirect(int status, String location) {}

    private record Event(long at, Kind kind) {}

    /** One object with its own pending faults. */
    private static final class Resource {
        private byte[] content;
        private int version = 1;
        private final TreeSet<Long> cuts = new TreeSet<>();
        private long stallAt;
        private long replaceAt;

        Resource(byte[] content, Builder config, int index) {
            this.content = content;
            for (long c : config.cutAt) {
                if (c > 0 && c < content.length) {
                    cuts.add(c);
                }
            }
            if (config.randomCuts > 0 && content.length > 1) {
                Random random = new Random(config.seed * 31 + index);
                int wanted = (int) Math.min(config.randomCuts, content.length - 1L);
                TreeSet<Long> drawn = new TreeSet<>();
                while (drawn.size() < wanted) {
                    drawn.add(1 + (long) (random.nextDouble() * (content.length - 1)));
                }
                cuts.addAll(drawn);
            }
            this.stallAt = config.stallAt;
            this.replaceAt = config.replacement == null ? -1 : config.replaceAt;
        }

        /** The first fault at or after {@code pos} for a response of {@code version} that started at {@code from}. */
        synchronized Event nextEvent(long from, long pos, int version) {
            Event next = null;
            if (stallAt >= 0 && stallAt >= pos) {
                next = new Event(stallAt, Kind.STALL);
            }
            if (replaceAt > from
                    && replaceAt >= pos
                    && version == 1
                    && this.version == 1
                    && (next == null || replaceAt < next.at)) {
                next = new Event(replaceAt, Kind.REPLACE);
            }
            Long cut = cuts.ceiling(Math.max(pos, from + 1));
            if (cut != null && (next == null || cut < next.at)) {
                next = new Event(cut, Kind.CUT);
            }
            return next;
        }

        /** Marks a stall or cut as done: it happens once. */
        synchronized void done(Event event) {
            if (event.kind == Kind.CUT) {
                cuts.remove(event.at);
            } else if (event.kind == Kind.STALL) {
                stallAt = -1;
            }
        }

        synchronized void replace(byte[] replacement) {
            content = replacement;
            version = 2;
            replaceAt = -1;
        }
    }

    /** Configures a {@link FaultyHttpServer}; every fault is off until asked for. */
    public static final class Builder {
        private final Map<String, byte[]> objects = new LinkedHashMap<>();
        private final List<Long> cutAt = new ArrayList<>();
        private int randomCuts;
        private long seed = 1;
        private CutStyle cutStyle = CutStyle.MIXED;
        private int failFirst;
        private int failEvery;
        private int failStatus = 503;
        private boolean ignoreRange;
        private boolean etag = true;
        private boolean weakEtag;
        private boolean lastModified = true;
        private boolean chunked;
        private String contentEncoding;
        private long replaceAt = -1;
        private byte[] replacement;
        private long stallAt = -1;
        private Duration stallFor = Duration.ZERO;
        private long throttleEvery;
        private Duration throttlePause = Duration.ZERO;
        private int stallHeadersRequest;
        private Duration stallHeadersFor = Duration.ZERO;
        private final Map<String, Redirect> redirects = new LinkedHashMap<>();
        private final Map<String, byte[]> endless = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Answers a request for {@code path} (the request target as sent, query included) with
         * {@code status} (301, 302, 303, 307 or 308) and {@code Location: location}, sent as given.
         */
        public Builder redirect(String path, int status, String location) {
            if (!Objects.requireNonNull(path, "path").startsWith("/")) {
                throw new IllegalArgumentException("path must start with /: " + path);
            }
            redirects.put(path, new Redirect(status, Objects.requireNonNull(location, "location")));
            return this;
        }

        /**
         * Serves an endless body at {@code path}: {@code pattern} repeated, chunked, until the client goes
         * away or the server closes; paced by {@link #throttle} (a pause after every chunk) if set.
         */
        public Builder endless(String path, byte[] pattern) {
            if (!Objects.requireNonNull(path, "path").startsWith("/")) {
                throw new IllegalArgumentException("path must start with /: " + path);
            }
            if (pattern.length == 0 || pattern.length > SEGMENT) {
                throw new IllegalArgumentException("pattern must be 1 to " + SEGMENT + " bytes");
            }
            endless.put(path, pattern.clone());
            return this;
        }

        /** Serves {@link #gzipOfZeros(long) a gzip bomb} of {@code decodedBytes} zeros at {@code path}. */
        public Builder gzipBomb(String path, long decodedBytes) {
            objects.put(Objects.requireNonNull(path, "path"), gzipOfZeros(decodedBytes));
            return this;
        }

        /** Serves {@code content} at {@code path} (e.g. {@code /b.csv}). */
        public Builder object(String path, byte[] content) {
            if (!Objects.requireNonNull(path, "path").startsWith("/")) {
                throw new IllegalArgumentException("path must start with /: " + path);
            }
            objects.put(path, Objects.requireNonNull(content, "content").clone());
            return this;
        }

        /** Cuts each object's connection once at each of these offsets (those inside the object). */
        public Builder cutAt(long... offsets) {
            for (long o : offsets) {
                cutAt.add(o);
            }
            return this;
        }

        /** Cuts each object's connection once at each of {@code count} distinct offsets drawn with {@code seed}. */
        public Builder randomCuts(int count, long seed) {
            this.randomCuts = count;
            this.seed = seed;
            return this;
        }

        /** How cuts end connections (default {@link CutStyle#MIXED}, seeded by {@link #randomCuts}' seed). */
        public Builder cutStyle(CutStyle style) {
            this.cutStyle = Objects.requireNonNull(style, "style");
            return this;
        }

        /** Answers {@code status} (e.g. 503) to the first {@code requests} requests. */
        public Builder failFirst(int requests, int status) {
            this.failFirst = requests;
            this.failStatus = status;
            return this;
        }

        /** Answers {@code status} (e.g. 503) to every {@code k}-th request. */
        public Builder failEvery(int k, int status) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1: " + k);
            }
            this.failEvery = k;
            this.failStatus = status;
            return this;
        }

        /** Ignores Range headers: every answer is 200 with the whole object. */
        public Builder ignoreRange() {
            this.ignoreRange = true;
            return this;
        }

        /** Sends no ETag. */
        public Builder noEtag() {
            this.etag = false;
            return this;
        }

        /** Sends the ETag weak ({@code W/"v1"}), which If-Range may not use. */
        public Builder weakEtag() {
            this.weakEtag = true;
            return this;
        }

        /** Sends no Last-Modified. */
        public Builder noLastModified() {
            this.lastModified = false;
            return this;
        }

        /** Sends bodies chunked, without Content-Length. */
        public Builder chunked() {
            this.chunked = true;
            return this;
        }

        /** Sends {@code Content-Encoding: value} (the objects' bytes are sent as they are). */
        public Builder contentEncoding(String value) {
            this.contentEncoding = value;
            return this;
        }

        /**
         * When a response of an object first reaches byte {@code offset}, cuts it there and replaces the
         * object with {@code replacement} (ETag {@link #ETAG_V2}, Last-Modified {@link #LAST_MODIFIED_V2}).
         */
        public Builder replaceAfter(long offset, byte[] replacement) {
            this.replaceAt = offset;
            this.replacement =
                    Objects.requireNonNull(replacement, "replacement").clone();
            return this;
        }

        /** Once per object, stops sending at body byte {@code offset} for {@code duration}, then goes on. */
        public Builder stallAt(long offset, Duration duration) {
            this.stallAt = offset;
            this.stallFor = Objects.requireNonNull(duration, "duration");
            return this;
        }

        /** Pauses {@code pause} after every {@code everyBytes} body bytes: a slow but steady body. */
        public Builder throttle(long everyBytes, Duration pause) {
            if (everyBytes < 1) {
                throw new IllegalArgumentException("everyBytes must be >= 1: " + everyBytes);
            }
            this.throttleEvery = everyBytes;
            this.throttlePause = Objects.requireNonNull(pause, "pause");
            return this;
        }

        /** Waits {@code duration} before answering request number {@code request} (1-based): no headers meanwhile. */
        public Builder stallHeaders(int request, Duration duration) {
            this.stallHeadersRequest = request;
            this.stallHeadersFor = Objects.requireNonNull(duration, "duration");
            return this;
        }

        /** Starts the server. */
        public FaultyHttpServer build() {
            try {
                return new FaultyHttpServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
