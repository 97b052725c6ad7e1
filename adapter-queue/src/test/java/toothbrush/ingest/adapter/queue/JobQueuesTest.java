package toothbrush.ingest.adapter.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing a queue from the {@code --queue} URI. */
class JobQueuesTest {
    @TempDir
    Path root;

    @Test
    @DisplayName("dir:PATH opens a directory queue there, creating it")
    void dirUri_opensADirectoryQueue() {
        try (JobQueue queue = JobQueues.open("dir:" + root.resolve("jobs"), QueueSettings.defaults())) {
            assertInstanceOf(DirectoryJobQueue.class, queue);
            assertEquals("dir:" + root.resolve("jobs"), queue.describe());
            assertTrue(Files.isDirectory(root.resolve("jobs/pending")));
        }
    }

    @Test
    @DisplayName("a postgresql:// URL opens a PostgreSQL queue without connecting yet")
    void postgresqlUrl_opensAPostgresQueueLazily() {
        try (JobQueue queue = JobQueues.open("postgresql://u:pw@127.0.0.1:1/jobs", QueueSettings.defaults())) {
            assertInstanceOf(PostgresJobQueue.class, queue);
            assertEquals("postgresql://***@127.0.0.1:1/jobs", queue.describe());
        }
    }

    @Test
    @DisplayName("any other URI is refused naming it (password removed) and the accepted forms")
    void unknownUri_isRefusedWithTheAcceptedForms() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class, () -> JobQueues.open("mysql://u:pw@db/jobs", QueueSettings.defaults()));

        assertEquals(
                "unsupported queue URI 'mysql://***@db/jobs' (unknown scheme): use dir:PATH (the default is"
                        + " dir:jobs) or postgresql://user:password@host:port/database",
                refused.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JobQueues.open("dir:", QueueSettings.defaults()))
                .getMessage()
                .contains("the directory path is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JobQueues.open("jobs", QueueSettings.defaults()))
                .getMessage()
                .startsWith("unsupported queue URI 'jobs'"));
    }

    @Test
    @DisplayName("check accepts dir: and postgresql:// without creating or connecting, and refuses what open refuses")
    void check_acceptsWithoutOpening_refusesWhatOpenRefuses() {
        JobQueues.check("dir:" + root.resolve("jobs"), name -> null);
        assertFalse(Files.exists(root.resolve("jobs")), "a check created the queue directory");
        // nothing listens on port 1: a check that connected would fail
        JobQueues.check("postgresql://u:pw@127.0.0.1:1/jobs", name -> null);
        JobQueues.check("postgresql://u@127.0.0.1:1/jobs", java.util.Map.of("PGPASSWORD", "pw")::get);

        for (String uri : new String[] {"mysql://u:pw@db/jobs", "dir:", "jobs", "postgresql://u:pw@:x/jobs"}) {
            IllegalArgumentException byOpen = assertThrows(
                    IllegalArgumentException.class, () -> JobQueues.open(uri, QueueSettings.defaults(), name -> null));
            IllegalArgumentException byCheck =
                    assertThrows(IllegalArgumentException.class, () -> JobQueues.check(uri, name -> null));
            assertEquals(byOpen.getMessage(), byCheck.getMessage(), uri);
        }
    }
}
