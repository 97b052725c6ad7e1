package toothbrush.ingest.adapter.llamadb;

import java.nio.file.Path;

/**
 * The DuckDB sink's contract and its own tests again, gathering only 4,160 rows per insert (two full
 * 2,048-row chunks and a partial one), so that a dataset spans several background inserts, chunks
 * are claimed by both of DuckDB's threads and validity words start mid-batch.
 */
class DuckDbSmallBatchPointSinkTest extends DuckDbPointSinkTest {

    @Override
    protected LlamaDbClient connect(Path file) {
        return DuckDbClient.connect("duckdb:" + file, file.toString(), 4_160, true);
    }
}
