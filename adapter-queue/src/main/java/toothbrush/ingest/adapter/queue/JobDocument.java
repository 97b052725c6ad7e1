package toothbrush.ingest.adapter.queue;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import toothbrush.ingest.application.port.Dataset;

/**
 * A {@code dir:} queue job file: the JSON object with {@code dataset_id}, {@code toothbrush_id},
 * {@code brushing}, {@code settings}, {@code attempts}, {@code not_before} (epoch ms) and {@code last_error}.
 * Unknown fields of hand-written files are kept when the file is rewritten. F4: a garbage reason names what is
 * wrong (and where), never the file's content.
 */
final class JobDocument implements JobFileContent {
    static final String DATASET_ID = "dataset_id";
    static final String TOOTHBRUSH_ID = "toothbrush_id";
    static final String BRUSHING = "brushing";
    static final String SETTINGS = "settings";
    static final String ATTEMPTS = "attempts";
    static final String NOT_BEFORE = "not_before";
    static final String LAST_ERROR = "last_error";
    static final String LAST_REPORT = "last_report";
    static final String ENQUEUED_AT = "enqueued_at";
    static final String FINISHED_AT = "finished_at";
    static final String WORKER = "worker";

    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectNode node;
    private final Dataset dataset;
    private final int attempts;
    private final long notBefore;

    private JobDocument(ObjectNode node, Dataset dataset, int attempts, long notBefore) {
        this.node = node;
        this.dataset = dataset;
        this.attempts = attempts;
        this.notBefore = notBefore;
    }

    /** A new job for the dataset, ready at {@code nowMillis}. */
    static JobDocument create(Dataset dataset, long nowMillis) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(DATASET_ID, dataset.datasetId());
        node.put(TOOTHBRUSH_ID, dataset.toothbrushId());
        node.put(BRUSHING, dataset.brushingUri());
        node.put(SETTINGS, dataset.settingsUri());
        node.put(ATTEMPTS, 0);
        node.put(NOT_BEFORE, nowMillis);
        node.putNull(LAST_ERROR);
        node.put(ENQUEUED_AT, nowMillis);
        return new JobDocument(node, dataset, 0, nowMillis);
    }

    /** Reads a job file's bytes: a job, or garbage with the reason. */
    static JobFileContent parse(byte[] bytes) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            // never e.getMessage(): Jackson quotes the offending token, i.e. the file's content (F4)
            JsonLocation at = e.getLocation();
            return new JobFileContent.Garbage("not a JSON object"
                    + (at == null
                            ? ""
                            : " (invalid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            return new JobFileContent.Garbage(
                    "not a JSON object (unreadable: " + e.getClass().getSimpleName() + ")");
        }
        if (tree == null || !tree.isObject()) {
            return new JobFileContent.Garbage("not a JSON object");
        }
        ObjectNode node = (ObjectNode) tree;
        String[] texts = new String[4];
        String[] names = {DATASET_ID, TOOTHBRUSH_ID, BRUSHING, SETTINGS};
        for (int i = 0; i < names.length; i++) {
            JsonNode value = node.get(names[i]);
            if (value == null || value.isNull()) {
                return new JobFileContent.Garbage("missing field " + names[i]);
            }
            if (!value.isTextual()) {
                return new JobFileContent.Garbage("field " + names[i] + " is not a string");
            }
            texts[i] = value.textValue();
        }
        Dataset dataset;
        try {
            dataset = new Dataset(texts[0], texts[1], texts[2], texts[3]);
        } catch (IllegalArgumentException e) {
            return new JobFileContent.Garbage("invalid dataset: " + e.getMessage());
        }
        JsonNode attemptsNode = node.get(ATTEMPTS);
        int attempts = 0;
        if (attemptsNode != null && !attemptsNode.isNull()) {
            if (!attemptsNode.isIntegralNumber() || !attemptsNode.canConvertToInt() || attemptsNode.intValue() < 0) {
                return new JobFileContent.Garbage("field attempts is not a non-negative integer");
            }
            attempts = attemptsNode.intValue();
        }
        JsonNode notBeforeNode = node.get(NOT_BEFORE);
        long notBefore = 0;
        if (notBeforeNode != null && !notBeforeNode.isNull()) {
            if (!notBeforeNode.isIntegralNumber()
                    || !notBeforeNode.canConvertToLong()
                    || notBeforeNode.longValue() < 0) {
                return new JobFileContent.Garbage(
                        "field not_before is not a non-negative integer (epoch milliseconds)");
            }
            notBefore = notBeforeNode.longValue();
        }
        return new JobDocument(node, dataset, attempts, notBefore);
    }

    Dataset dataset() {
        return dataset;
    }

    int attempts() {
        return attempts;
    }

    long notBefore() {
        return notBefore;
    }

    /** The epoch ms of a time field, or {@code null} when absent or not a number. */
    Long millis(String field) {
        JsonNode value = node.get(field);
        return value != null && value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : null;
    }

    /** {@code last_error}, or {@code null}. */
    String lastError() {
        JsonNode value = node.get(LAST_ERROR);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** The last attempt's report kept in the job (a pending job's), or {@code null}. */
    String lastReportJson() {
        JsonNode value = node.get(LAST_REPORT);
        return value != null && value.isObject() ? value.toString() : null;
    }

    /**
     * This failed job made pending again by an operator: no attempts counted, ready at {@code nowMillis}, no
     * finishing time; {@code reportJson} (the failed attempt's report), when given, is kept as the last report.
     */
    JobDocument retried(long nowMillis, String reportJson) {
        ObjectNode copy = node.deepCopy();
        copy.put(ATTEMPTS, 0);
        copy.put(NOT_BEFORE, nowMillis);
        copy.remove(FINISHED_AT);
        copy.remove(WORKER);
        if (reportJson != null) {
            try {
                copy.set(LAST_REPORT, MAPPER.readTree(reportJson));
            } catch (JsonProcessingException e) {
                copy.remove(LAST_REPORT); // a report file edited by hand is not carried over
            }
        }
        return new JobDocument(copy, dataset, 0, nowMillis);
    }

    /** This job after a failed attempt: attempts + 1, the reason, the next not-before and the attempt's report. */
    JobDocument failedAttempt(String reason, long nextNotBefore, String reportJson) {
        ObjectNode copy = node.deepCopy();
        copy.put(ATTEMPTS, attempts + 1);
        copy.put(NOT_BEFORE, nextNotBefore);
        copy.put(LAST_ERROR, reason);
        if (reportJson != null) {
            copy.set(LAST_REPORT, reportTree(reportJson));
        }
        return new JobDocument(copy, dataset, attempts + 1, nextNotBefore);
    }

    /** This job as finished by {@code worker} at {@code nowMillis}. */
    JobDocument finished(long nowMillis, String worker) {
        ObjectNode copy = node.deepCopy();
        copy.put(FINISHED_AT, nowMillis);
        copy.put(WORKER, worker);
        return new JobDocument(copy, dataset, attempts, notBefore);
    }

    /** The file content: the JSON object on one line. */
    byte[] toBytes() {
        try {
            byte[] json = MAPPER.writeValueAsBytes(node);
            byte[] line = Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a job document could not be written as JSON", e);
        }
    }

    /** The report (checked by {@link #requireJsonObject}) as a JSON tree. */
    private static JsonNode reportTree(String reportJson) {
        try {
            return MAPPER.readTree(reportJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("reportJson is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Checks that a report is one JSON object.
     *
     * @throws IllegalArgumentException when it is not (a programming error of the report encoder)
     */
    static void requireJsonObject(String reportJson) {
        java.util.Objects.requireNonNull(reportJson, "reportJson");
        JsonNode tree;
        try {
            tree = MAPPER.readTree(reportJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("reportJson is not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("reportJson is not a JSON object");
        }
    }
}
