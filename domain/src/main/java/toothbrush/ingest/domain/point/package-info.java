/**
 * What is written to LlamaDB: {@link toothbrush.ingest.domain.point.Point} (P1-P3).
 */
package toothbrush.ingest.domain.point;
