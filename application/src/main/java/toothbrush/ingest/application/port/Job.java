package toothbrush.ingest.application.port;

import toothbrush.ingest.application.report.JobResult;

/** A claimed job: one dataset to ingest, finished exactly once. */
public interface Job {

    /** The dataset to ingest. */
    Dataset dataset();

    /**
     * Records how the job ended: a completed report is committed; a retryable failure puts the job back
     * for a later attempt; a permanent failure moves it to the failed jobs with its reason.
     */
    void finish(JobResult result);

    /** Gives the job back without counting an attempt (shutdown, database down). */
    void release();
}
