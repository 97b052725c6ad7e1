package toothbrush.ingest.adapter.llamadb;

import java.util.Locale;
import toothbrush.ingest.application.port.PointSinkException;
import toothbrush.ingest.application.report.Redaction;
import toothbrush.ingest.application.report.Retryability;

/**
 * A LlamaDB backend failed (file or database I/O, DuckDB error, an HTTP server that refused a batch
 * or stayed unreachable through the retries); the message names the backend URI and the dataset being
 * written. {@link #retryability()} is {@link Retryability#PERMANENT} when the server refused the data (HTTP
 * 4xx other than 408 and 429), {@link Retryability#RETRYABLE} for outages. Thrown by every {@link LlamaDbClient} method and by
 * {@link LlamaDb#connect(String)}; the cause carries the backend's own error.
 */
public class LlamaDbException extends PointSinkException {
    private static final long serialVersionUID = 1L;

    private final String uri;
    private final String datasetId;
    private final String what;

    /**
     * @param uri the backend URI
     * @param datasetId the dataset being written, {@code null} when none
     * @param what what failed, e.g. {@code "cannot write"}
     * @param retryability {@link Retryability#RETRYABLE} when trying again may succeed (I/O errors, outages)
     */
    public LlamaDbException(String uri, String datasetId, String what, Retryability retryability, Throwable cause) {
        super(message(Redaction.uri(uri), datasetId, what, cause), retryability, cause);
        this.uri = Redaction.uri(uri);
        this.what = Redaction.text(what);
        this.datasetId = datasetId;
    }

    /** The backend URI, e.g. {@code lp:points.lp}, its secrets masked (F4). */
    public String uri() {
        return uri;
    }

    /** The dataset that was being written, or {@code null} when none. */
    public String datasetId() {
        return datasetId;
    }

    /**
     * "LlamaDB URI dataset ID: what: cause", every URI in it redacted (F4); the cause's message is left out when
     * {@code what} says it already, so no part is repeated.
     */
    private static String message(String uri, String datasetId, String what, Throwable cause) {
        StringBuilder message = new StringBuilder("LlamaDB ").append(uri);
        message.append(datasetId == null ? " (no dataset)" : " dataset " + datasetId);
        message.append(": ").append(what);
        // a wrapped LlamaDbException contributes what failed, not its "LlamaDB URI dataset ID: " prefix again
        String detail =
                cause instanceof LlamaDbException inner ? inner.what : cause == null ? null : cause.getMessage();
        if (detail != null
                && !detail.isBlank()
                && !what.toLowerCase(Locale.ROOT).contains(detail.strip().toLowerCase(Locale.ROOT))) {
            message.append(": ").append(detail);
        }
        return Redaction.text(message.toString());
    }
}
