/**
 * Ordering, type pinning and time alignment of a dataset's events: {@link toothbrush.ingest.domain.alignment.SettingsSequence}
 * and {@link toothbrush.ingest.domain.alignment.BrushingSequence} accept or reject events (B7, B8, B10, S6, S7),
 * {@link toothbrush.ingest.domain.alignment.AnchorClock} turns ticks into exact UNIX time (A1-A5, P3) and
 * {@link toothbrush.ingest.domain.alignment.LossTracker} computes the report's statistics (R1-R4).
 */
package toothbrush.ingest.domain.alignment;
