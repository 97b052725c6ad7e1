package toothbrush.ingest.adapter.queue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.report.Redaction;
import toothbrush.ingest.application.report.Retryability;

/**
 * A job a {@link DirectoryJobQueue} has claimed for this worker: it owns {@link #current} in {@code running/}
 * until it renames it away. Every finishing call first renews the lease by a rename, which fails when another
 * worker took the job back, so a stale worker never overwrites a result.
 */
final class DirectoryQueuedJob implements QueuedJob {
    private final DirectoryJobQueue queue;
    private final QueueSettings settings;
    private final String stem;
    private final String owner;
    private final JobDocument document;
    private Path current;
    private long leaseUntil;
    private boolean finished;

    DirectoryQueuedJob(
            DirectoryJobQueue queue, String stem, JobDocument document, Path current, long leaseUntil, String owner) {
        this.queue = queue;
        this.settings = queue.settings();
        this.stem = stem;
        this.document = document;
        this.current = current;
        this.leaseUntil = leaseUntil;
        this.owner = owner;
    }

    @Override
    public String id() {
        return stem;
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public Dataset dataset() {
        return document.dataset();
    }

    @Override
    public int attempts() {
        return document.attempts();
    }

    @Override
    public synchronized Instant leaseUntil() {
        return Instant.ofEpochMilli(leaseUntil);
    }

    @Override
    public synchronized void heartbeat() {
        requireClaimed();
        try {
            renew();
        } catch (IOException e) {
            throw queue.unavailable(stem, "cannot renew the lease of " + owner, e);
        }
    }

    @Override
    public synchronized void commit(String reportJson) {
        JobDocument.requireJsonObject(reportJson);
        reportJson = Redaction.text(reportJson);
        moveTo(JobState.DONE, document.finished(settings.clock().millis(), owner), reportJson);
    }

    @Override
    public synchronized void fail(String reason, Retryability retryability, String reportJson) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(retryability, "retryability");
        if (reportJson != null) {
            JobDocument.requireJsonObject(reportJson);
            reportJson = Redaction.text(reportJson);
        }
        reason = Redaction.text(reason);
        long now = settings.clock().millis();
        int failures = document.attempts() + 1;
        if (retryability == Retryability.PERMANENT || failures >= settings.maxAttempts()) {
            moveTo(
                    JobState.FAILED,
                    document.failedAttempt(reason, document.notBefore(), null).finished(now, owner),
                    reportJson);
        } else {
            Duration delay =
                    settings.retryDelay(failures, ThreadLocalRandom.current().nextDouble());
            moveTo(JobState.PENDING, document.failedAttempt(reason, now + delay.toMillis(), reportJson), null);
        }
    }

    @Override
    public synchronized void release() {
        moveTo(JobState.PENDING, null, null);
    }

    /**
     * Ends a claim taken back from a dead worker: a failed attempt, ready at once unless at the limit.
     * "At once" is the poll's {@code now}, not a fresh clock reading, so the poll that took it back claims it
     * in the same call ({@code worker --drain} must not see an empty queue while it is ready).
     */
    synchronized void leaseExpired(String reason, long now) {
        if (document.attempts() + 1 >= settings.maxAttempts()) {
            moveTo(
                    JobState.FAILED,
                    document.failedAttempt(reason, document.notBefore(), null).finished(now, owner),
                    null);
        } else {
            moveTo(JobState.PENDING, document.failedAttempt(reason, now, null), null);
        }
    }

    /**
     * Renews the lease (proving it is still ours), writes the report beside the target, replaces the file's
     * content when it changed, and renames the file into the folder of {@code target}.
     */
    private void moveTo(JobState target, JobDocument newContent, String reportJson) {
        requireClaimed();
        Path targetDir = queue.directory(target);
        String action = "cannot move the job to " + targetDir.getFileName() + "/";
        try {
            renew();
            if (reportJson != null) {
                queue.writeAtomically(targetDir.resolve(stem + JobFileNames.REPORT_SUFFIX), reportJson.getBytes(UTF_8));
            }
            if (newContent != null) {
                queue.writeAtomically(current, newContent.toBytes());
            }
        } catch (IOException e) {
            throw queue.unavailable(stem, action, e);
        }
        try {
            Files.move(current, targetDir.resolve(stem + JobFileNames.JOB_SUFFIX), ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            throw leaseLost(e);
        } catch (IOException e) {
            throw queue.unavailable(stem, action, e);
        }
        finished = true;
    }

    /**
     * Renames the claim to the lease end now + lease timeout; fails when another worker has taken the job
     * back. When the clock has not moved the name stays, and the file's existence under this claim's unique
     * name is the proof.
     */
    private void renew() throws IOException {
        long next = settings.clock().millis() + settings.leaseTimeout().toMillis();
        try {
            if (next <= leaseUntil) {
                if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                    throw new NoSuchFileException(current.toString());
                }
                return;
            }
            Path renewed = queue.directory(JobState.RUNNING).resolve(JobFileNames.running(stem, next, owner));
            Files.move(current, renewed, ATOMIC_MOVE);
            current = renewed;
            leaseUntil = next;
        } catch (NoSuchFileException e) {
            throw leaseLost(e);
        }
    }

    /** Our file names are unique to this claim, so once lost, every later call fails the same way. */
    private QueueException leaseLost(NoSuchFileException cause) {
        return new QueueException(
                QueueException.Kind.LEASE_LOST,
                queue.describe(),
                stem,
                "the lease of worker "
                        + owner + " (until " + Instant.ofEpochMilli(leaseUntil) + ") expired and another worker"
                        + " took the job back; this worker's result is not recorded",
                cause);
    }

    private void requireClaimed() {
        if (finished) {
            throw new IllegalStateException(
                    "job " + stem + " of " + queue.describe() + " was already finished or released");
        }
    }
}
