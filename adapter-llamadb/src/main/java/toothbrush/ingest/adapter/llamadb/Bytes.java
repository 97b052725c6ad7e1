package toothbrush.ingest.adapter.llamadb;

import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte array that is also an {@link OutputStream}: a batch's lines, or its request body. */
final class Bytes extends OutputStream {
    byte[] bytes;
    int length;

    Bytes(int capacity) {
        bytes = new byte[capacity];
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    private void ensure(int count) {
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + count, bytes.length * 2));
        }
    }
}
