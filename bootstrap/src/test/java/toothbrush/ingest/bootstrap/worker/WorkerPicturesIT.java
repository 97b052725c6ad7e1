package toothbrush.ingest.bootstrap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import toothbrush.ingest.bootstrap.PageChecks;

/**
 * V10, V11 end to end on the jar: {@code worker --pictures DIR} writes one page per finished job (completed, or
 * failed for good) under a safe name, atomically, and none for a job that will run again; {@code picture} makes
 * the same page from the report {@code jobs show} prints.
 */
class WorkerPicturesIT {
    @TempDir
    Path work;

    @BeforeAll
    static void jar() {
        WorkerProcess.requireJar();
    }

    private String enqueue(String datasetId, String brushing, String settings) throws Exception {
        WorkerProcess.Run run =
                WorkerProcess.enqueue(work, "dir:jobs", brushing, settings, "tb-42", "--dataset-id", datasetId);
        Thread.sleep(5);
        return run.stdout().strip();
    }

    @Test
    @DisplayName("V10: pages for the done and the dead-lettered job, a hostile id kept inside DIR, none for a retry;"
            + " picture on jobs show's output gives the same page")
    void V10_finishedJobs_getOnePageEach() throws Exception {
        Path sample = Path.of(System.getProperty("toothbrush.sample", "../sample"))
                .toAbsolutePath()
                .normalize();
        Files.copy(sample.resolve("brushing.csv"), work.resolve("brushing.csv"));
        Files.copy(sample.resolve("settings.jsonlines"), work.resolve("settings.jsonlines"));
        String goodJob = enqueue("ds-good", "brushing.csv", "settings.jsonlines");
        enqueue("../escape/ds", "brushing.csv", "settings.jsonlines");
        enqueue("ds-missing", "missing.csv", "settings.jsonlines");
        enqueue("ds-retry", "http://127.0.0.1:1/b.csv", "settings.jsonlines");

        WorkerProcess.Run worker = WorkerProcess.run(
                work,
                "worker",
                "--queue",
                "dir:jobs",
                "--db",
                "lp:points.lp",
                "--drain",
                "--pictures",
                "pages",
                "--max-attempts",
                "1",
                "--allow-source",
                "file:" + work + "/",
                "--allow-source",
                "http://127.0.0.1:1/");
        assertEquals(0, worker.exitCode(), worker.stderr());

        Map<String, QueueView.JobRecord> jobs = new QueueView.Directory(work.resolve("jobs"))
                .jobs().stream().collect(Collectors.toMap(QueueView.JobRecord::datasetId, Function.identity()));
        assertEquals("done", jobs.get("ds-good").state());
        assertEquals("done", jobs.get("../escape/ds").state());
        assertEquals("failed", jobs.get("ds-missing").state());
        assertEquals("source_not_found", jobs.get("ds-missing").lastError());
        assertEquals("pending", jobs.get("ds-retry").state(), "retryable: it runs again later");

        Path pages = work.resolve("pages");
        assertEquals(
                List.of("%2E.%2Fescape%2Fds.html", "ds-good.html", "ds-missing.html"),
                list(pages),
                "one page per finished job, no temporary file, nothing for the retry");
        assertFalse(Files.exists(work.resolve("escape")), "the id's slashes never leave DIR");

        String good = Files.readString(pages.resolve("ds-good.html"), StandardCharsets.UTF_8);
        Document goodPage = PageChecks.parse(good);
        assertEquals(4, PageChecks.stretchesInPage(goodPage).size());
        assertEquals(PageChecks.stretchesInReport(jobs.get("ds-good").report()), PageChecks.stretchesInPage(goodPage));
        assertEquals(List.of(), PageChecks.externalReferences(good));
        String missing = Files.readString(pages.resolve("ds-missing.html"), StandardCharsets.UTF_8);
        assertTrue(
                PageChecks.parse(missing).getDocumentElement().getTextContent().contains("Failed: source_not_found"));

        // picture, from what jobs show prints, makes the very page the worker wrote.
        WorkerProcess.Run show = WorkerProcess.run(work, "jobs", "show", "--queue", "dir:jobs", goodJob);
        assertEquals(0, show.exitCode(), show.stderr());
        Files.writeString(work.resolve("job.json"), show.stdout());
        WorkerProcess.Run picture = WorkerProcess.run(work, "picture", "--report", "job.json", "--out", "again.html");
        assertEquals(0, picture.exitCode(), picture.stderr());
        assertEquals(good, Files.readString(work.resolve("again.html"), StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("V7: picture exits 1 for a report it cannot read or that is not one, 2 for a usage error")
    void V7_picture_exitsOneOnBadReportsAndTwoOnUsageErrors() throws Exception {
        WorkerProcess.Run missing = WorkerProcess.run(work, "picture", "--report", "nope.json", "--out", "x.html");
        assertEquals(1, missing.exitCode(), missing.stderr());
        assertTrue(missing.stderr().contains("no such file: nope.json"), missing.stderr());

        Files.writeString(work.resolve("bad.json"), "{\"outcome\":\"completed\"}");
        WorkerProcess.Run bad = WorkerProcess.run(work, "picture", "--report", "bad.json", "--out", "x.html");
        assertEquals(1, bad.exitCode(), bad.stderr());
        assertTrue(bad.stderr().contains("not a report: bad.json: missing \"reason\""), bad.stderr());
        assertFalse(Files.exists(work.resolve("x.html")));

        WorkerProcess.Run usage = WorkerProcess.run(work, "picture", "--report", "bad.json");
        assertEquals(2, usage.exitCode(), usage.stderr());
    }

    private static List<String> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
