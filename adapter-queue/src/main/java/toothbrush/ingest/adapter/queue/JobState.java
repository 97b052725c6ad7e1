package toothbrush.ingest.adapter.queue;

import java.util.Locale;

/** Where a job is in its life: waiting, claimed by a worker, or finished one way or the other. */
public enum JobState {
    PENDING,
    RUNNING,
    DONE,
    FAILED;

    /** The lower-case name a queue stores and the command line shows, e.g. {@code failed}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The state named by {@code code}.
     *
     * @throws IllegalArgumentException naming the accepted codes
     */
    public static JobState of(String code) {
        for (JobState state : values()) {
            if (state.code().equals(code)) {
                return state;
            }
        }
        throw new IllegalArgumentException(
                "unknown job state '" + code + "': expected pending, running, done or failed");
    }
}
