package toothbrush.ingest.application.port;

/** Where points go: LlamaDB, in one of its backends. */
public interface PointSink {

    /**
     * Starts writing the points of one dataset. Writing the same dataset again must not duplicate
     * points (P4): a sink either replaces the dataset's earlier points or writes identical ones that
     * the database deduplicates.
     *
     * @throws PointSinkException when the database cannot be reached (after retries)
     */
    PointWriter open(Dataset dataset);

    /**
     * False while the database is known to be down (an open circuit breaker): a worker then stops
     * taking jobs and gives back the one in hand without counting an attempt. Sinks that cannot tell
     * answer true.
     */
    default boolean available() {
        return true;
    }
}
