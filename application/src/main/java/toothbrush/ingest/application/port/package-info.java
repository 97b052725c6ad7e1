/**
 * The driven ports of the ingestion use case: {@link toothbrush.ingest.application.port.DatasetReader}
 * (streams in), {@link toothbrush.ingest.application.port.PointSink} (points out) and
 * {@link toothbrush.ingest.application.port.JobSource} (jobs).
 */
package toothbrush.ingest.application.port;
