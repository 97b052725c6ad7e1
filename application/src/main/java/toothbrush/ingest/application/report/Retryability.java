package toothbrush.ingest.application.report;

/**
 * Whether another attempt later may succeed: the one shape every failure's permanence takes, from the F1
 * {@link FailureReason} to the exceptions of the ports and the adapters' own failures (an HTTP status, a
 * queue that cannot be reached). The worker retries a {@link #RETRYABLE} failure with backoff until the
 * attempt limit and dead-letters a {@link #PERMANENT} one at once.
 */
public enum Retryability {
    /** Trying again later may succeed: an outage, a timeout, an overloaded server. */
    RETRYABLE,
    /** No retry can help: the data or the request is refused, the source is not there. */
    PERMANENT;

    /** True for {@link #RETRYABLE}. */
    public boolean retryable() {
        return this == RETRYABLE;
    }

    /**
     * The HTTP rule, for every HTTP client of this project: 408 (Request Timeout), 429 (Too Many Requests)
     * and the 5xx server errors are worth another attempt; every other status is final.
     */
    public static Retryability ofHttpStatus(int status) {
        return status == 408 || status == 429 || (status >= 500 && status <= 599) ? RETRYABLE : PERMANENT;
    }
}
