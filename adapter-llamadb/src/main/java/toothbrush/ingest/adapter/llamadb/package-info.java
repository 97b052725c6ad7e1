/**
 * Points out to LlamaDB: {@link toothbrush.ingest.adapter.llamadb.LlamaDbPointSink} implements the
 * {@code PointSink} port over a {@link toothbrush.ingest.adapter.llamadb.LlamaDbClient}, which
 * {@link toothbrush.ingest.adapter.llamadb.LlamaDb#connect(String)} opens by URI (line protocol or DuckDB).
 */
package toothbrush.ingest.adapter.llamadb;
