package toothbrush.ingest.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import toothbrush.ingest.application.report.Redaction;

/**
 * Whether the database of a {@code --db} URI can be reached now, for {@code /readyz}: an InfluxDB answers
 * {@code /ping}, a DuckDB file is there (the worker holds it open), an {@code lp:} file is writable.
 */
final class DatabaseProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String uri;
    private final HttpClient http;

    DatabaseProbe(String uri) {
        this.uri = uri;
        this.http = uri.startsWith("http://") || uri.startsWith("https://")
                ? HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
                : null;
    }

    /** Null when the database can be reached, else a one-line reason (URIs redacted). */
    String problem() {
        try {
            if (http != null) {
                URI write = URI.create(uri);
                URI ping = new URI(write.getScheme(), null, write.getHost(), write.getPort(), "/ping", null, null);
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(ping).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return response.statusCode() / 100 == 2
                        ? null
                        : "database " + Redaction.uri(uri) + ": /ping answered HTTP " + response.statusCode();
            }
            if (uri.startsWith("duckdb:")) {
                Path file = Path.of(uri.substring("duckdb:".length()));
                return Files.isRegularFile(file) ? null : "database " + uri + ": the DuckDB file is gone";
            }
            if (uri.startsWith("lp:") && !uri.equals("lp:-")) {
                Path file = Path.of(uri.substring("lp:".length()));
                return Files.isWritable(file) ? null : "database " + uri + ": the line-protocol file is not writable";
            }
            return null;
        } catch (IOException | java.net.URISyntaxException | IllegalArgumentException e) {
            return "database " + Redaction.uri(uri) + " cannot be reached: " + Redaction.text(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
