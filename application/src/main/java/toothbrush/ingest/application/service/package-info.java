/**
 * The ingestion use case: {@link toothbrush.ingest.application.service.IngestService} merges a dataset's
 * two streams in one pass and writes its points, configured by
 * {@link toothbrush.ingest.application.service.IngestSettings}.
 */
package toothbrush.ingest.application.service;
