/**
 * The events of a dataset as parsed values: {@link toothbrush.ingest.domain.event.BrushingEvent} and
 * {@link toothbrush.ingest.domain.event.SettingsUpdate}, with their extra fields.
 */
package toothbrush.ingest.domain.event;
