package toothbrush.ingest.bootstrap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, {@code jobs} end to end on the jar: a good job and one whose stream is missing are drained by a real
 * worker, then listed, shown, retried and purged, on a {@code dir:} queue and on a real PostgreSQL queue (the
 * worker of the PostgreSQL case finds its queue in {@code TOOTHBRUSH_QUEUE} only).
 */
class JobsCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ThrowawayServers.Postgres postgres;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        WorkerProcess.requireJar();
        postgres = ThrowawayServers.Postgres.start();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @DisplayName("dir: queue: jobs list/show/retry/purge after a drain with one good and one missing-stream job")
    void directoryQueue_jobsCommandsWork() throws Exception {
        exercise("dir:jobs", false);
    }

    @Test
    @DisplayName("PostgreSQL queue, worker configured by TOOTHBRUSH_QUEUE: jobs list/show/retry/purge")
    void postgresQueue_jobsCommandsWork() throws Exception {
        try (var connection = postgres.connect();
                var statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS toothbrush_jobs");
        }
        exercise(postgres.queueUri(), true);
    }

    private void exercise(String queue, boolean workerQueueFromEnvironment) throws Exception {
        Path sample = Path.of(System.getProperty("toothbrush.sample", "../sample"))
                .toAbsolutePath()
                .normalize();
        Files.copy(sample.resolve("brushing.csv"), work.resolve("brushing.csv"));
        Files.copy(sample.resolve("settings.jsonlines"), work.resolve("settings.jsonlines"));
        String good = ok(
                        "enqueue",
                        "--queue",
                        queue,
                        "--brushing",
                        "brushing.csv",
                        "--settings",
                        "settings.jsonlines",
                        "--toothbrush-id",
                        "tb-1",
                        "--dataset-id",
                        "ds-good")
                .strip();
        Thread.sleep(5);
        String bad = ok(
                        "enqueue",
                        "--queue",
                        queue,
                        "--brushing",
                        "missing.csv",
                        "--settings",
                        "settings.jsonlines",
                        "--toothbrush-id",
                        "tb-1",
                        "--dataset-id",
                        "ds-missing")
                .strip();

        List<String> workerArgs = new ArrayList<>(List.of("worker", "--drain", "--db", "lp:points.lp"));
        Map<String, String> environment = Map.of();
        if (workerQueueFromEnvironment) {
            environment = Map.of("TOOTHBRUSH_QUEUE", queue);
        } else {
            workerArgs.addAll(List.of("--queue", queue));
        }
        WorkerProcess.Run drained = WorkerProcess.run(work, environment, workerArgs.toArray(String[]::new));
        assertEquals(0, drained.exitCode(), drained.stderr());

        List<JsonNode> failed = lines(ok("jobs", "list", "--queue", queue, "--state", "failed", "--json"));
        assertEquals(1, failed.size(), failed.toString());
        JsonNode failedJob = failed.get(0);
        assertEquals(bad, failedJob.get("id").asText());
        assertEquals("ds-missing", failedJob.get("dataset_id").asText());
        assertEquals("tb-1", failedJob.get("toothbrush_id").asText());
        assertEquals("failed", failedJob.get("state").asText());
        assertEquals("source_not_found", failedJob.get("reason").asText());
        assertEquals(1, failedJob.get("attempts").asInt());
        assertTrue(failedJob.get("message").asText().contains("missing.csv"), failedJob.toString());
        assertTrue(
                failedJob.get("enqueued_at").isTextual()
                        && failedJob.get("finished_at").isTextual(),
                failedJob.toString());

        JsonNode shown = JSON.readTree(ok("jobs", "show", "--queue", queue, good));
        assertEquals("done", shown.get("state").asText());
        assertEquals("completed", shown.get("report").get("outcome").asText());
        assertEquals(530, shown.get("report").get("points_written").asInt());
        assertTrue(shown.get("brushing").asText().endsWith("/brushing.csv"), shown.toString());
        assertTrue(shown.has("lease_holder") && shown.get("reason").isNull(), shown.toString());

        String table = ok("jobs", "list", "--queue", queue);
        assertTrue(table.startsWith("ID") && table.contains("source_not_found") && table.contains("ds-good"), table);

        assertEquals("1", ok("jobs", "retry", "--queue", queue, bad).strip());
        JsonNode retried = JSON.readTree(ok("jobs", "show", "--queue", queue, bad));
        assertEquals("pending", retried.get("state").asText());
        assertEquals(0, retried.get("attempts").asInt());
        assertEquals(List.of(), lines(ok("jobs", "list", "--queue", queue, "--state", "failed", "--json")));

        assertEquals(
                "1", ok("jobs", "purge", "--queue", queue, "--state", "done").strip());
        assertEquals(List.of(), lines(ok("jobs", "list", "--queue", queue, "--state", "done", "--json")));
        List<JsonNode> left = lines(ok("jobs", "list", "--queue", queue, "--json"));
        assertEquals(1, left.size(), left.toString());
        assertEquals(bad, left.get(0).get("id").asText());

        WorkerProcess.Run unknown = WorkerProcess.run(work, "jobs", "show", "--queue", queue, "no-such-job");
        assertEquals(1, unknown.exitCode(), unknown.stderr());
    }

    private String ok(String... args) throws Exception {
        WorkerProcess.Run run = WorkerProcess.run(work, args);
        assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.stderr());
        return run.stdout();
    }

    private static List<JsonNode> lines(String text) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }
}
