package toothbrush.ingest.adapter.llamadb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The HTTP backend's batch buffers and the threads that send them, and so its backpressure: {@code senders}
 * sender threads and {@code senders + 1} buffers. While every sender is busy and the caller has filled the
 * next buffer too, {@link #take()} blocks until a batch is done: a slow or failing database slows the reading
 * down, memory stays bounded, and no point is ever dropped.
 *
 * <p>The first failure of a batch is kept ({@link #failure()}) until {@link #clearFailure()}; batches are
 * abandoned (their retries stop, their senders are interrupted) by {@link #abandonAll()}. One caller thread at
 * a time, besides the sender threads.
 */
final class BatchPool implements AutoCloseable {
    private final ExecutorService senders;
    private final BlockingQueue<Batch> free;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batchDone = lock.newCondition();
    /** Batches handed to a sender and not finished yet; guarded by {@link #lock}. */
    private final List<Batch> inFlight = new ArrayList<>();

    private final AtomicReference<LlamaDbException> failure = new AtomicReference<>();

    /**
     * @param name names the sender threads ({@code NAME-sender-N}, daemons)
     * @param senders batches in flight at most
     * @param batchCapacity initial bytes of each buffer (they grow when a batch needs more)
     */
    BatchPool(String name, int senders, int batchCapacity) {
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(senders, task -> {
            Thread thread = new Thread(task, name + "-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        int pool = senders + 1;
        this.free = new ArrayBlockingQueue<>(pool);
        for (int i = 0; i < pool; i++) {
            free.add(new Batch(batchCapacity));
        }
    }

    /** An empty buffer; blocks while every buffer is full or in flight (backpressure). */
    Batch take() throws InterruptedException {
        Batch batch = free.take();
        batch.reset();
        return batch;
    }

    /**
     * Hands {@code batch} to a sender thread, which runs {@code send} on it: {@code send} answers the batch's
     * failure, or {@code null} when it was acknowledged or abandoned. The buffer comes back to the pool after.
     */
    void submit(Batch batch, Function<Batch, LlamaDbException> send) {
        batch.abandoned = false;
        batch.attempts = 0;
        lock.lock();
        try {
            inFlight.add(batch);
        } finally {
            lock.unlock();
        }
        senders.execute(() -> run(batch, send));
    }

    /** The first failure of a batch since {@link #clearFailure()}, or {@code null}. */
    LlamaDbException failure() {
        return failure.get();
    }

    /** Forgets the failure of an earlier dataset. */
    void clearFailure() {
        failure.set(null);
    }

    /**
     * Waits until every batch in flight is done, or until one failed; then abandons the rest.
     *
     * @return false when interrupted while waiting (the interrupt flag is set again)
     */
    boolean awaitAll() {
        boolean interrupted = false;
        lock.lock();
        try {
            while (!inFlight.isEmpty() && failure.get() == null && !interrupted) {
                try {
                    batchDone.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
        }
        abandonAll();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return !interrupted;
    }

    /** Stops the retries of the batches in flight (interrupting their senders) and waits for them. */
    void abandonAll() {
        lock.lock();
        try {
            for (Batch batch : inFlight) {
                batch.abandoned = true;
                if (batch.sender != null) {
                    batch.sender.interrupt();
                }
            }
            while (!inFlight.isEmpty()) {
                batchDone.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the sender threads. */
    @Override
    public void close() {
        senders.shutdownNow();
    }

    /** Sends one batch on a sender thread, records its failure and gives the buffer back. */
    private void run(Batch batch, Function<Batch, LlamaDbException> send) {
        lock.lock();
        try {
            batch.sender = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        LlamaDbException failed = null;
        try {
            if (!batch.abandoned) {
                failed = send.apply(batch);
            }
        } finally {
            lock.lock();
            try {
                batch.sender = null;
                Thread.interrupted();
                inFlight.remove(batch);
                if (failed != null) {
                    failure.compareAndSet(null, failed);
                }
                free.add(batch);
                batchDone.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
