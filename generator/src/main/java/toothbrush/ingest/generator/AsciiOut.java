package toothbrush.ingest.generator;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A large reused byte buffer in front of an output stream: lines are copied in, blocks go out. An
 * {@link IOException} of the stream is rethrown with the stream's name and the bytes written before it.
 */
final class AsciiOut implements Closeable {
    private final String name;
    private final OutputStream out;
    private final byte[] buffer;
    private int position;
    private long bytesWritten;
    private boolean closed;

    AsciiOut(String name, OutputStream out, int bufferSize) {
        this.name = name;
        this.out = out;
        this.buffer = new byte[bufferSize];
    }

    /** Appends {@code length} bytes of {@code bytes} from {@code offset}. */
    void put(byte[] bytes, int offset, int length) throws IOException {
        if (buffer.length - position < length) {
            drain();
            if (length > buffer.length) {
                write(bytes, offset, length);
                bytesWritten += length;
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, position, length);
        position += length;
        bytesWritten += length;
    }

    /** Hands the buffered bytes to the stream and flushes it (a reader on a pipe sees them now). */
    void flush() throws IOException {
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            throw failure("flush", e);
        }
    }

    /** Bytes appended so far (as the stream's reader sees them before any compression). */
    long bytesWritten() {
        return bytesWritten;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            drain();
        } finally {
            try {
                out.close();
            } catch (IOException e) {
                throw failure("close", e);
            }
        }
    }

    private void drain() throws IOException {
        if (position > 0) {
            write(buffer, 0, position);
            position = 0;
        }
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            throw failure("write", e);
        }
    }

    private IOException failure(String action, IOException cause) {
        long atByte = bytesWritten - position;
        return new IOException(name + ": cannot " + action + " near byte " + atByte + ": " + cause, cause);
    }
}
