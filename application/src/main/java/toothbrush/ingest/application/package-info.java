/**
 * The application layer: the driven ports ({@code port}), the ingestion use case ({@code service},
 * entry type {@code IngestService}) and the report it returns ({@code report}). Depends on the domain only.
 */
package toothbrush.ingest.application;
