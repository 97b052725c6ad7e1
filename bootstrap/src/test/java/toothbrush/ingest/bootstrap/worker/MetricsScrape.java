package toothbrush.ingest.bootstrap.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/** Scrapes a worker's {@code /metrics} (issue 14) for the metrics ITs. */
final class MetricsScrape {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MetricsScrape() {}

    /**
     * Scrapes {@code base/metrics} until every line is in one scrape, and returns that scrape. A scrape is not
     * atomic across metric families, so a job's counters may show in different scrapes for an instant.
     *
     * @throws AssertionError when no scrape within 60 s holds them all (with the last one)
     */
    static String await(String base, String... lines) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            try {
                body = HTTP.send(
                                HttpRequest.newBuilder(URI.create(base + "/metrics"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                if (Arrays.stream(lines).allMatch(body::contains)) {
                    return body;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not all of " + Arrays.toString(lines) + " within 60 s in:\n" + body);
    }
}
