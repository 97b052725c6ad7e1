package toothbrush.ingest.application.port;

import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.SettingsUpdate;

/** Opens the two streams of a dataset as parsed lines. */
public interface DatasetReader {

    /**
     * Opens the brushing CSV stream (L1-L6, B1-B6 applied; B7, B8 and type pinning are the domain's).
     *
     * @throws DatasetReadException when the stream cannot be opened
     */
    LineStream<BrushingEvent> openBrushing(Dataset dataset);

    /**
     * Opens the settings JSON-lines stream (L1-L6, S1-S5 and S8 value drops applied; S6, S7 and type
     * pinning are the domain's).
     *
     * @throws DatasetReadException when the stream cannot be opened
     */
    LineStream<SettingsUpdate> openSettings(Dataset dataset);
}
