/**
 * Physical lines of a byte stream (L1-L3, L5, L6): {@link toothbrush.ingest.adapter.streams.line.BoundedLineReader}
 * hands out each line as a view into its own buffer, bounded in length and checked as strict UTF-8.
 */
package toothbrush.ingest.adapter.streams.line;
