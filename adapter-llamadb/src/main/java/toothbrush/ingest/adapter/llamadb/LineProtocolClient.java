package toothbrush.ingest.adapter.llamadb;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import toothbrush.ingest.application.report.Retryability;

/**
 * The {@code lp:} backend: writes points as InfluxDB line protocol (see {@link LineProtocolEncoder})
 * to a file ({@code lp:PATH}) or to standard output ({@code lp:-}), through a 1 MiB buffer.
 *
 * <p>A file is truncated when the client connects (one process writes one output) and every dataset
 * after that is appended. {@link #flush()} drains the buffer and forces the file to disk
 * ({@code fsync}); {@link #discard()} cuts the file back to where the dataset (or the
 * inserts since the last flush) began. Standard output is only flushed, and cannot take anything
 * back: there {@code discard} leaves the lines in place, whole.
 */
final class LineProtocolClient implements LlamaDbClient {

    /** Bytes encoded before they are written out. */
    static final int BUFFER_BYTES = 1 << 20;

    private final String uri;
    /**
     * The output file, written with {@link RandomAccessFile}'s own methods, never its channel: an interrupt of
     * the writing thread (the job deadline, U1) would close a channel for good, and every later dataset with it.
     */
    private final RandomAccessFile file;

    private final OutputStream stream;
    private final boolean ownsStream;
    private final LineProtocolEncoder encoder;
    private long bytesWritten;
    private long pendingStart;
    private boolean pending;
    private String datasetId;
    private boolean closed;

    private LineProtocolClient(String uri, RandomAccessFile file, OutputStream stream, boolean ownsStream) {
        this.uri = uri;
        this.ownsStream = ownsStream;
        this.file = file;
        this.stream = stream;
        this.encoder = new LineProtocolEncoder(BUFFER_BYTES, this::write);
    }

    /**
     * Opens (creates or truncates) the file at {@code path}.
     *
     * @throws LlamaDbException when the file cannot be opened
     */
    static LineProtocolClient toFile(String uri, Path path) {
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            // A device or a named pipe (lp:/dev/null, a FIFO to another process): written as a stream;
            // it cannot be truncated, forced or cut back.
            try {
                return new LineProtocolClient(uri, null, Files.newOutputStream(path, StandardOpenOption.WRITE), true);
            } catch (IOException e) {
                throw new LlamaDbException(uri, null, "cannot open " + path, Retryability.RETRYABLE, e);
            }
        }
        try {
            RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
            try {
                file.setLength(0);
            } catch (IOException e) {
                file.close();
                throw e;
            }
            return new LineProtocolClient(uri, file, null, false);
        } catch (IOException e) {
            throw new LlamaDbException(uri, null, "cannot open " + path, Retryability.RETRYABLE, e);
        }
    }

    /** Writes to {@code stream}, which is flushed but never closed (it is standard output). */
    static LineProtocolClient toStream(String uri, OutputStream stream) {
        return new LineProtocolClient(uri, null, Objects.requireNonNull(stream, "stream"), false);
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public void beginDataset(String toothbrushId, String datasetId) {
        Objects.requireNonNull(toothbrushId, "toothbrushId");
        Objects.requireNonNull(datasetId, "datasetId");
        checkOpen();
        if (pending) {
            throw new IllegalStateException("dataset " + this.datasetId + " is neither flushed nor discarded");
        }
        this.datasetId = datasetId;
        markPending();
    }

    @Override
    public void insert(String measurement, long timeNanos, Tags tags, Fields fields) {
        checkOpen();
        if (!pending) {
            markPending();
        }
        try {
            encoder.encode(measurement, timeNanos, tags, fields);
        } catch (IOException e) {
            throw new LlamaDbException(uri, datasetId, "cannot write", Retryability.RETRYABLE, e);
        }
    }

    @Override
    public void flush() {
        checkOpen();
        try {
            encoder.drain();
            if (file != null) {
                file.getFD().sync();
            } else {
                flushStream();
            }
        } catch (IOException e) {
            throw new LlamaDbException(uri, datasetId, "cannot flush", Retryability.RETRYABLE, e);
        }
        pending = false;
    }

    @Override
    public void discard() {
        checkOpen();
        if (file != null && pending) {
            encoder.reset();
            try {
                file.setLength(pendingStart);
                file.seek(pendingStart);
            } catch (IOException e) {
                throw new LlamaDbException(
                        uri, datasetId, "cannot cut back to byte " + pendingStart, Retryability.RETRYABLE, e);
            } finally {
                pending = false; // the next dataset starts where this one did, or fails on its own
            }
            bytesWritten = pendingStart;
        }
        pending = false;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            discard();
            if (file == null) {
                encoder.drain();
                flushStream();
            }
        } catch (IOException e) {
            throw new LlamaDbException(uri, datasetId, "cannot write", Retryability.RETRYABLE, e);
        } finally {
            closed = true;
            closeFile();
        }
    }

    private void closeFile() {
        if (ownsStream) {
            try {
                stream.close();
            } catch (IOException e) {
                throw new LlamaDbException(uri, datasetId, "cannot close", Retryability.RETRYABLE, e);
            }
        }
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new LlamaDbException(uri, datasetId, "cannot close", Retryability.RETRYABLE, e);
            }
        }
    }

    private void markPending() {
        pending = true;
        pendingStart = bytesWritten + encoder.buffered();
    }

    private void write(byte[] bytes, int length) throws IOException {
        if (file != null) {
            file.write(bytes, 0, length);
        } else {
            stream.write(bytes, 0, length);
        }
        bytesWritten += length;
    }

    private void flushStream() throws IOException {
        stream.flush();
        if (stream instanceof PrintStream print && print.checkError()) {
            throw new IOException("standard output refused the write");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("LlamaDB client " + uri + " is closed");
        }
    }
}
