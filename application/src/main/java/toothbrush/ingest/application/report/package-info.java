/**
 * What the use case returns: {@link toothbrush.ingest.application.report.JobResult} carrying an
 * {@link toothbrush.ingest.application.report.IngestReport} (R5).
 */
package toothbrush.ingest.application.report;
