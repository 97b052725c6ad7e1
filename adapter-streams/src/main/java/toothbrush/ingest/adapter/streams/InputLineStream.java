package toothbrush.ingest.adapter.streams;

import java.util.Objects;
import toothbrush.ingest.application.port.LineStream;

/** The part of both parsers that is about their input: bytes read, total size, closing. */
abstract class InputLineStream<R> implements LineStream<R> {

    /** The stream's lines and byte counts. */
    protected final StreamInput input;

    InputLineStream(StreamInput input) {
        this.input = Objects.requireNonNull(input, "input");
    }

    @Override
    public final long bytesRead() {
        return input.bytesRead();
    }

    @Override
    public final long totalBytes() {
        return input.totalBytes();
    }

    @Override
    public final void close() {
        input.close();
    }
}
