package toothbrush.ingest.adapter.llamadb;

/**
 * The process {@link DuckDbMigrationAndCrashTest} kills: starts dataset {@code ds-1} of {@code tb-42} again in
 * the DuckDB file given as argument, inserts points until more than two background inserts are in
 * DuckDB's transaction, prints {@code inserting}, and goes on inserting until it is killed.
 */
public final class DuckDbCrashChild {

    private DuckDbCrashChild() {}

    public static void main(String[] args) {
        LlamaDbClient client = LlamaDb.connect("duckdb:" + args[0]);
        client.beginDataset("tb-42", "ds-1");
        long tick = 0;
        for (; tick < 3L * DuckDbRows.DEFAULT_CAPACITY; tick++) {
            PlainBrushing.insert(client, "tb-42", "ds-1", tick, tick, 9, 0.25);
        }
        System.out.println("inserting");
        System.out.flush();
        while (true) {
            PlainBrushing.insert(client, "tb-42", "ds-1", tick, tick, 9, 0.25);
            tick++;
        }
    }
}
