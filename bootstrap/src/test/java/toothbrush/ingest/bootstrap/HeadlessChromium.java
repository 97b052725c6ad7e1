package toothbrush.ingest.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Chromium, headless, driven over the DevTools protocol (a WebSocket, {@code java.net.http}): it loads a
 * page at a window size and reports what a person would notice: console messages, uncaught exceptions, the
 * browser's own log (a resource that failed to load, a blocked request), every URL requested, plus a screenshot,
 * a PDF print and the values of a few expressions evaluated on the loaded page.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What loading one page gave. */
    record Load(
            List<String> problems,
            List<String> requestedUrls,
            byte[] screenshotPng,
            byte[] pdf,
            Map<String, JsonNode> evaluated) {}

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /**
     * The Chromium binary: {@code $CHROMIUM}, else {@code chromium}, {@code chromium-browser} or
     * {@code google-chrome} on the PATH.
     */
    static Optional<Path> find() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
            for (String dir :
                    System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts {@code binary} headless with a throwaway profile and connects to its DevTools endpoint. */
    static HeadlessChromium start(Path binary) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile-");
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--disable-extensions",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--mute-audio",
                        "--hide-scrollbars",
                        "--user-data-dir=" + profile,
                        "--remote-debugging-port=0",
                        "--remote-allow-origins=*",
                        "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            lines.add(line);
                            Matcher m = DEVTOOLS.matcher(line);
                            if (m.find()) {
                                endpoint.complete(m.group(1));
                            }
                        }
                    } catch (IOException e) {
                        endpoint.completeExceptionally(e);
                    }
                    endpoint.completeExceptionally(
                            new IllegalStateException("chromium ended without a DevTools endpoint"));
                },
                "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String url;
        try {
            url = endpoint.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not start: " + String.join("\n", lines), e);
        }
        HeadlessChromium[] self = new HeadlessChromium[1];
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(TIMEOUT)
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    private final StringBuilder message = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        message.append(data);
                        if (last) {
                            String text = message.toString();
                            message.setLength(0);
                            self[0].received(text);
                        }
                        webSocket.request(1);
                        return null;
                    }
                })
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        self[0] = new HeadlessChromium(process, profile, socket);
        self[0].stderr.addAll(lines);
        return self[0];
    }

    private void received(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> future =
                        pending.remove(message.get("id").asInt());
                if (future != null) {
                    if (message.has("error")) {
                        future.completeExceptionally(new IllegalStateException("DevTools: " + message.get("error")));
                    } else {
                        future.complete(message.get("result"));
                    }
                }
            } else {
                events.add(message);
            }
        } catch (IOException e) {
            events.add(JSON.createObjectNode().put("method", "unparsable").put("text", text));
        }
    }

    private JsonNode send(String sessionId, String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        pending.put(id, future);
        socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static ObjectNode params() {
        return JSON.createObjectNode();
    }

    /**
     * Loads {@code url} in a new tab of {@code width} x {@code height} CSS pixels, waits for its load event and a
     * moment more, and gathers what happened, a screenshot of the window, an A4 landscape print and the
     * {@code expressions} evaluated on the page.
     */
    Load load(String url, int width, int height, List<String> expressions) throws Exception {
        return load(url, width, height, "screen", expressions);
    }

    /** As {@link #load(String, int, int, List)}, with CSS media {@code media} ({@code screen} or {@code print}). */
    Load load(String url, int width, int height, String media, List<String> expressions) throws Exception {
        String targetId = send(null, "Target.createTarget", params().put("url", "about:blank"))
                .get("targetId")
                .asText();
        String session = send(
                        null,
                        "Target.attachToTarget",
                        params().put("targetId", targetId).put("flatten", true))
                .get("sessionId")
                .asText();
        for (String domain : new String[] {"Page", "Runtime", "Log", "Network"}) {
            send(session, domain + ".enable", null);
        }
        send(
                session,
                "Emulation.setDeviceMetricsOverride",
                params().put("width", width)
                        .put("height", height)
                        .put("deviceScaleFactor", 1)
                        .put("mobile", false));
        send(session, "Emulation.setEmulatedMedia", params().put("media", media));
        int seen = events.size();
        send(session, "Page.navigate", params().put("url", url));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (events.subList(seen, events.size()).stream().noneMatch(e -> is(e, session, "Page.loadEventFired"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no load event within " + TIMEOUT + " for " + url);
            }
            Thread.sleep(20);
        }
        Thread.sleep(500); // late console messages and failed requests
        Map<String, JsonNode> evaluated = new java.util.LinkedHashMap<>();
        for (String expression : expressions) {
            JsonNode result = send(
                    session,
                    "Runtime.evaluate",
                    params().put("expression", expression).put("returnByValue", true));
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException("evaluating " + expression + ": " + result.get("exceptionDetails"));
            }
            evaluated.put(expression, result.get("result").get("value"));
        }
        byte[] png = Base64.getDecoder()
                .decode(send(session, "Page.captureScreenshot", params().put("format", "png"))
                        .get("data")
                        .asText());
        byte[] pdf = Base64.getDecoder()
                .decode(send(
                                session,
                                "Page.printToPDF",
                                params().put("landscape", true)
                                        .put("printBackground", true)
                                        .put("preferCSSPageSize", true))
                        .get("data")
                        .asText());

        List<String> problems = new ArrayList<>();
        List<String> requested = new ArrayList<>();
        for (JsonNode event : events.subList(seen, events.size())) {
            if (!session.equals(event.path("sessionId").asText())) {
                continue;
            }
            JsonNode p = event.path("params");
            switch (event.path("method").asText()) {
                case "Runtime.consoleAPICalled" ->
                    problems.add("console." + p.path("type").asText() + ": " + p.path("args"));
                case "Runtime.exceptionThrown" -> problems.add("uncaught: " + p.path("exceptionDetails"));
                case "Log.entryAdded" -> {
                    String level = p.path("entry").path("level").asText();
                    if (level.equals("error") || level.equals("warning")) {
                        problems.add("log " + level + ": "
                                + p.path("entry").path("text").asText() + " "
                                + p.path("entry").path("url").asText());
                    }
                }
                case "Network.requestWillBeSent" ->
                    requested.add(p.path("request").path("url").asText());
                case "Network.loadingFailed" ->
                    problems.add("loading failed: " + p.path("errorText").asText());
                default -> {}
            }
        }
        send(null, "Target.closeTarget", params().put("targetId", targetId));
        return new Load(problems, requested, png, pdf, evaluated);
    }

    private static boolean is(JsonNode event, String session, String method) {
        return method.equals(event.path("method").asText())
                && session.equals(event.path("sessionId").asText());
    }

    /** What chromium wrote on standard error before the DevTools endpoint (for failure messages). */
    List<String> startupLog() {
        return List.copyOf(stderr);
    }

    @Override
    public void close() throws IOException {
        try {
            send(null, "Browser.close", null);
        } catch (Exception e) {
            // already gone: destroyed below
        }
        socket.abort();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            // Kill it, still delete the profile, and keep the interrupt for the caller rather than throw it from
            // close(), where try-with-resources would suppress it (javac lint "try").
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
