package toothbrush.ingest.adapter.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.report.Redaction;

/**
 * The {@code postgresql://} job queue: one row per job in table {@code toothbrush_jobs} (created on first use),
 * shared by workers on many machines.
 *
 * <p>A claim is one {@code UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP LOCKED LIMIT 1)}: concurrent
 * workers skip each other's rows instead of waiting, and a row whose lease has expired (its worker died) is
 * claimed again with one more attempt counted, or moved to {@code failed} at the attempt limit. Every later
 * statement on a claimed row carries {@code WHERE lease_owner = ?} with a token unique to the claim, so a worker
 * that lost its lease can neither renew it nor overwrite the new owner's result. Times come from the settings'
 * clock (workers' clocks must agree to well within the lease timeout). One connection per instance, opened on
 * first use and reopened after it breaks; an instance may be shared by threads (calls are serialised).
 */
public final class PostgresJobQueue implements JobQueue {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresJobQueue.class);
    /** Serialises schema creation between workers starting together (CREATE ... IF NOT EXISTS can race). */
    private static final long SCHEMA_LOCK = 0x746f6f7468627275L;

    private static final String LOCK_SCHEMA = "SELECT pg_advisory_xact_lock(?)";
    private static final List<String> SCHEMA = List.of("""
            CREATE TABLE IF NOT EXISTS toothbrush_jobs (
                id BIGSERIAL PRIMARY KEY,
                dataset_id TEXT NOT NULL,
                toothbrush_id TEXT NOT NULL,
                brushing_uri TEXT NOT NULL,
                settings_uri TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                not_before TIMESTAMPTZ NOT NULL,
                lease_owner TEXT,
                lease_until TIMESTAMPTZ,
                last_error TEXT,
                report JSONB,
                enqueued_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                finished_at TIMESTAMPTZ)""", """
            CREATE INDEX IF NOT EXISTS toothbrush_jobs_ready ON toothbrush_jobs (not_before, id)
            WHERE state = 'pending'""", """
            CREATE INDEX IF NOT EXISTS toothbrush_jobs_leases ON toothbrush_jobs (lease_until)
            WHERE state = 'running'""", """
            CREATE UNIQUE INDEX IF NOT EXISTS toothbrush_jobs_active_dataset ON toothbrush_jobs (dataset_id)
            WHERE state IN ('pending', 'running')""");
    private static final String UNIQUE_VIOLATION = "23505";
    /** The last error of a job whose lease expired: who held it and until when (the {@code %1$s} below). */
    private static final String LEASE_EXPIRED_REASON = """
            'lease of worker ' || lease_owner || ' expired at '
                || to_char(lease_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')""";
    /** Expired leases at the last attempt go to failed: updated_at, finished_at, now, max attempts. */
    private static final String DEAD_LETTER_EXPIRED = """
            UPDATE toothbrush_jobs SET state = 'failed', attempts = attempts + 1, last_error = %1$s,
                lease_owner = NULL, lease_until = NULL, updated_at = ?, finished_at = ?
            WHERE state = 'running' AND lease_until < ? AND attempts + 1 >= ?""".formatted(LEASE_EXPIRED_REASON);
    /**
     * Claims the oldest ready row (pending and due, or running under an expired lease below the attempt limit,
     * which counts an attempt): lease_owner, lease_until, updated_at, now, now, max attempts.
     */
    private static final String CLAIM = """
            UPDATE toothbrush_jobs SET
                attempts = attempts + CASE WHEN state = 'running' THEN 1 ELSE 0 END,
                last_error = CASE WHEN state = 'running' THEN %1$s ELSE last_error END,
                state = 'running', lease_owner = ?, lease_until = ?, updated_at = ?
            WHERE id = (SELECT id FROM toothbrush_jobs
                WHERE (state = 'pending' AND not_before <= ?)
                    OR (state = 'running' AND lease_until < ? AND attempts + 1 < ?)
                ORDER BY not_before, id FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING id, dataset_id, toothbrush_id, brushing_uri, settings_uri, attempts, last_error""".formatted(LEASE_EXPIRED_REASON);
    /**
     * A new pending job: dataset_id, toothbrush_id, brushing_uri, settings_uri, not_before, enqueued_at,
     * updated_at.
     */
    private static final String ENQUEUE = """
            INSERT INTO toothbrush_jobs (dataset_id, toothbrush_id, brushing_uri, settings_uri, state, attempts,
                not_before, enqueued_at, updated_at)
            VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?) RETURNING id""";
    /** Jobs with the columns {@link #record} reads, in its order; {@code %s} is the rest of the statement. */
    private static final String SELECT_RECORDS = """
            SELECT id, dataset_id, toothbrush_id, brushing_uri, settings_uri, state, attempts, last_error,
                enqueued_at, finished_at, lease_owner, lease_until, report::text
            FROM toothbrush_jobs %s""";
    /** Every job, oldest first: the limit. */
    private static final String LIST = SELECT_RECORDS.formatted("ORDER BY enqueued_at, id LIMIT ?");
    /** The jobs in one state, oldest first: the state, the limit. */
    private static final String LIST_IN_STATE =
            SELECT_RECORDS.formatted("WHERE state = ? ORDER BY enqueued_at, id LIMIT ?");
    /** One job: the id. */
    private static final String FIND = SELECT_RECORDS.formatted("WHERE id = ?");
    /**
     * Failed jobs back to pending, ready at once, attempts reset: not_before, updated_at, and what {@code %s}
     * adds. One dataset may have several failed rows: only its latest goes back (the unique index allows one),
     * and not when the dataset is pending or running again (the unique index would refuse it anyway).
     */
    private static final String RETRY_FAILED = """
            UPDATE toothbrush_jobs SET state = 'pending', attempts = 0, not_before = ?, finished_at = NULL,
                updated_at = ?
            WHERE state = 'failed'%s
                AND id = (SELECT max(id) FROM toothbrush_jobs same
                    WHERE same.dataset_id = toothbrush_jobs.dataset_id AND same.state = 'failed')
                AND NOT EXISTS (SELECT 1 FROM toothbrush_jobs other
                    WHERE other.dataset_id = toothbrush_jobs.dataset_id AND other.state IN ('pending', 'running'))""";
    /** Every failed job: not_before, updated_at. */
    private static final String RETRY_ALL_FAILED = RETRY_FAILED.formatted("");
    /** One failed job: not_before, updated_at, the id. */
    private static final String RETRY_FAILED_JOB = RETRY_FAILED.formatted(" AND id = ?");
    /** Finished jobs of one state finished before a time: the state, the time. */
    private static final String PURGE = """
            DELETE FROM toothbrush_jobs WHERE state = ? AND coalesce(finished_at, updated_at) < ?""";
    /** Whether the probe row can be read back: its id. */
    private static final String COUNT_ONE = "SELECT count(*) FROM toothbrush_jobs WHERE id = ?";
    /** Jobs per state. */
    private static final String COUNTS = "SELECT state, count(*) FROM toothbrush_jobs GROUP BY state";

    private final PostgresUrl url;
    private final QueueSettings settings;
    private final String workerId;
    private final AtomicLong claims = new AtomicLong();
    private Connection connection; // guarded by this
    private boolean closed; // guarded by this

    /**
     * A queue on the database of a {@code postgresql://user:password@host:port/database} URL, with a generated
     * worker id. Nothing is connected until the first call.
     *
     * @throws IllegalArgumentException when the URL is not of that form
     */
    public PostgresJobQueue(String uri, QueueSettings settings) {
        this(uri, settings, WorkerIds.generate());
    }

    /**
     * As {@link #PostgresJobQueue(String, QueueSettings)}, with {@code workerId} naming this instance's claims.
     *
     * @throws IllegalArgumentException when the URL is not of the accepted form
     */
    public PostgresJobQueue(String uri, QueueSettings settings, String workerId) {
        this(uri, settings, workerId, System::getenv);
    }

    /**
     * As {@link #PostgresJobQueue(String, QueueSettings, String)}, with a URL without password completed from
     * {@code environment}'s {@code PGPASSWORD} or the password file {@code PGPASSFILE} names (libpq's format).
     *
     * @throws IllegalArgumentException when the URL is not of the accepted form (the message shows it redacted)
     */
    public PostgresJobQueue(String uri, QueueSettings settings, String workerId, Function<String, String> environment) {
        this.url = PostgresUrl.parse(
                Objects.requireNonNull(uri, "uri"), Objects.requireNonNull(environment, "environment"));
        this.settings = Objects.requireNonNull(settings, "settings");
        this.workerId = WorkerIds.sanitize(Objects.requireNonNull(workerId, "workerId"));
    }

    @Override
    public Optional<QueuedJob> poll() {
        return run(null, "poll for a job", connection -> {
            OffsetDateTime now = time(settings.clock().instant());
            try (PreparedStatement dead = connection.prepareStatement(DEAD_LETTER_EXPIRED)) {
                dead.setObject(1, now);
                dead.setObject(2, now);
                dead.setObject(3, now);
                dead.setInt(4, settings.maxAttempts());
                int deadLettered = dead.executeUpdate();
                if (deadLettered > 0) {
                    LOG.warn(
                            "queue {}: moved {} job(s) to failed: their lease expired at the last attempt",
                            describe(),
                            deadLettered);
                }
            }
            String owner = workerId + '-' + claims.incrementAndGet();
            OffsetDateTime leaseUntil = time(now.toInstant().plus(settings.leaseTimeout()));
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setString(1, owner);
                claim.setObject(2, leaseUntil);
                claim.setObject(3, now);
                claim.setObject(4, now);
                claim.setObject(5, now);
                claim.setInt(6, settings.maxAttempts());
                try (ResultSet row = claim.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    long id = row.getLong(1);
                    Dataset dataset;
                    try {
                        dataset = new Dataset(row.getString(2), row.getString(3), row.getString(4), row.getString(5));
                    } catch (IllegalArgumentException e) {
                        deadLetterInvalidRow(connection, id, owner, e.getMessage(), now);
                        return Optional.empty();
                    }
                    return Optional.of(
                            new PostgresQueuedJob(this, id, dataset, row.getInt(6), owner, leaseUntil.toInstant()));
                }
            }
        });
    }

    @Override
    public String enqueue(Dataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        return run(null, "enqueue dataset " + dataset.datasetId(), connection -> {
            OffsetDateTime now = time(settings.clock().instant());
            try (PreparedStatement insert = connection.prepareStatement(ENQUEUE)) {
                insert.setString(1, dataset.datasetId());
                insert.setString(2, dataset.toothbrushId());
                insert.setString(3, dataset.brushingUri());
                insert.setString(4, dataset.settingsUri());
                insert.setObject(5, now);
                insert.setObject(6, now);
                insert.setObject(7, now);
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    String id = Long.toString(row.getLong(1));
                    LOG.info("queue {}: enqueued job {} for dataset {}", describe(), id, dataset.datasetId());
                    return id;
                }
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new QueueException(
                            QueueException.Kind.ALREADY_QUEUED,
                            describe(),
                            null,
                            "dataset "
                                    + dataset.datasetId() + " is already pending or running; enqueue it again once that"
                                    + " job is done or failed",
                            e);
                }
                throw e;
            }
        });
    }

    @Override
    public List<JobRecord> list(Optional<JobState> state, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return run(null, "list jobs", connection -> {
            try (PreparedStatement select = connection.prepareStatement(state.isPresent() ? LIST_IN_STATE : LIST)) {
                int index = 1;
                if (state.isPresent()) {
                    select.setString(index++, state.get().code());
                }
                select.setInt(index, limit);
                List<JobRecord> records = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        records.add(record(rows));
                    }
                }
                return records;
            }
        });
    }

    @Override
    public Optional<JobRecord> find(String id) {
        Optional<Long> rowId = rowId(id);
        if (rowId.isEmpty()) {
            return Optional.empty();
        }
        return run(id, "read job " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement(FIND)) {
                select.setLong(1, rowId.get());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(record(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public int retry(Collection<String> ids) {
        int retried = 0;
        for (String id : ids) {
            Optional<Long> rowId = rowId(id);
            if (rowId.isPresent()) {
                retried += run(id, "retry job " + id, connection -> retryFailed(connection, rowId.get()));
            }
        }
        return retried;
    }

    @Override
    public int retryAllFailed() {
        return run(null, "retry the failed jobs", connection -> retryFailed(connection, null));
    }

    /** Puts failed job {@code id} back to pending, or every failed job when {@code id} is null. */
    private int retryFailed(Connection connection, Long id) throws SQLException {
        OffsetDateTime now = time(settings.clock().instant());
        String sql = id == null ? RETRY_ALL_FAILED : RETRY_FAILED_JOB;
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, now);
            update.setObject(2, now);
            if (id != null) {
                update.setLong(3, id);
            }
            return update.executeUpdate();
        }
    }

    @Override
    public int purge(JobState state, Instant finishedBefore) {
        requireFinished(state);
        Objects.requireNonNull(finishedBefore, "finishedBefore");
        return run(null, "purge " + state.code() + " jobs", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(PURGE)) {
                delete.setString(1, state.code());
                delete.setObject(2, time(finishedBefore));
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public void probe() {
        run(null, "write and read a probe job", connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                OffsetDateTime now = time(settings.clock().instant());
                long id;
                try (PreparedStatement insert = connection.prepareStatement(ENQUEUE)) {
                    insert.setString(1, "toothbrush-probe-" + claims.get() + "-" + System.nanoTime());
                    insert.setString(2, "toothbrush-probe");
                    insert.setString(3, "probe:");
                    insert.setString(4, "probe:");
                    insert.setObject(5, now);
                    insert.setObject(6, now);
                    insert.setObject(7, now);
                    try (ResultSet row = insert.executeQuery()) {
                        row.next();
                        id = row.getLong(1);
                    }
                }
                try (PreparedStatement select = connection.prepareStatement(COUNT_ONE)) {
                    select.setLong(1, id);
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next() || row.getLong(1) != 1) {
                            throw new SQLException("the probe job " + id + " cannot be read back");
                        }
                    }
                }
                return null;
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        });
    }

    @Override
    public Map<JobState, Long> counts() {
        return run(null, "count jobs", connection -> {
            Map<JobState, Long> counts = new EnumMap<>(JobState.class);
            for (JobState state : JobState.values()) {
                counts.put(state, 0L);
            }
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery(COUNTS)) {
                while (rows.next()) {
                    counts.put(JobState.of(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        });
    }

    static void requireFinished(JobState state) {
        if (state != JobState.DONE && state != JobState.FAILED) {
            throw new IllegalArgumentException("only done or failed jobs can be purged, not " + state.code());
        }
    }

    /** A job id of this queue is a row id; anything else names no job. */
    private static Optional<Long> rowId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static JobRecord record(ResultSet row) throws SQLException {
        return new JobRecord(
                Long.toString(row.getLong(1)),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                JobState.of(row.getString(6)),
                row.getInt(7),
                row.getString(8),
                instant(row.getObject(9, OffsetDateTime.class)),
                instant(row.getObject(10, OffsetDateTime.class)),
                row.getString(11),
                instant(row.getObject(12, OffsetDateTime.class)),
                row.getString(13));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    @Override
    public Duration leaseTimeout() {
        return settings.leaseTimeout();
    }

    @Override
    public String describe() {
        return url.redacted();
    }

    @Override
    public synchronized void close() {
        closed = true;
        dropConnection();
    }

    /** A row whose dataset columns are not a valid dataset (written by hand) goes to failed at once. */
    private void deadLetterInvalidRow(Connection connection, long id, String owner, String why, OffsetDateTime now)
            throws SQLException {
        try (PreparedStatement dead = connection.prepareStatement(PostgresQueuedJob.DEAD)) {
            dead.setString(1, Redaction.text("invalid dataset: " + why));
            dead.setNull(2, Types.VARCHAR);
            dead.setObject(3, now);
            dead.setObject(4, now);
            dead.setLong(5, id);
            dead.setString(6, owner);
            dead.executeUpdate();
        }
        LOG.warn("queue {}: moved job {} to failed: invalid dataset: {}", describe(), id, why);
    }

    /** How this queue leases, retries and dead-letters jobs. */
    QueueSettings settings() {
        return settings;
    }

    /** Runs one piece of work on the connection, opening it first when needed; SQL errors become QueueExceptions. */
    synchronized <T> T run(String jobId, String action, SqlWork<T> work) {
        if (closed) {
            throw new IllegalStateException("queue " + describe() + " is closed");
        }
        try {
            return work.apply(connection());
        } catch (SQLException e) {
            if (connection != null && !isUsable(connection)) {
                dropConnection();
            }
            throw new QueueException(QueueException.Kind.UNAVAILABLE, describe(), jobId, "cannot " + action, e);
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection opened = new org.postgresql.Driver().connect(url.jdbcUrl(), url.properties());
            if (opened == null) {
                throw new SQLException("the PostgreSQL driver does not accept " + url.redacted());
            }
            try {
                createSchema(opened);
            } catch (SQLException e) {
                closeQuietly(opened);
                throw e;
            }
            connection = opened;
        }
        return connection;
    }

    private static void createSchema(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement(LOCK_SCHEMA);
                Statement statement = connection.createStatement()) {
            lock.setLong(1, SCHEMA_LOCK);
            lock.execute();
            for (String ddl : SCHEMA) {
                statement.execute(ddl);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static boolean isUsable(Connection connection) {
        try {
            return !connection.isClosed() && connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void dropConnection() {
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
    }

    private void closeQuietly(Connection toClose) {
        try {
            toClose.close();
        } catch (SQLException e) {
            LOG.debug("queue {}: closing a connection failed: {}", describe(), e.toString());
        }
    }

    /** An instant as the TIMESTAMPTZ parameter the JDBC driver takes. */
    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** One unit of work on the queue's connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
