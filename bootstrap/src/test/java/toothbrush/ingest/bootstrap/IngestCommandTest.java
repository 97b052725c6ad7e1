package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F2 and U6 on the {@code ingest} and {@code enqueue} command lines, run in-process. */
class IngestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private static String[] ingest(String toothbrushId, String db) {
        Path sample = JarRunner.sample();
        return new String[] {
            "ingest",
            "--brushing",
            sample.resolve("brushing.csv").toString(),
            "--settings",
            sample.resolve("settings.jsonlines").toString(),
            "--toothbrush-id",
            toothbrushId,
            "--dataset-id",
            "ds-f2",
            "--db",
            db
        };
    }

    @Test
    @DisplayName(
            "F2: a database file that cannot be opened (corrupt) still gives exactly one report, exit 1, no stack trace")
    void F2_corruptDatabase_givesOneReport() throws Exception {
        Path corrupt = Files.write(
                work.resolve("corrupt.duckdb"),
                "this is not a database".repeat(1000).getBytes());

        InProcess.Run run = InProcess.run(ingest("tb-42", "duckdb:" + corrupt));

        assertEquals(1, run.exit(), run.err());
        assertEquals(1, run.out().lines().count(), run.out());
        JsonNode report = JSON.readTree(run.out());
        assertEquals("failed", report.get("outcome").asText());
        assertEquals("database_unavailable", report.get("reason").asText());
        assertTrue(
                report.get("message")
                        .asText()
                        .startsWith("dataset ds-f2: cannot open the database duckdb:" + corrupt + ": "),
                report.toString());
        assertEquals(0, report.get("points_written").asLong());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    @DisplayName("F2: a database in a folder that does not exist gives one report, exit 1")
    void F2_missingFolder_givesOneReport() throws Exception {
        InProcess.Run run = InProcess.run(ingest("tb-42", "duckdb:" + work.resolve("no/such/dir/x.duckdb")));

        assertEquals(1, run.exit(), run.err());
        assertEquals(
                "database_unavailable", JSON.readTree(run.out()).get("reason").asText());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    @DisplayName(
            "V7, V11: ingest --picture writes the page; one that cannot be written turns exit 0 into 1, the report still printed")
    void V11_aPictureThatCannotBeWritten_turnsExitZeroIntoOne() throws Exception {
        Path page = work.resolve("page.html");
        InProcess.Run written = InProcess.run(withPicture(ingest("tb-42", "lp:" + work.resolve("a.lp")), page));
        assertEquals(0, written.exit(), written.err());
        assertTrue(Files.readString(page).startsWith("<!DOCTYPE html>\n<html"));

        Path nowhere = work.resolve("no/such/dir/page.html");
        InProcess.Run failed = InProcess.run(withPicture(ingest("tb-42", "lp:" + work.resolve("b.lp")), nowhere));
        assertEquals(1, failed.exit(), failed.err());
        assertEquals("completed", JSON.readTree(failed.out()).get("outcome").asText(), "the report is printed as ever");
        assertTrue(failed.err().contains("cannot write the picture " + nowhere), failed.err());
        assertFalse(Files.exists(nowhere));

        // An unsalvageable dataset keeps its own exit status (3), and still gets a page saying why.
        Path settings = Files.writeString(work.resolve("s.jsonl"), "{\"timestamp\": 1595896877.6, \"tick\": 0}\n");
        Path failedPage = work.resolve("failed.html");
        InProcess.Run unsalvageable = InProcess.run(
                "ingest",
                "--brushing",
                "x.csv",
                "--settings",
                settings.toString(),
                "--toothbrush-id",
                "tb-1",
                "--dataset-id",
                "ds-3",
                "--db",
                "lp:" + work.resolve("c.lp"),
                "--picture",
                failedPage.toString());
        assertEquals(3, unsalvageable.exit(), unsalvageable.err());
        assertTrue(Files.readString(failedPage).contains("Failed: no_initial_state"));
    }

    @Test
    @DisplayName(
            "V10: worker --pictures that cannot be a directory is a usage error (exit 2); TOOTHBRUSH_PICTURES is listed")
    void V10_picturesNotADirectory_isAUsageError() throws Exception {
        Path file = Files.writeString(work.resolve("a-file"), "x");
        InProcess.Run run = InProcess.run(
                "worker",
                "--queue",
                "dir:" + work.resolve("jobs"),
                "--db",
                "lp:" + work.resolve("p.lp"),
                "--drain",
                "--pictures",
                file.resolve("pages").toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("--pictures " + file.resolve("pages")), run.err());
        assertTrue(InProcess.run("worker", "--help").out().contains("TOOTHBRUSH_PICTURES"));
        assertTrue(InProcess.run("ingest", "--help").out().contains("TOOTHBRUSH_PICTURE "));
    }

    private static String[] withPicture(String[] args, Path page) {
        String[] more = java.util.Arrays.copyOf(args, args.length + 2);
        more[args.length] = "--picture";
        more[args.length + 1] = page.toString();
        return more;
    }

    @Test
    @DisplayName("U6: an invalid toothbrush or dataset id is a usage error (exit 2) for ingest and enqueue")
    void U6_invalidIds_areUsageErrors() {
        InProcess.Run trailingBackslash = InProcess.run(ingest("tb-42\\", "lp:-"));
        assertEquals(2, trailingBackslash.exit());
        assertTrue(
                trailingBackslash.err().contains("toothbrush id must not end in a backslash"), trailingBackslash.err());

        InProcess.Run tooLong = InProcess.run(ingest("t".repeat(257), "lp:-"));
        assertEquals(2, tooLong.exit());

        InProcess.Run enqueue = InProcess.run(
                "enqueue",
                "--queue",
                "dir:" + work.resolve("jobs"),
                "--brushing",
                "b.csv",
                "--settings",
                "s.jsonl",
                "--toothbrush-id",
                "tb-1",
                "--dataset-id",
                "ds\u0007bell");
        assertEquals(2, enqueue.exit(), enqueue.err());
        assertTrue(enqueue.err().contains("dataset id must not contain control characters"), enqueue.err());
    }
}
