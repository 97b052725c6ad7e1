package toothbrush.ingest.adapter.queue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A worker process for {@link DirectoryJobQueueProcessesTest}: waits for a {@code go} file, then claims and
 * commits jobs from a {@code dir:} queue until none is left, printing each claimed dataset id on a line.
 */
final class DirectoryQueueWorkerProcess {
    private DirectoryQueueWorkerProcess() {}

    /** Arguments: the queue directory, the go file, the worker id. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path go = Path.of(args[1]);
        DirectoryJobQueue queue = new DirectoryJobQueue(root, QueueSettings.defaults(), args[2]);
        while (!Files.exists(go)) {
            Thread.sleep(1);
        }
        StringBuilder claimed = new StringBuilder();
        for (Optional<QueuedJob> job = queue.poll(); job.isPresent(); job = queue.poll()) {
            String id = job.get().dataset().datasetId();
            job.get().commit("{\"dataset_id\":\"" + id + "\",\"worker\":\"" + args[2] + "\"}");
            claimed.append(id).append('\n');
        }
        System.out.print(claimed);
        System.out.flush();
    }
}
