package toothbrush.ingest.application.port;

/** The job queue could not be reached or updated; the message names the queue and the job. */
public class JobSourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
