package toothbrush.ingest.application.port;

import java.util.Optional;

/** Where jobs come from: a queue, or the one job of an {@code ingest} command. */
public interface JobSource {

    /**
     * Claims the next job, or returns empty when none is ready.
     *
     * @throws JobSourceException when the queue cannot be reached
     */
    Optional<Job> poll();
}
