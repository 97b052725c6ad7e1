package toothbrush.ingest.adapter.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several worker PROCESSES on one {@code dir:} queue: nothing in one JVM coordinates them but the renames. */
class DirectoryJobQueueProcessesTest {
    private static final int JOBS = 90;
    private static final int PROCESSES = 3;

    @TempDir
    Path root;

    @Test
    @DisplayName("three worker processes share 90 jobs: each claimed by exactly one and done exactly once")
    void threeProcesses_sharingOneDirectory_eachJobIsClaimedAndDoneOnce() throws Exception {
        Path jobs = root.resolve("jobs");
        DirectoryJobQueue producer = new DirectoryJobQueue(jobs, QueueSettings.defaults(), "producer");
        for (int i = 0; i < JOBS; i++) {
            producer.enqueue(JobQueueContractTest.dataset(String.format("ds-%03d", i)));
        }
        Path go = root.resolve("go");
        List<Process> workers = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int p = 0; p < PROCESSES; p++) {
            Path output = root.resolve("worker-" + p + ".out");
            outputs.add(output);
            workers.add(new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            DirectoryQueueWorkerProcess.class.getName(),
                            jobs.toString(),
                            go.toString(),
                            "p" + p)
                    .redirectOutput(output.toFile())
                    .redirectError(root.resolve("worker-" + p + ".err").toFile())
                    .start());
        }
        Files.writeString(go, "go");
        for (int p = 0; p < PROCESSES; p++) {
            assertTrue(workers.get(p).waitFor(120, TimeUnit.SECONDS), "worker " + p + " did not finish");
            assertEquals(
                    0, workers.get(p).exitValue(), () -> "worker failed: " + readQuietly(root.resolve("worker-0.err")));
        }

        Map<String, Integer> claims = new HashMap<>();
        for (Path output : outputs) {
            for (String id : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                claims.merge(id, 1, Integer::sum);
            }
        }
        assertEquals(JOBS, claims.size());
        claims.forEach((id, count) -> assertEquals(1, count, id));
        assertEquals(JOBS, count(jobs.resolve("done"), ".report.json"));
        assertEquals(2 * JOBS, count(jobs.resolve("done"), ".json"));
        assertEquals(0, count(jobs.resolve("pending"), ""));
        assertEquals(0, count(jobs.resolve("running"), ""));
        assertEquals(0, count(jobs.resolve("failed"), ""));
    }

    private static long count(Path dir, String suffix) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(path -> path.getFileName().toString().endsWith(suffix))
                    .count();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
