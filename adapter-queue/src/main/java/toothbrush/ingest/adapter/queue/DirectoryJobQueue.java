package toothbrush.ingest.adapter.queue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toothbrush.ingest.application.port.Dataset;

/**
 * The {@code dir:PATH} job queue, the embedded default: one JSON file per job in {@code PATH/pending/},
 * {@code running/}, {@code done/} or {@code failed/}, shared safely by several worker processes.
 *
 * <p>Every change of state is one atomic rename, so a job file is in exactly one directory and, of two workers
 * renaming the same file, exactly one succeeds (the other moves on). A claim renames
 * {@code pending/<stem>.json} to {@code running/<stem>@<lease end ms>@<owner>.json}: the name tells every
 * other worker whose claim it is and when it expires. A heartbeat renames it to a later lease end; a finishing
 * call first renews the same way (which fails if another worker took the job back, so a stale worker never
 * overwrites a result), then writes the report and new content (temporary file + rename) and renames the file
 * into its new directory. Files are written to {@code PATH/tmp/} and forced to disk before they are renamed into
 * place. An expired claim is taken back by the next worker that polls: it counts as a failed attempt and the
 * job is ready again at once, or moves to {@code failed/} at the attempt limit. Files in {@code pending/} or
 * {@code running/} that are not jobs are moved to {@code failed/} with a {@code <name>.reason.txt}.
 *
 * <p>Security: folders are created {@code 0700} and files {@code 0600}, set explicitly (not left to the umask),
 * since jobs name stream URIs. Symbolic links are never followed: a link in {@code pending/} or {@code running/}
 * is quarantined to {@code failed/} unread, and job files are opened with {@code O_NOFOLLOW}. No error or log
 * line quotes a job file's content, only its name and what is wrong.
 *
 * <p>Enqueue publishes with a hard link, which never replaces a file, so two enqueues of one dataset id cannot
 * both land in {@code pending/}; the check that the id is not running is a directory listing just before, so a
 * job claimed in between can be enqueued once more (it then runs twice, harmless since writes are idempotent, P4).
 *
 * <p>Limits: the lease protects a finishing call only while it does not stall for a whole lease timeout
 * between its renewal and its final rename (a few file operations); the workers' clocks must agree to well
 * within the lease timeout; the file system must give atomic renames and hard links (local disks do, some
 * network file systems do not). A crashed writer can leave a file in {@code tmp/}, which is never read and may be
 * emptied while no worker runs. Each poll lists {@code pending/} and reads the files it has not seen before, so
 * this queue suits thousands of pending jobs, not millions: use PostgreSQL for more.
 */
public final class DirectoryJobQueue implements JobQueue {
    /** A job file larger than this is garbage (a job is a few hundred bytes). */
    static final long MAX_JOB_FILE_BYTES = 1 << 20;

    /** Queue directories: only the owner may list or enter them. */
    static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    /** Job, report and reason files: only the owner may read them (they name stream URIs). */
    static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryJobQueue.class);

    private final Path pending;
    private final Path running;
    private final Path done;
    private final Path failed;
    private final Path tmp;
    private final QueueSettings settings;
    private final String description;
    private final String workerId;
    private final AtomicLong claims = new AtomicLong();
    /** What each pending file said when last read, keyed by its identity; guarded by {@code this}. */
    private Map<ScanKey, Candidate> scanCache = new HashMap<>();

    /**
     * Opens (and creates when missing) the queue directory with a generated worker id.
     *
     * @throws QueueException when the directories cannot be created
     */
    public DirectoryJobQueue(Path root, QueueSettings settings) {
        this(root, settings, WorkerIds.generate());
    }

    /**
     * Opens (and creates when missing) the queue directory; {@code workerId} names this instance's claims
     * (characters outside {@code [A-Za-z0-9_-]} are replaced).
     *
     * @throws QueueException when the directories cannot be created
     */
    public DirectoryJobQueue(Path root, QueueSettings settings, String workerId) {
        Objects.requireNonNull(root, "root");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.workerId = WorkerIds.sanitize(Objects.requireNonNull(workerId, "workerId"));
        this.description = "dir:" + root;
        this.pending = root.resolve("pending");
        this.running = root.resolve("running");
        this.done = root.resolve("done");
        this.failed = root.resolve("failed");
        this.tmp = root.resolve("tmp");
        try {
            if (!Files.exists(root)) {
                Files.createDirectories(root);
                restrict(root, DIRECTORY_PERMISSIONS);
            }
            for (Path dir : List.of(pending, running, done, failed, tmp)) {
                if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(dir);
                }
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(dir + " is not a directory (a symbolic link is never followed)");
                }
                restrict(dir, DIRECTORY_PERMISSIONS);
            }
        } catch (IOException e) {
            throw unavailable(null, "cannot create the queue directories under " + root, e);
        }
    }

    /** Sets the permissions explicitly (the umask could leave more), where the file system has POSIX ones. */
    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(permissions);
        }
    }

    /**
     * Reads a job file without following a symbolic link (O_NOFOLLOW): at most {@link #MAX_JOB_FILE_BYTES} + 1
     * bytes, so a file that grew is seen to be too large.
     *
     * @throws IOException also when the file is a symbolic link
     */
    private static byte[] readJobFile(Path file) throws IOException {
        try (SeekableByteChannel channel =
                Files.newByteChannel(file, Set.<OpenOption>of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            return Channels.newInputStream(channel).readNBytes((int) MAX_JOB_FILE_BYTES + 1);
        }
    }

    /**
     * What is wrong with a spool entry before it is read, or {@code null} when it is a regular file of acceptable
     * size. Symbolic links are never followed: a link to {@code /etc/passwd} is quarantined, not read.
     */
    private static String refusal(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return "a symbolic link (never followed in the queue directory)";
        }
        if (!attributes.isRegularFile()) {
            return "not a regular file";
        }
        if (attributes.size() > MAX_JOB_FILE_BYTES) {
            return "larger than " + MAX_JOB_FILE_BYTES + " bytes";
        }
        return null;
    }

    @Override
    public synchronized Optional<QueuedJob> poll() {
        long now = settings.clock().millis();
        try {
            recoverExpiredClaims(now);
            for (Candidate candidate : readyCandidates(now)) {
                try {
                    Optional<QueuedJob> claimed = claim(candidate, now);
                    if (claimed.isPresent()) {
                        return claimed;
                    }
                } catch (IOException e) {
                    // one unmovable or unreadable file must not stop the worker; a job left in running/ by
                    // this is taken back when its lease expires
                    LOG.warn("queue {}: cannot claim {}: {}", description, candidate.fileName(), e.toString());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw unavailable(null, "cannot poll for a job", e);
        }
    }

    @Override
    public String enqueue(Dataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        String stem = JobFileNames.stem(dataset.datasetId());
        Path target = pending.resolve(stem + JobFileNames.JOB_SUFFIX);
        try {
            if (isClaimed(stem)) {
                throw alreadyQueued(dataset, stem, "running");
            }
            Path temp = writeTemp(
                    JobDocument.create(dataset, settings.clock().millis()).toBytes());
            try {
                // a hard link, unlike a rename, never replaces an existing file: two enqueues cannot both win
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                throw alreadyQueued(dataset, stem, "pending");
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw unavailable(stem, "cannot enqueue dataset " + dataset.datasetId(), e);
        }
        LOG.info("queue {}: enqueued job {} for dataset {}", description, stem, dataset.datasetId());
        return stem;
    }

    @Override
    public List<JobRecord> list(Optional<JobState> state, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        List<JobRecord> records = new ArrayList<>();
        try {
            for (JobState each : JobState.values()) {
                if (state.isEmpty() || state.get() == each) {
                    for (Path file : jobFiles(each)) {
                        read(each, file).ifPresent(records::add);
                    }
                }
            }
        } catch (IOException e) {
            throw unavailable(null, "cannot list jobs", e);
        }
        records.sort(Comparator.comparing((JobRecord r) -> r.enqueuedAt() == null ? Instant.EPOCH : r.enqueuedAt())
                .thenComparing(JobRecord::id));
        return records.size() > limit ? List.copyOf(records.subList(0, limit)) : records;
    }

    @Override
    public Optional<JobRecord> find(String id) {
        Objects.requireNonNull(id, "id");
        try {
            for (JobState state : JobState.values()) {
                for (Path file : jobFiles(state)) {
                    if (stemOf(state, file).equals(id)) {
                        return read(state, file);
                    }
                }
            }
        } catch (IOException e) {
            throw unavailable(id, "cannot read job " + id, e);
        }
        return Optional.empty();
    }

    @Override
    public synchronized int retry(Collection<String> ids) {
        int retried = 0;
        for (String id : ids) {
            // an id is a stem, never a path, so it cannot name a file outside failed/
            if (id.matches("[A-Za-z0-9_%~-]+") && retryOne(id)) {
                retried++;
            }
        }
        return retried;
    }

    @Override
    public synchronized int retryAllFailed() {
        int retried = 0;
        try {
            for (Path file : jobFiles(JobState.FAILED)) {
                if (retryOne(stemOf(JobState.FAILED, file))) {
                    retried++;
                }
            }
        } catch (IOException e) {
            throw unavailable(null, "cannot list the failed jobs", e);
        }
        return retried;
    }

    /** Moves failed/STEM.json back to pending/ with attempts reset; false when it is not there or now active. */
    private boolean retryOne(String stem) {
        Path source = failed.resolve(stem + JobFileNames.JOB_SUFFIX);
        Path reportFile = failed.resolve(stem + JobFileNames.REPORT_SUFFIX);
        try {
            if (isClaimed(stem)) {
                return false;
            }
            byte[] bytes;
            try {
                if (refusalOf(source) != null) {
                    return false;
                }
                bytes = readJobFile(source);
            } catch (NoSuchFileException e) {
                return false;
            }
            if (!(JobDocument.parse(bytes) instanceof JobDocument document)) {
                return false; // quarantined garbage: nothing to run
            }
            String report = Files.isRegularFile(reportFile, LinkOption.NOFOLLOW_LINKS)
                    ? Files.readString(reportFile, UTF_8)
                    : null;
            Path temp = writeTemp(
                    document.retried(settings.clock().millis(), report).toBytes());
            try {
                Files.createLink(pending.resolve(stem + JobFileNames.JOB_SUFFIX), temp);
            } catch (FileAlreadyExistsException e) {
                return false; // the dataset was enqueued again meanwhile
            } finally {
                Files.deleteIfExists(temp);
            }
            Files.deleteIfExists(source);
            Files.deleteIfExists(reportFile);
        } catch (IOException e) {
            throw unavailable(stem, "cannot retry job " + stem, e);
        }
        LOG.info("queue {}: job {} put back to pending by an operator", description, stem);
        return true;
    }

    @Override
    public synchronized int purge(JobState state, Instant finishedBefore) {
        PostgresJobQueue.requireFinished(state);
        Objects.requireNonNull(finishedBefore, "finishedBefore");
        Path dir = state == JobState.DONE ? done : failed;
        int purged = 0;
        try {
            for (Path file : jobFiles(state)) {
                Instant finished = read(state, file).map(JobRecord::finishedAt).orElse(null);
                if (finished == null) {
                    finished = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)
                            .toInstant();
                }
                if (finished.isBefore(finishedBefore)) {
                    String name = file.getFileName().toString();
                    String stem = stemOf(state, file);
                    if (Files.deleteIfExists(file)) {
                        purged++;
                    }
                    Files.deleteIfExists(dir.resolve(stem + JobFileNames.REPORT_SUFFIX));
                    Files.deleteIfExists(dir.resolve(name + JobFileNames.REASON_SUFFIX));
                }
            }
        } catch (IOException e) {
            throw unavailable(null, "cannot purge " + state.code() + " jobs", e);
        }
        return purged;
    }

    @Override
    public void probe() {
        byte[] expected = ("toothbrush-ingest queue probe " + workerId + "\n").getBytes(UTF_8);
        Path probe = null;
        try {
            probe = writeTemp(expected);
            if (!java.util.Arrays.equals(Files.readAllBytes(probe), expected)) {
                throw new IOException("the probe file " + probe + " reads back different bytes");
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(pending)) {
                entries.iterator().hasNext();
            }
            if (!Files.isWritable(pending)) {
                throw new IOException(pending + " is not writable");
            }
        } catch (IOException e) {
            throw unavailable(null, "cannot write and read a probe file", e);
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    LOG.warn("queue {}: cannot delete the probe file {}: {}", description, probe, e.toString());
                }
            }
        }
    }

    @Override
    public Map<JobState, Long> counts() {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        try {
            for (JobState state : JobState.values()) {
                counts.put(state, (long) jobFiles(state).size());
            }
        } catch (IOException e) {
            throw unavailable(null, "cannot count jobs", e);
        }
        return counts;
    }

    /** How this queue leases, retries and dead-letters jobs. */
    QueueSettings settings() {
        return settings;
    }

    /** The folder of the jobs in {@code state}. */
    Path directory(JobState state) {
        return switch (state) {
            case PENDING -> pending;
            case RUNNING -> running;
            case DONE -> done;
            case FAILED -> failed;
        };
    }

    /** The job files in a state's folder: not reports, not reasons, not links. */
    private List<Path> jobFiles(JobState state) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory(state))) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(JobFileNames.JOB_SUFFIX)
                        && !name.endsWith(JobFileNames.REPORT_SUFFIX)
                        && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
                        && (state != JobState.RUNNING || JobFileNames.parseRunning(name) != null)) {
                    files.add(entry);
                }
            }
        }
        files.sort(Comparator.naturalOrder());
        return files;
    }

    private static String stemOf(JobState state, Path file) {
        String name = file.getFileName().toString();
        if (state == JobState.RUNNING) {
            return JobFileNames.parseRunning(name).stem();
        }
        return name.substring(0, name.length() - JobFileNames.JOB_SUFFIX.length());
    }

    /** A job file as a record; empty when it vanished meanwhile or is not a job (quarantined garbage). */
    private Optional<JobRecord> read(JobState state, Path file) throws IOException {
        byte[] bytes;
        try {
            if (refusalOf(file) != null) {
                return Optional.empty();
            }
            bytes = readJobFile(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!(JobDocument.parse(bytes) instanceof JobDocument document)) {
            return Optional.empty();
        }
        String stem = stemOf(state, file);
        String holder = null;
        Instant leaseUntil = null;
        if (state == JobState.RUNNING) {
            JobFileNames.Running claim =
                    JobFileNames.parseRunning(file.getFileName().toString());
            holder = claim.owner();
            leaseUntil = Instant.ofEpochMilli(claim.leaseUntilMillis());
        }
        String report = document.lastReportJson();
        if (state == JobState.DONE || state == JobState.FAILED) {
            Path reportFile = directory(state).resolve(stem + JobFileNames.REPORT_SUFFIX);
            try {
                report = Files.readString(reportFile, UTF_8).strip();
            } catch (NoSuchFileException e) {
                report = null;
            }
        }
        Dataset dataset = document.dataset();
        return Optional.of(new JobRecord(
                stem,
                dataset.datasetId(),
                dataset.toothbrushId(),
                dataset.brushingUri(),
                dataset.settingsUri(),
                state,
                document.attempts(),
                document.lastError(),
                instant(document.millis(JobDocument.ENQUEUED_AT)),
                instant(document.millis(JobDocument.FINISHED_AT)),
                holder,
                leaseUntil,
                report));
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    @Override
    public Duration leaseTimeout() {
        return settings.leaseTimeout();
    }

    @Override
    public String describe() {
        return description;
    }

    /** Nothing to release: the queue holds no open files between calls. */
    @Override
    public void close() {
        // every call opens and closes its own files
    }

    /** Takes back every claim whose lease has expired: a failed attempt, ready at once or dead at the limit. */
    private void recoverExpiredClaims(long now) throws IOException {
        List<Path> expired = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(running)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                JobFileNames.Running claim = JobFileNames.parseRunning(name);
                String refusal;
                try {
                    refusal = refusalOf(entry);
                } catch (NoSuchFileException e) {
                    continue; // renewed, finished or taken back by its owner or another worker meanwhile
                }
                if (refusal != null) {
                    quarantine(entry, name, refusal);
                } else if (claim == null) {
                    quarantine(entry, name, "not a claimed job file name (<stem>@<lease end ms>@<owner>.json)");
                } else if (claim.leaseUntilMillis() < now) {
                    expired.add(entry);
                }
            }
        }
        for (Path entry : expired) {
            try {
                takeBack(entry, now);
            } catch (IOException e) {
                LOG.warn("queue {}: cannot take back {}: {}", description, entry.getFileName(), e.toString());
            } catch (QueueException e) {
                LOG.warn("queue {}: cannot take back {}: {}", description, entry.getFileName(), e.detail());
            }
        }
    }

    /** Claims an expired claim for this worker (a lost race is no error), then ends it as a failed attempt. */
    private void takeBack(Path entry, long now) throws IOException {
        JobFileNames.Running claim =
                JobFileNames.parseRunning(entry.getFileName().toString());
        String owner = nextOwner();
        long leaseUntil = now + settings.leaseTimeout().toMillis();
        Path mine = running.resolve(JobFileNames.running(claim.stem(), leaseUntil, owner));
        try {
            Files.move(entry, mine, ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return; // its owner renewed or finished it, or another worker took it back first
        }
        Optional<DirectoryQueuedJob> job = adopt(mine, claim.stem(), owner, leaseUntil, Long.MAX_VALUE);
        if (job.isPresent()) {
            String reason = "lease of worker " + claim.owner() + " expired at "
                    + Instant.ofEpochMilli(claim.leaseUntilMillis());
            LOG.warn("queue {}: took back job {}: {}", description, claim.stem(), reason);
            job.get().leaseExpired(reason, now);
        }
    }

    /** The pending jobs whose not-before time has passed, oldest first; garbage is moved to failed/. */
    private List<Candidate> readyCandidates(long now) throws IOException {
        Map<ScanKey, Candidate> seen = new HashMap<>();
        List<Candidate> ready = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(pending)) {
            for (Path entry : entries) {
                Candidate candidate = inspect(entry, seen);
                if (candidate != null && candidate.notBefore() <= now) {
                    ready.add(candidate);
                }
            }
        }
        scanCache = seen;
        ready.sort(Comparator.comparingLong(Candidate::notBefore).thenComparing(Candidate::fileName));
        return ready;
    }

    /** One pending file as a candidate, or {@code null} when it vanished, is unreadable or was garbage. */
    private Candidate inspect(Path entry, Map<ScanKey, Candidate> seen) {
        String name = entry.getFileName().toString();
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink() || !attributes.isRegularFile()) {
                quarantine(entry, name, refusal(attributes));
                return null;
            }
            if (!name.endsWith(JobFileNames.JOB_SUFFIX) || name.length() == JobFileNames.JOB_SUFFIX.length()) {
                quarantine(entry, name, "not a job file name (<dataset id>.json)");
                return null;
            }
            if (name.getBytes(UTF_8).length - JobFileNames.JOB_SUFFIX.length() > JobFileNames.MAX_STEM_LENGTH) {
                quarantine(
                        entry,
                        name,
                        "file name longer than " + JobFileNames.MAX_STEM_LENGTH
                                + " bytes before .json: too long to claim");
                return null;
            }
            if (attributes.size() > MAX_JOB_FILE_BYTES) {
                quarantine(entry, name, "larger than " + MAX_JOB_FILE_BYTES + " bytes");
                return null;
            }
            ScanKey key = new ScanKey(name, attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
            Candidate candidate = scanCache.get(key);
            if (candidate == null) {
                JobFileContent content = JobDocument.parse(readJobFile(entry));
                if (content instanceof JobFileContent.Garbage garbage) {
                    quarantine(entry, name, garbage.reason());
                    return null;
                }
                candidate = new Candidate(name, ((JobDocument) content).notBefore());
            }
            seen.put(key, candidate);
            return candidate;
        } catch (NoSuchFileException e) {
            return null; // claimed by another worker while we looked
        } catch (IOException e) {
            LOG.warn("queue {}: skipping unreadable pending file {}: {}", description, name, e.toString());
            return null;
        }
    }

    /** Claims one candidate by renaming it into running/, or returns empty when another worker was faster. */
    private Optional<QueuedJob> claim(Candidate candidate, long now) throws IOException {
        String name = candidate.fileName();
        String stem = name.substring(0, name.length() - JobFileNames.JOB_SUFFIX.length());
        String owner = nextOwner();
        long leaseUntil = now + settings.leaseTimeout().toMillis();
        Path claimed = running.resolve(JobFileNames.running(stem, leaseUntil, owner));
        try {
            Files.move(pending.resolve(name), claimed, ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return adopt(claimed, stem, owner, leaseUntil, now).map(job -> job);
    }

    /**
     * Reads a file this worker has just renamed into running/: the job, or empty when it was garbage (moved to
     * failed/) or not ready after all (its content changed since it was scanned; put back to pending/).
     */
    private Optional<DirectoryQueuedJob> adopt(
            Path claimed, String stem, String owner, long leaseUntil, long readyBefore) throws IOException {
        String fileName = stem + JobFileNames.JOB_SUFFIX;
        String refusal = refusalOf(claimed);
        if (refusal != null) {
            quarantine(claimed, fileName, refusal);
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = readJobFile(claimed);
        } catch (FileSystemException e) {
            // swapped for a symbolic link between the check and the open (O_NOFOLLOW refused it)
            quarantine(claimed, fileName, "cannot be read without following a link: " + e.getReason());
            return Optional.empty();
        }
        if (bytes.length > MAX_JOB_FILE_BYTES) {
            quarantine(claimed, fileName, "larger than " + MAX_JOB_FILE_BYTES + " bytes");
            return Optional.empty();
        }
        JobFileContent content = JobDocument.parse(bytes);
        if (content instanceof JobFileContent.Garbage garbage) {
            quarantine(claimed, fileName, garbage.reason());
            return Optional.empty();
        }
        JobDocument document = (JobDocument) content;
        if (document.notBefore() > readyBefore) {
            Files.move(claimed, pending.resolve(fileName), ATOMIC_MOVE);
            return Optional.empty();
        }
        return Optional.of(new DirectoryQueuedJob(this, stem, document, claimed, leaseUntil, owner));
    }

    /** Moves a file that is not a job to failed/ with a reason file; a lost race or an I/O error is logged. */
    private void quarantine(Path source, String fileName, String reason) {
        try {
            Files.move(source, failed.resolve(fileName), ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return; // another worker moved it first
        } catch (IOException e) {
            LOG.warn("queue {}: cannot move garbage file {} to failed/: {}", description, fileName, e.toString());
            return;
        }
        LOG.warn("queue {}: moved {} to failed/: {}", description, fileName, reason);
        try {
            writeAtomically(failed.resolve(fileName + JobFileNames.REASON_SUFFIX), (reason + '\n').getBytes(UTF_8));
        } catch (IOException e) {
            LOG.warn("queue {}: cannot write the reason for {}: {}", description, fileName, e.toString());
        }
    }

    /** {@link #refusal} of the entry as it is now, not following links. */
    private static String refusalOf(Path entry) throws IOException {
        return refusal(Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    private boolean isClaimed(String stem) throws IOException {
        String prefix = stem + '@';
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(running)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(prefix)) {
                    JobFileNames.Running claim = JobFileNames.parseRunning(name);
                    if (claim != null && claim.stem().equals(stem)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private String nextOwner() {
        return workerId + '-' + claims.incrementAndGet();
    }

    /** Writes bytes to a new file in tmp/, forced to disk, ready to be renamed into place. */
    private Path writeTemp(byte[] bytes) throws IOException {
        Path temp = tmp.resolve(Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean posix = temp.getFileSystem().supportedFileAttributeViews().contains("posix");
        Set<OpenOption> options =
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try (FileChannel channel = posix
                ? FileChannel.open(temp, options, PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS))
                : FileChannel.open(temp, options)) {
            restrict(temp, FILE_PERMISSIONS);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /** Replaces {@code target} with the bytes in one rename: readers see the old file or the new, never a part. */
    void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = writeTemp(bytes);
        try {
            Files.move(temp, target, ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The queue could not be read or written while working on {@code jobId} (may be null). */
    QueueException unavailable(String jobId, String message, Throwable cause) {
        return new QueueException(QueueException.Kind.UNAVAILABLE, description, jobId, message, cause);
    }

    private QueueException alreadyQueued(Dataset dataset, String stem, String state) {
        return new QueueException(
                QueueException.Kind.ALREADY_QUEUED,
                description,
                stem,
                "dataset " + dataset.datasetId() + " is already " + state
                        + "; enqueue it again once that job is done or failed",
                null);
    }

    /** A pending file's identity: a rewritten file is a new file, so a stale read is never reused. */
    private record ScanKey(String fileName, Object fileKey, long size, FileTime modified) {}

    /** A pending job as last read: its file name and not-before time. */
    private record Candidate(String fileName, long notBefore) {}
}
