package toothbrush.ingest.adapter.queue;

/** What a {@code dir:} queue job file holds: a {@link JobDocument}, or garbage with the reason. */
sealed interface JobFileContent permits JobDocument, JobFileContent.Garbage {

    /** A file that is not a job; it is moved to {@code failed/} with this reason. */
    record Garbage(String reason) implements JobFileContent {}
}
