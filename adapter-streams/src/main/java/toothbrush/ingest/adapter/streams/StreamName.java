package toothbrush.ingest.adapter.streams;

/** The two streams of a dataset, by the names messages and reports use. */
public enum StreamName {
    /** The brushing CSV stream. */
    BRUSHING("brushing"),
    /** The settings JSON-lines stream. */
    SETTINGS("settings");

    private final String label;

    StreamName(String label) {
        this.label = label;
    }

    /** The name used in messages: {@code brushing} or {@code settings}. */
    public String label() {
        return label;
    }
}
