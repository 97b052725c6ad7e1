/**
 * End-to-end tests of the job queue and worker: real worker processes of the shaded jar on a {@code dir:} or
 * PostgreSQL queue, writing to a real InfluxDB, killed ({@link toothbrush.ingest.bootstrap.worker.WorkerProcessesIT})
 * or cut off from the database ({@link toothbrush.ingest.bootstrap.worker.DatabaseOutageWorkerIT}) mid-job.
 */
package toothbrush.ingest.bootstrap.worker;
