package toothbrush.ingest.adapter.streams.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A stream stored in a local file. Each open (the first and every resume) is checked against the
 * {@link SourcePolicy} first, and opens the real path the policy checked, never following a link there.
 */
public final class FileByteSource implements ByteSource {
    private final Path path;
    private final String description;
    private final SourcePolicy policy;
    /** The path the last open read (the real path, under a restricting policy), or null before. */
    private volatile Path opened;

    /** A file source described by its path, without restriction. */
    public FileByteSource(Path path) {
        this(path, Objects.requireNonNull(path, "path").toString());
    }

    /** A file source described in messages as {@code description} (the URI the user gave), without restriction. */
    public FileByteSource(Path path, String description) {
        this(path, description, SourcePolicy.unrestricted());
    }

    /** A file source described in messages as {@code description}, opened only if {@code policy} allows it. */
    public FileByteSource(Path path, String description, SourcePolicy policy) {
        this.path = Objects.requireNonNull(path, "path");
        this.description = Objects.requireNonNull(description, "description");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The file read. */
    public Path path() {
        return path;
    }

    /**
     * {@inheritDoc}
     *
     * @throws SourceNotAllowedException when the policy refuses the file (nothing outside the allowed
     *     directories was looked at)
     */
    @Override
    public InputStream open(long offset) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        Path target = policy.checkFile(path, description);
        if (policy.isUnrestricted() && Files.isDirectory(path)) {
            throw new SourceUnavailableException("is a directory: " + path, null);
        }
        FileChannel channel;
        try {
            channel = policy.isUnrestricted()
                    ? FileChannel.open(target, StandardOpenOption.READ)
                    : FileChannel.open(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new SourceUnavailableException("no such file: " + path, e);
        } catch (AccessDeniedException e) {
            throw new SourceUnavailableException("permission denied: " + path, e);
        }
        if (offset > 0) {
            // Only a regular file can seek; a named pipe is read from its start, once.
            try {
                channel.position(offset);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        opened = target;
        return Channels.newInputStream(channel);
    }

    @Override
    public String describe() {
        return description;
    }

    /** {@inheritDoc} Under a restricting policy, -1 until the file was opened (nothing unchecked is looked at). */
    @Override
    public long size() {
        Path p = policy.isUnrestricted() ? path : opened;
        if (p == null || !Files.isRegularFile(p)) {
            return -1; // a named pipe or a device has no size to promise
        }
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return "FileByteSource[" + path + "]";
    }
}
