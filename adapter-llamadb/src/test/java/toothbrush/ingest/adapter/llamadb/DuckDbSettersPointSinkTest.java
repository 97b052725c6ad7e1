package toothbrush.ingest.adapter.llamadb;

import java.nio.file.Path;

/**
 * The DuckDB sink's contract and its own tests again through duckdb_jdbc's per-value vector setters,
 * the path taken when the bulk copy into the vectors' memory is not available: both paths store the
 * same rows.
 */
class DuckDbSettersPointSinkTest extends DuckDbPointSinkTest {

    @Override
    protected LlamaDbClient connect(Path file) {
        return DuckDbClient.connect("duckdb:" + file, file.toString(), 4_160, false);
    }
}
