/**
 * Where a stream's bytes come from: {@link toothbrush.ingest.adapter.streams.source.ByteSources#forUri}
 * picks a {@link toothbrush.ingest.adapter.streams.source.ByteSource} (file or HTTP) that opens at any byte
 * offset, and {@link toothbrush.ingest.adapter.streams.source.DecodedInputStream} counts, caps (U3) and un-gzips its
 * bytes. {@link toothbrush.ingest.adapter.streams.source.SourcePolicy} decides which files and URLs may be read (U2).
 */
package toothbrush.ingest.adapter.streams.source;
