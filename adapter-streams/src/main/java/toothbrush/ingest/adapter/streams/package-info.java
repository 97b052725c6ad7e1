/**
 * Reads a dataset's two streams as parsed lines: {@link toothbrush.ingest.adapter.streams.StreamsDatasetReader}
 * implements the {@code DatasetReader} port with {@link toothbrush.ingest.adapter.streams.BrushingCsvParser}
 * (L1-L7, B1-B6) and {@link toothbrush.ingest.adapter.streams.SettingsJsonParser} (L1-L7, S1-S5, S8 drops),
 * over bytes that resume at the exact byte where a file or HTTP read broke ({@link toothbrush.ingest.adapter.streams.StreamSettings}).
 */
package toothbrush.ingest.adapter.streams;
