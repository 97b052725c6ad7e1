package toothbrush.ingest.adapter.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@code postgresql://} queue against a real, throwaway PostgreSQL server: the contract and more. */
class PostgresJobQueueIT extends JobQueueContractTest {
    private static EmbeddedPostgres server;
    /** The test's own connection for setup and inspection. */
    private static Connection admin;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedPostgres.start();
        admin = server.connect();
    }

    @AfterAll
    static void stopServer() throws SQLException {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void dropTable() throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS toothbrush_jobs");
        }
    }

    @Override
    protected JobQueue newQueue(QueueSettings settings, String workerId) {
        return new PostgresJobQueue(server.queueUri(), settings, workerId);
    }

    @Override
    protected int contentionJobs() {
        return 100;
    }

    @Override
    protected JobSnapshot snapshot(String datasetId) {
        try (PreparedStatement active = admin.prepareStatement("SELECT count(*) FROM toothbrush_jobs"
                        + " WHERE dataset_id = ? AND state IN ('pending', 'running')");
                PreparedStatement latest = admin.prepareStatement(
                        "SELECT state, attempts, not_before,"
                                + " last_error, report::text FROM toothbrush_jobs WHERE dataset_id = ? ORDER BY id DESC LIMIT 1")) {
            active.setString(1, datasetId);
            try (ResultSet count = active.executeQuery()) {
                count.next();
                assertTrue(count.getInt(1) <= 1, "dataset " + datasetId + " has several active jobs");
            }
            latest.setString(1, datasetId);
            try (ResultSet row = latest.executeQuery()) {
                assertTrue(row.next(), "no job for dataset " + datasetId);
                String report = row.getString(5);
                return new JobSnapshot(
                        row.getString(1),
                        row.getInt(2),
                        row.getObject(3, OffsetDateTime.class).toInstant(),
                        row.getString(4),
                        report == null ? null : json(report));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("the table is created on first use, also when four workers start at the same moment")
    void freshDatabase_fourWorkersStartingTogether_createTheSchemaOnce() throws Exception {
        List<JobQueue> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(worker("w" + w));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Optional<QueuedJob>>> polls = new ArrayList<>();
            for (JobQueue queue : workers) {
                polls.add(threads.submit(() -> {
                    start.await();
                    return queue.poll();
                }));
            }
            start.countDown();
            for (Future<Optional<QueuedJob>> poll : polls) {
                assertEquals(Optional.empty(), poll.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(
                List.of(
                        "attempts",
                        "brushing_uri",
                        "dataset_id",
                        "enqueued_at",
                        "finished_at",
                        "id",
                        "last_error",
                        "lease_owner",
                        "lease_until",
                        "not_before",
                        "report",
                        "settings_uri",
                        "state",
                        "toothbrush_id",
                        "updated_at"),
                columns());
    }

    @Test
    @DisplayName("the report is stored as JSONB and can be queried by field")
    void commit_storesTheReportAsJsonb() throws SQLException {
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds-1"));
        claim(queue).commit(report("ds-1", "completed"));

        try (Statement statement = admin.createStatement();
                ResultSet row = statement.executeQuery("SELECT jsonb_typeof(report), report->>'outcome',"
                        + " (report->>'points_written')::int, lease_owner, finished_at = updated_at"
                        + " FROM toothbrush_jobs WHERE dataset_id = 'ds-1'")) {
            assertTrue(row.next());
            assertEquals("object", row.getString(1));
            assertEquals("completed", row.getString(2));
            assertEquals(7, row.getInt(3));
            assertEquals(null, row.getString(4));
            assertTrue(row.getBoolean(5));
        }
    }

    @Test
    @DisplayName("a claim records its lease owner and end; a stale owner's update matches no row")
    void claim_recordsLeaseOwnerAndEnd() throws SQLException {
        JobQueue queue = worker("host-1");
        queue.enqueue(dataset("ds-1"));
        QueuedJob job = claim(queue);

        try (Statement statement = admin.createStatement();
                ResultSet row = statement.executeQuery("SELECT lease_owner, lease_until, state FROM toothbrush_jobs")) {
            assertTrue(row.next());
            assertEquals("host-1-1", row.getString(1));
            assertEquals(T0.plus(LEASE), row.getObject(2, OffsetDateTime.class).toInstant());
            assertEquals("running", row.getString(3));
        }
        assertEquals("1", job.id());
    }

    @Test
    @DisplayName("a row whose dataset columns are invalid goes to failed instead of stopping the poller")
    void invalidRow_poll_deadLettersIt() throws SQLException {
        JobQueue queue = worker("w1");
        assertEquals(Optional.empty(), queue.poll());
        try (Statement statement = admin.createStatement()) {
            statement.execute("INSERT INTO toothbrush_jobs (dataset_id, toothbrush_id, brushing_uri, settings_uri,"
                    + " state, not_before, enqueued_at, updated_at) VALUES ('bad', 'tb\\', 'b.csv', 's.jsonl',"
                    + " 'pending', '2024-12-31T00:00:00Z', now(), now())");
        }
        queue.enqueue(dataset("ds-1"));

        assertEquals(Optional.empty(), queue.poll());
        assertEquals("ds-1", claim(queue).dataset().datasetId());

        JobSnapshot bad = snapshot("bad");
        assertEquals("failed", bad.state());
        assertEquals("invalid dataset: toothbrush id must not end in a backslash", bad.lastError());
    }

    @Test
    @DisplayName("after its connection is killed the queue reports it once, then reconnects")
    void killedConnection_queue_reconnectsOnTheNextCall() throws SQLException {
        JobQueue queue = worker("w1");
        queue.enqueue(dataset("ds-1"));
        try (Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = 'toothbrush-ingest'");
        }

        QueueException lost = assertThrows(QueueException.class, queue::poll);

        assertEquals(QueueException.Kind.UNAVAILABLE, lost.kind());
        // F4: the user info is masked whole (Redaction's one policy), so describe() shows postgresql://***@...
        assertTrue(
                lost.getMessage()
                        .startsWith("queue " + PostgresUrl.redact(server.queueUri()) + ": cannot poll for a job"),
                lost.getMessage());
        assertEquals("ds-1", claim(queue).dataset().datasetId());
    }

    @Test
    @DisplayName("an unreachable server is a QueueException naming the queue without its password")
    void unreachableServer_poll_throwsQueueExceptionWithoutPassword() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JobQueue queue =
                new PostgresJobQueue("postgresql://worker:s3cret@127.0.0.1:" + closedPort + "/jobs", settings(), "w1");

        QueueException thrown = assertThrows(QueueException.class, queue::poll);

        assertEquals(QueueException.Kind.UNAVAILABLE, thrown.kind());
        assertTrue(
                thrown.getMessage()
                        .startsWith("queue postgresql://***@127.0.0.1:" + closedPort + "/jobs: cannot poll for a job"),
                thrown.getMessage());
        assertFalse(thrown.getMessage().contains("s3cret"), thrown.getMessage());
        queue.close();
    }

    private List<String> columns() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery("SELECT column_name FROM information_schema.columns"
                        + " WHERE table_name = 'toothbrush_jobs' ORDER BY column_name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
