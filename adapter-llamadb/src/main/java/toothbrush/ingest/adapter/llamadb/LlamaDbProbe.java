package toothbrush.ingest.adapter.llamadb;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import toothbrush.ingest.application.report.Redaction;

/**
 * Checks that the database of a {@code --db} URI answers and accepts a write, leaving no point behind, for
 * {@code validate}: DuckDB writes a probe dataset and rolls it back; a new {@code lp:} file gets a probe
 * dataset that is cut off again (an existing one is only opened for appending, never truncated: a worker may
 * be writing it); an InfluxDB-compatible server gets one point in measurement {@value #MEASUREMENT}, which is
 * then deleted where the server's API allows it.
 */
public final class LlamaDbProbe {
    /** The measurement of the probe point written to an HTTP server. */
    public static final String MEASUREMENT = "toothbrush_probe";
    /** The toothbrush id of the probe dataset. */
    static final String TOOTHBRUSH_ID = "toothbrush-probe";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private LlamaDbProbe() {}

    /** What the probe found: whether the database is usable, and one sentence saying what was done. */
    public record Result(boolean ok, String detail) {}

    /**
     * Probes the database of {@code uri}; the token variables come from {@code environment}. Never throws
     * for a database that is down or refuses: the result says why (URIs redacted).
     *
     * @throws IllegalArgumentException when the URI names no supported backend
     */
    public static Result probe(String uri, Function<String, String> environment) {
        Objects.requireNonNull(uri, "uri");
        try {
            if (uri.startsWith("lp:")) {
                return lineProtocol(uri);
            }
            if (uri.startsWith("http://") || uri.startsWith("https://")) {
                return http(uri, environment);
            }
            if (uri.startsWith("duckdb:") && uri.length() > "duckdb:".length()) {
                return duckDb(uri);
            }
            // the same message as the worker gives
            LlamaDb.connect(uri, OutputStream.nullOutputStream(), HttpWriteSettings.defaults(), environment)
                    .close();
            return new Result(false, "unsupported");
        } catch (LlamaDbException e) {
            return new Result(false, Redaction.text(e.getMessage()) + cause(e));
        }
    }

    /** The direct cause, when the message does not name it already (a lock held by a running worker, say). */
    private static String cause(Throwable e) {
        Throwable cause = e.getCause();
        String message = String.valueOf(e.getMessage());
        if (cause == null
                || message.contains(cause.getClass().getSimpleName())
                || cause.getMessage() != null && message.contains(cause.getMessage())) {
            return "";
        }
        return ": " + Redaction.text(cause.toString().replace('\n', ' '));
    }

    private static Result duckDb(String uri) {
        try (DuckDbClient client = DuckDbClient.connect(uri, uri.substring("duckdb:".length()))) {
            client.beginDataset(TOOTHBRUSH_ID, "probe-" + System.nanoTime());
            client.insert(
                    "brushing",
                    System.currentTimeMillis() * 1_000_000L,
                    new Tags().add("toothbrush_id", TOOTHBRUSH_ID),
                    new Fields()
                            .addLong("tick", 0)
                            .addLong("tooth", 0)
                            .addDouble("percent_clean", 0)
                            .addString("dataset_id", "probe"));
            client.discard();
        }
        return new Result(true, "opened, a probe dataset written and rolled back");
    }

    private static Result lineProtocol(String uri) {
        String path = uri.substring("lp:".length());
        if (path.equals("-")) {
            return new Result(true, "standard output: nothing to check");
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("unsupported LlamaDB URI '" + uri + "': the path is empty");
        }
        Path file = Path.of(path);
        if (Files.exists(file)) {
            // A worker truncates the file when it starts and may be appending now: open it, write nothing.
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                out.flush();
            } catch (IOException e) {
                return new Result(false, "the line-protocol file cannot be opened for writing: " + e);
            }
            return new Result(true, "the existing file opens for appending, left unchanged");
        }
        try (LlamaDbClient client = LineProtocolClient.toFile(uri, file)) {
            client.beginDataset(TOOTHBRUSH_ID, "probe");
            client.insert(
                    MEASUREMENT,
                    System.currentTimeMillis() * 1_000_000L,
                    new Tags().add("toothbrush_id", TOOTHBRUSH_ID),
                    new Fields().addLong("ok", 1));
            client.discard();
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            return new Result(false, "probe written and cut off, but the new file cannot be deleted: " + e);
        }
        return new Result(true, "a new file written, cut off and deleted");
    }

    private static Result http(String uri, Function<String, String> environment) {
        String token = LlamaDbToken.resolve(environment);
        HttpWriteSettings settings = HttpWriteSettings.defaults()
                .withTimeouts(TIMEOUT, TIMEOUT)
                .withRetry(
                        new HttpWriteSettings.RetryPolicy(2, Duration.ofMillis(200), 2.0, Duration.ofSeconds(1), 0.5));
        long now = System.currentTimeMillis() * 1_000_000L;
        try (HttpLineProtocolClient client = HttpLineProtocolClient.connect(uri, settings, token)) {
            client.insert(
                    MEASUREMENT, now, new Tags().add("toothbrush_id", TOOTHBRUSH_ID), new Fields().addLong("ok", 1));
            client.flush();
        }
        URI write = WriteUrl.parse(uri);
        String deleted;
        try {
            deleted = delete(write, token);
        } catch (IOException e) {
            return new Result(
                    false,
                    "a probe point was written to " + MEASUREMENT + " but cannot be deleted: "
                            + Redaction.text(e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
        return deleted == null
                ? new Result(true, "a probe point written to " + MEASUREMENT + " and deleted")
                : new Result(true, "a probe point written to " + MEASUREMENT + "; " + deleted);
    }

    /** Deletes the probe series; null when done, else a sentence saying why it is left. */
    private static String delete(URI write, String token) throws IOException, InterruptedException {
        String path = write.getPath() == null ? "" : write.getPath();
        String query = write.getRawQuery() == null ? "" : write.getRawQuery();
        HttpRequest.Builder request;
        if (path.endsWith("/api/v2/write")) {
            String base = path.substring(0, path.length() - "write".length());
            String keep = keep(query, "org", "orgID", "bucket", "bucketID");
            request = HttpRequest.newBuilder(at(write, base + "delete", keep))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"start\":\"1970-01-01T00:00:00Z\","
                            + "\"stop\":\"2262-04-11T00:00:00Z\",\"predicate\":\"_measurement=\\\"" + MEASUREMENT
                            + "\\\"\"}"));
        } else if (path.endsWith("/write") && param(query, "db")) {
            String base = path.substring(0, path.length() - "write".length());
            String keep = keep(query, "db", "rp", "u", "p");
            request = HttpRequest.newBuilder(at(write, base + "query", keep))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("q="
                            + URLEncoder.encode("DROP SERIES FROM \"" + MEASUREMENT + "\"", StandardCharsets.UTF_8)));
        } else {
            return "this server has no delete API known to toothbrush-ingest: delete measurement " + MEASUREMENT
                    + " by hand";
        }
        if (token != null) {
            request.header("Authorization", "Token " + token);
        }
        HttpResponse<String> response = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .build()
                .send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2 || response.body().contains("\"error\"")) {
            String body = response.body().strip();
            throw new IOException("the delete answered HTTP " + response.statusCode() + ": "
                    + (body.length() > 200 ? body.substring(0, 200) : body));
        }
        return null;
    }

    private static URI at(URI write, String path, String rawQuery) throws IOException {
        try {
            return new URI(write.getScheme() + "://" + write.getRawAuthority() + path
                    + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
        } catch (URISyntaxException e) {
            throw new IOException("cannot build the delete URL", e);
        }
    }

    private static boolean param(String rawQuery, String name) {
        return !keep(rawQuery, name).isEmpty();
    }

    /** The parameters of {@code rawQuery} named in {@code names}, still encoded. */
    private static String keep(String rawQuery, String... names) {
        StringBuilder kept = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            for (String wanted : names) {
                if (wanted.equals(name)) {
                    kept.append(kept.length() == 0 ? "" : "&").append(pair);
                }
            }
        }
        return kept.toString();
    }
}
