package toothbrush.ingest.application.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.Job;
import toothbrush.ingest.application.port.JobSource;
import toothbrush.ingest.application.port.JobSourceException;
import toothbrush.ingest.application.report.JobResult;

/**
 * A {@link JobSource} over a list of datasets that records how each job ended (finished with a result or
 * released); can be told to fail the next polls.
 */
public final class InMemoryJobSource implements JobSource {

    /** How one job ended: {@code result} is null when it was released. */
    public record Ending(Dataset dataset, JobResult result) {
        /** True when the job was given back without a result. */
        public boolean released() {
            return result == null;
        }
    }

    private final Deque<Dataset> pending = new ArrayDeque<>();
    private final List<Ending> endings = new ArrayList<>();
    private int failingPolls;
    private int polls;

    public InMemoryJobSource(List<Dataset> datasets) {
        pending.addAll(datasets);
    }

    /** The next {@code n} polls throw {@link JobSourceException}. */
    public InMemoryJobSource failNextPolls(int n) {
        failingPolls = n;
        return this;
    }

    @Override
    public Optional<Job> poll() {
        polls++;
        if (failingPolls > 0) {
            failingPolls--;
            throw new JobSourceException("queue mem: unreachable", new java.io.IOException("connection refused"));
        }
        Dataset next = pending.poll();
        return next == null ? Optional.empty() : Optional.of(new InMemoryJob(next));
    }

    /** Number of calls to {@link #poll}. */
    public int polls() {
        return polls;
    }

    /** How the jobs ended, in order. */
    public List<Ending> endings() {
        return List.copyOf(endings);
    }

    /** Datasets not yet polled. */
    public int pendingCount() {
        return pending.size();
    }

    private final class InMemoryJob implements Job {
        private final Dataset dataset;
        private boolean ended;

        InMemoryJob(Dataset dataset) {
            this.dataset = dataset;
        }

        @Override
        public Dataset dataset() {
            return dataset;
        }

        @Override
        public void finish(JobResult result) {
            end(result);
        }

        @Override
        public void release() {
            end(null);
        }

        private void end(JobResult result) {
            if (ended) {
                throw new IllegalStateException("job of " + dataset.datasetId() + " ended twice");
            }
            ended = true;
            endings.add(new Ending(dataset, result));
        }
    }
}
