package toothbrush.ingest.adapter.streams;

import java.io.IOException;
import toothbrush.ingest.application.support.Throwables;

/** Every attempt to open a stream, or to resume it where it broke, failed; the cause is the last error. */
final class RetriesExhaustedException extends IOException {
    private static final long serialVersionUID = 1L;

    RetriesExhaustedException(int attempts, IOException last) {
        super(
                "gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts") + ", last error: "
                        + Throwables.describe(last),
                last);
    }
}
