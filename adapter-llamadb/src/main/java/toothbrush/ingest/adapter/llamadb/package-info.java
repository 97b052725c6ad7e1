/**
 * Points out to LlamaDB: {@link toothbrush.ingest.adapter.llamadb.LlamaDbPointSink} implements the
 * {@code PointSink} port over a {@link toothbrush.ingest.adapter.llamadb.LlamaDbClient}, which
 * {@link toothbrush.ingest.adapter.llamadb.LlamaDb#connect(String)} opens by URI: a line-protocol file,
 * DuckDB, or an InfluxDB-compatible server over HTTP ({@link toothbrush.ingest.adapter.llamadb.HttpWriteSettings}).
 */
package toothbrush.ingest.adapter.llamadb;
