package toothbrush.ingest.bootstrap.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an InfluxDB database holds of the tests' points, per toothbrush id and measurement, as a
 * {@link WorkerDatasets.Fingerprint}: count, sum of ticks, first and last timestamp. InfluxDB keeps one point per
 * series and timestamp, so a point written twice counts once and {@code distinctTimestamps} equals the count.
 */
final class InfluxPoints {
    static final String MEASUREMENTS = "\"brushing\", \"settings\"";

    private InfluxPoints() {}

    /** toothbrush id -> measurement -> fingerprint, over the whole database (three grouped queries). */
    static Map<String, Map<String, WorkerDatasets.Fingerprint>> byToothbrush(
            ThrowawayServers.InfluxDb influx, String database) throws Exception {
        Map<String, Map<String, long[]>> figures = new TreeMap<>();
        collect(
                influx.series(
                        database,
                        "SELECT count(\"tick\"), sum(\"tick\") FROM " + MEASUREMENTS + " GROUP BY \"toothbrush_id\""),
                figures,
                (values, f) -> {
                    f[0] = values.get(1).asLong();
                    f[1] = values.get(2).asLong();
                });
        collect(
                influx.series(database, "SELECT first(\"tick\") FROM " + MEASUREMENTS + " GROUP BY \"toothbrush_id\""),
                figures,
                (values, f) -> f[2] = values.get(0).asLong());
        collect(
                influx.series(database, "SELECT last(\"tick\") FROM " + MEASUREMENTS + " GROUP BY \"toothbrush_id\""),
                figures,
                (values, f) -> f[3] = values.get(0).asLong());
        Map<String, Map<String, WorkerDatasets.Fingerprint>> result = new TreeMap<>();
        figures.forEach((toothbrush, byMeasurement) ->
                byMeasurement.forEach((measurement, f) -> result.computeIfAbsent(toothbrush, t -> new TreeMap<>())
                        .put(measurement, new WorkerDatasets.Fingerprint(f[0], f[1], f[2], f[3], f[0]))));
        return result;
    }

    /** measurement -> points of {@code toothbrushId} whose {@code dataset_id} field is {@code datasetId}. */
    static Map<String, Long> countWithDatasetId(
            ThrowawayServers.InfluxDb influx, String database, String toothbrushId, String datasetId) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode series : influx.series(
                database,
                "SELECT count(\"tick\") FROM " + MEASUREMENTS + " WHERE \"toothbrush_id\" = '" + toothbrushId
                        + "' AND \"dataset_id\" = '" + datasetId + "'")) {
            counts.put(
                    series.path("name").asText(),
                    series.path("values").path(0).path(1).asLong());
        }
        return counts;
    }

    /** Folds one value row of a grouped result into its toothbrush's and measurement's figures. */
    @FunctionalInterface
    private interface Folder {
        void fold(JsonNode values, long[] figures);
    }

    private static void collect(List<JsonNode> result, Map<String, Map<String, long[]>> figures, Folder folder) {
        for (JsonNode series : result) {
            String toothbrush = series.path("tags").path("toothbrush_id").asText();
            long[] f = figures.computeIfAbsent(toothbrush, t -> new TreeMap<>())
                    .computeIfAbsent(series.path("name").asText(), m -> new long[4]);
            folder.fold(series.path("values").path(0), f);
        }
    }
}
