package toothbrush.ingest.application.service;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * U1: the deadline of one dataset. When it passes, the thread that runs the dataset is interrupted, so a
 * read blocked on a trickling server or an endless file ends too (the stream adapters give up on an
 * interrupt instead of retrying). Closing it before the deadline cancels the alarm; closing it after
 * clears the interrupt it caused, so the thread can record the job's end.
 */
final class JobDeadline implements AutoCloseable {
    private static final ScheduledExecutorService ALARMS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "job-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final Thread runner;
    private final Duration timeout;
    private final ScheduledFuture<?> alarm;
    private boolean closed;
    private volatile boolean expired;

    private JobDeadline(Duration timeout) {
        this.runner = Thread.currentThread();
        this.timeout = timeout;
        this.alarm = ALARMS.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Starts the deadline of a dataset run by the calling thread. */
    static JobDeadline start(Duration timeout) {
        return new JobDeadline(timeout);
    }

    private synchronized void expire() {
        if (!closed) {
            expired = true;
            runner.interrupt();
        }
    }

    /** True once the deadline has passed. */
    boolean expired() {
        return expired;
    }

    /**
     * After the deadline passed: clears the interrupt it delivered, so the cleanup that follows (closing
     * streams, discarding the writer's points) runs uninterrupted. Waits for the alarm if it is still
     * delivering it. Call on the runner thread.
     */
    void acknowledge() {
        synchronized (this) {
            if (expired) {
                Thread.interrupted();
            }
        }
    }

    /** The job timeout this deadline enforces. */
    Duration timeout() {
        return timeout;
    }

    /** Cancels the alarm; the interrupt it delivered, if any, is cleared. Call on the runner thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        alarm.cancel(false);
        if (expired) {
            Thread.interrupted();
        }
    }
}
