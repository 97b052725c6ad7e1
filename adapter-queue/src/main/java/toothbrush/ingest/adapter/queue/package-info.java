/**
 * Job queues: {@link toothbrush.ingest.adapter.queue.JobQueues#open} opens a {@code dir:} or {@code postgresql://}
 * {@link toothbrush.ingest.adapter.queue.JobQueue}, and {@link toothbrush.ingest.adapter.queue.QueueJobSource}
 * implements the {@code JobSource} port on top of it.
 */
package toothbrush.ingest.adapter.queue;
