/**
 * The application layer: the driven ports ({@code port}), the ingestion use case ({@code service},
 * entry type {@code IngestService}), the report it returns ({@code report}) and the small rules the use case
 * and the adapters share ({@code support}: the one backoff policy, argument checks, how an exception is told).
 * Depends on the domain only.
 */
package toothbrush.ingest.application;
