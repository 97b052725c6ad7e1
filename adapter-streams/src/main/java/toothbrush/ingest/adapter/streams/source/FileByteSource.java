package toothbrush.ingest.adapter.streams.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/** A stream stored in a local file. */
public final class FileByteSource implements ByteSource {
    private final Path path;
    private final String description;

    /** A file source described by its path. */
    public FileByteSource(Path path) {
        this(path, Objects.requireNonNull(path, "path").toString());
    }

    /** A file source described in messages as {@code description} (the URI the user gave). */
    public FileByteSource(Path path, String description) {
        this.path = Objects.requireNonNull(path, "path");
        this.description = Objects.requireNonNull(description, "description");
    }

    /** The file read. */
    public Path path() {
        return path;
    }

    @Override
    public InputStream open(long offset) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        if (Files.isDirectory(path)) {
            throw new SourceUnavailableException("is a directory: " + path, null);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
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
        return Channels.newInputStream(channel);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public long size() {
        if (!Files.isRegularFile(path)) {
            return -1; // a named pipe or a device has no size to promise
        }
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return "FileByteSource[" + path + "]";
    }
}
