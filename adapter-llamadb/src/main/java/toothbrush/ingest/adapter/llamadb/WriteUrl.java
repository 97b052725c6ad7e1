package toothbrush.ingest.adapter.llamadb;

import java.net.URI;
import java.net.URISyntaxException;
import toothbrush.ingest.application.report.Redaction;

/**
 * The write URL of an InfluxDB-compatible server, checked before anything is sent: an absolute
 * {@code http(s)} URL with a host and nanosecond timestamps. Every message names the URL redacted by the
 * one {@link Redaction} policy (F4), never as given.
 */
final class WriteUrl {
    private static final String V2_WRITE_PATH = "/api/v2/write";

    private WriteUrl() {}

    /**
     * The URL batches are POSTed to: {@code uri} itself, with {@code precision=ns} added to an InfluxDB
     * 2.x {@code /api/v2/write} URL that names no precision.
     *
     * @throws IllegalArgumentException when {@code uri} is not an absolute {@code http} or {@code https}
     *     URL with a host, carries user info (credentials go into {@code LLAMADB_TOKEN} or the 1.x
     *     {@code u=}/{@code p=} parameters) or a fragment, or asks for a precision other than {@code ns}
     */
    static URI parse(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            // e.getMessage() quotes the whole input, secrets included: only its reason and index are shown
            throw invalid(uri, e.getReason() + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
        String scheme = parsed.getScheme();
        if (scheme == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || parsed.getHost() == null) {
            throw invalid(uri, "expected http(s)://HOST[:PORT]/PATH?QUERY");
        }
        if (parsed.getRawUserInfo() != null) {
            throw invalid(
                    uri,
                    "no user info in the URL; put a token into " + LlamaDbToken.VARIABLE
                            + " (or use InfluxDB 1.x's u= and p= parameters)");
        }
        if (parsed.getRawFragment() != null) {
            throw invalid(uri, "no #fragment allowed");
        }
        String query = parsed.getRawQuery();
        String precision = parameter(query, "precision");
        if (precision != null && !precision.equals("ns") && !precision.equals("n")) {
            throw invalid(
                    uri,
                    "points are written with nanosecond timestamps; drop precision=" + precision
                            + " or use precision=ns");
        }
        String path = parsed.getRawPath();
        if (precision == null && path != null && path.endsWith(V2_WRITE_PATH)) {
            return URI.create(uri + (query == null ? "?" : query.isEmpty() ? "" : "&") + "precision=ns");
        }
        return parsed;
    }

    private static IllegalArgumentException invalid(String uri, String why) {
        return new IllegalArgumentException("invalid LlamaDB URL '" + Redaction.uri(uri) + "': " + why);
    }

    /** The raw value of query parameter {@code name}, or {@code null}. */
    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            if (key.equals(name)) {
                return equals < 0 ? "" : parameter.substring(equals + 1);
            }
        }
        return null;
    }
}
