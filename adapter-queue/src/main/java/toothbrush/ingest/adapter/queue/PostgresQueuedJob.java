package toothbrush.ingest.adapter.queue;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.report.Redaction;
import toothbrush.ingest.application.report.Retryability;

/**
 * A row a {@link PostgresJobQueue} has claimed for this worker: every statement on it requires
 * {@code lease_owner = owner}, a token unique to the claim, so a worker that lost its lease can neither renew
 * it nor overwrite the new owner's result. Statements run on the queue's connection, serialised by the queue.
 */
final class PostgresQueuedJob implements QueuedJob {
    /** Renews the lease: lease_until, updated_at; then the owned row (id, lease_owner). */
    private static final String HEARTBEAT = """
            UPDATE toothbrush_jobs SET lease_until = ?, updated_at = ?
            WHERE id = ? AND state = 'running' AND lease_owner = ?""";
    /** To done with the report: report, updated_at, finished_at; then the owned row. */
    private static final String COMMIT = """
            UPDATE toothbrush_jobs SET state = 'done', report = ?::jsonb,
                lease_owner = NULL, lease_until = NULL, updated_at = ?, finished_at = ?
            WHERE id = ? AND state = 'running' AND lease_owner = ?""";
    /** To failed, one more attempt counted: last_error, report, updated_at, finished_at; then the owned row. */
    static final String DEAD = """
            UPDATE toothbrush_jobs SET state = 'failed', attempts = attempts + 1,
                last_error = ?, report = ?::jsonb, lease_owner = NULL, lease_until = NULL,
                updated_at = ?, finished_at = ?
            WHERE id = ? AND state = 'running' AND lease_owner = ?""";
    /** Back to pending, one more attempt counted: last_error, report, not_before, updated_at; then the owned row. */
    private static final String RETRY = """
            UPDATE toothbrush_jobs SET state = 'pending', attempts = attempts + 1,
                last_error = ?, report = ?::jsonb, not_before = ?, lease_owner = NULL, lease_until = NULL,
                updated_at = ?
            WHERE id = ? AND state = 'running' AND lease_owner = ?""";
    /** Back to pending, no attempt counted: updated_at; then the owned row. */
    private static final String RELEASE = """
            UPDATE toothbrush_jobs SET state = 'pending', lease_owner = NULL, lease_until = NULL, updated_at = ?
            WHERE id = ? AND state = 'running' AND lease_owner = ?""";

    private final PostgresJobQueue queue;
    private final QueueSettings settings;
    private final long id;
    private final String jobId;
    private final Dataset dataset;
    private final int attempts;
    private final String owner;
    private Instant leaseUntil; // guarded by queue
    private boolean finished; // guarded by queue

    PostgresQueuedJob(
            PostgresJobQueue queue, long id, Dataset dataset, int attempts, String owner, Instant leaseUntil) {
        this.queue = queue;
        this.settings = queue.settings();
        this.id = id;
        this.jobId = Long.toString(id);
        this.dataset = dataset;
        this.attempts = attempts;
        this.owner = owner;
        this.leaseUntil = leaseUntil;
    }

    @Override
    public String id() {
        return jobId;
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public int attempts() {
        return attempts;
    }

    @Override
    public Instant leaseUntil() {
        synchronized (queue) {
            return leaseUntil;
        }
    }

    @Override
    public void heartbeat() {
        OffsetDateTime renewedAt = update(
                "renew the lease",
                false,
                (statement, now) -> {
                    statement.setObject(1, PostgresJobQueue.time(now.toInstant().plus(settings.leaseTimeout())));
                    statement.setObject(2, now);
                    return 3;
                },
                HEARTBEAT);
        synchronized (queue) {
            leaseUntil = renewedAt.toInstant().plus(settings.leaseTimeout());
        }
    }

    @Override
    public void commit(String reportJson) {
        JobDocument.requireJsonObject(reportJson);
        String redactedReport = Redaction.text(reportJson);
        update(
                "commit",
                true,
                (statement, now) -> {
                    statement.setString(1, redactedReport);
                    statement.setObject(2, now);
                    statement.setObject(3, now);
                    return 4;
                },
                COMMIT);
    }

    @Override
    public void fail(String givenReason, Retryability retryability, String givenReport) {
        Objects.requireNonNull(givenReason, "reason");
        Objects.requireNonNull(retryability, "retryability");
        if (givenReport != null) {
            JobDocument.requireJsonObject(givenReport);
        }
        // F4: what is stored is redacted, whatever the caller passed
        String reason = Redaction.text(givenReason);
        String reportJson = Redaction.text(givenReport);
        int failures = attempts + 1;
        if (retryability == Retryability.PERMANENT || failures >= settings.maxAttempts()) {
            update(
                    "move the job to failed",
                    true,
                    (statement, now) -> {
                        statement.setString(1, reason);
                        setReport(statement, 2, reportJson);
                        statement.setObject(3, now);
                        statement.setObject(4, now);
                        return 5;
                    },
                    DEAD);
        } else {
            Duration delay =
                    settings.retryDelay(failures, ThreadLocalRandom.current().nextDouble());
            update(
                    "put the job back for a retry",
                    true,
                    (statement, now) -> {
                        statement.setString(1, reason);
                        setReport(statement, 2, reportJson);
                        statement.setObject(
                                3, PostgresJobQueue.time(now.toInstant().plus(delay)));
                        statement.setObject(4, now);
                        return 5;
                    },
                    RETRY);
        }
    }

    @Override
    public void release() {
        update(
                "release the job",
                true,
                (statement, now) -> {
                    statement.setObject(1, now);
                    return 2;
                },
                RELEASE);
    }

    /**
     * Runs one statement that ends with {@code WHERE id = ? AND state = 'running' AND lease_owner = ?}:
     * {@code binder} sets the leading parameters and returns the index of the id parameter. No row updated
     * means the lease is no longer ours.
     *
     * @return the time the statement was run at
     */
    private OffsetDateTime update(String action, boolean finishing, Binder binder, String sql) {
        return queue.run(jobId, action, connection -> {
            if (finished) {
                throw new IllegalStateException(
                        "job " + jobId + " of " + queue.describe() + " was already finished or released");
            }
            OffsetDateTime now = PostgresJobQueue.time(settings.clock().instant());
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int next = binder.bind(statement, now);
                statement.setLong(next, id);
                statement.setString(next + 1, owner);
                if (statement.executeUpdate() == 0) {
                    // the owner token is unique to this claim, so every later call fails the same way
                    throw new QueueException(
                            QueueException.Kind.LEASE_LOST,
                            queue.describe(),
                            jobId,
                            "cannot "
                                    + action + ": the lease of worker " + owner + " expired and another worker took"
                                    + " the job back; this worker's result is not recorded",
                            null);
                }
            }
            if (finishing) {
                finished = true;
            }
            return now;
        });
    }

    private static void setReport(PreparedStatement statement, int index, String reportJson) throws SQLException {
        if (reportJson == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, reportJson);
        }
    }

    /** Sets the leading parameters of a claimed-row statement and returns the index of the id parameter. */
    @FunctionalInterface
    private interface Binder {
        int bind(PreparedStatement statement, OffsetDateTime now) throws SQLException;
    }
}
