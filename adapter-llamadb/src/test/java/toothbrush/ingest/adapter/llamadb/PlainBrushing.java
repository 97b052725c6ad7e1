package toothbrush.ingest.adapter.llamadb;

/** Test helper: the point the sink writes for a brushing line without extra fields (P1). */
final class PlainBrushing {

    private PlainBrushing() {}

    static void insert(
            LlamaDbClient client,
            String toothbrushId,
            String datasetId,
            long timeNanos,
            long tick,
            int tooth,
            double percentClean) {
        client.insert(
                PointSchema.BRUSHING,
                timeNanos,
                new Tags().add(PointSchema.TOOTHBRUSH_ID, toothbrushId),
                new Fields()
                        .addLong(PointSchema.TICK, tick)
                        .addLong(PointSchema.TOOTH, tooth)
                        .addDouble(PointSchema.PERCENT_CLEAN, percentClean)
                        .addString(PointSchema.DATASET_ID, datasetId));
    }
}
