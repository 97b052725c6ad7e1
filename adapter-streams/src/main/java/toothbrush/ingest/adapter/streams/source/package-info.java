/**
 * Where a stream's bytes come from: {@link toothbrush.ingest.adapter.streams.source.ByteSources#forUri}
 * picks a {@link toothbrush.ingest.adapter.streams.source.ByteSource} (file or HTTP) that opens at any byte
 * offset, and {@link toothbrush.ingest.adapter.streams.source.DecodedInputStream} counts and un-gzips its bytes.
 */
package toothbrush.ingest.adapter.streams.source;
