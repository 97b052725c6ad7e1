package toothbrush.ingest.bootstrap.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A job queue's content read straight from its store, the way an operator inspects it: the folders of a
 * {@code dir:} queue or the {@code toothbrush_jobs} table of a PostgreSQL queue. While workers run, a read
 * may miss or double a job that moves in between (good enough to watch); once they stopped it is exact.
 */
interface QueueView {
    ObjectMapper JSON = new ObjectMapper();

    /**
     * One job as stored: state pending/running/done/failed, the claim's owner while running, the report and the
     * time it ended (epoch ms) once done or failed.
     */
    record JobRecord(
            String datasetId,
            String state,
            int attempts,
            String lastError,
            String leaseOwner,
            JsonNode report,
            Long finishedAtMillis) {}

    /** The {@code --queue} URI of this queue. */
    String uri();

    /** Every job the store holds, one entry per file or row. */
    List<JobRecord> jobs() throws Exception;

    /** Files or rows that are not jobs (a {@code dir:} queue's quarantined garbage), for the "nothing else" check. */
    List<String> strays() throws Exception;

    /**
     * The {@code dir:PATH} queue: {@code pending/}, {@code running/<stem>@<lease end>@<owner>.json}, {@code done/}
     * and {@code failed/} (each job file with its {@code .report.json}).
     */
    final class Directory implements QueueView {
        private final Path root;

        Directory(Path root) {
            this.root = root;
        }

        @Override
        public String uri() {
            return "dir:" + root;
        }

        @Override
        public List<JobRecord> jobs() throws IOException {
            List<JobRecord> jobs = new ArrayList<>();
            for (String state : List.of("pending", "running", "done", "failed")) {
                Path dir = root.resolve(state);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
                    for (Path entry : entries) {
                        String name = entry.getFileName().toString();
                        if (!name.endsWith(".report.json")) {
                            read(state, entry, name).ifPresent(jobs::add);
                        }
                    }
                }
            }
            return jobs;
        }

        private Optional<JobRecord> read(String state, Path entry, String name) throws IOException {
            JsonNode document;
            JsonNode report = null;
            try {
                document = JSON.readTree(Files.readAllBytes(entry));
                Path reportFile =
                        entry.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".report.json");
                if (!state.equals("running") && Files.exists(reportFile)) {
                    report = JSON.readTree(Files.readAllBytes(reportFile));
                }
            } catch (NoSuchFileException e) {
                return Optional.empty(); // moved on while we looked
            }
            String owner = null;
            if (state.equals("running")) {
                String base = name.substring(0, name.length() - ".json".length());
                owner = base.substring(base.lastIndexOf('@') + 1);
            }
            JsonNode lastError = document.path("last_error");
            JsonNode finishedAt = document.path("finished_at");
            return Optional.of(new JobRecord(
                    document.path("dataset_id").asText(),
                    state,
                    document.path("attempts").asInt(),
                    lastError.isTextual() ? lastError.asText() : null,
                    owner,
                    report,
                    finishedAt.isIntegralNumber() ? finishedAt.asLong() : null));
        }

        @Override
        public List<String> strays() throws IOException {
            List<String> strays = new ArrayList<>();
            for (String state : List.of("pending", "running", "done", "failed")) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve(state))) {
                    for (Path entry : entries) {
                        if (!entry.getFileName().toString().endsWith(".json")) {
                            strays.add(state + "/" + entry.getFileName());
                        }
                    }
                }
            }
            return strays;
        }
    }

    /** The PostgreSQL queue: one row per job in {@code toothbrush_jobs}. */
    final class Postgres implements QueueView {
        private final ThrowawayServers.Postgres server;
        private final String uri;

        Postgres(ThrowawayServers.Postgres server) throws Exception {
            this.server = server;
            this.uri = server.queueUri();
        }

        @Override
        public String uri() {
            return uri;
        }

        @Override
        public List<JobRecord> jobs() throws Exception {
            List<JobRecord> jobs = new ArrayList<>();
            try (Connection connection = server.connect();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT dataset_id, state, attempts, last_error,"
                            + " lease_owner, report::text, (extract(epoch FROM finished_at) * 1000)::bigint"
                            + " FROM toothbrush_jobs ORDER BY id")) {
                while (rows.next()) {
                    String report = rows.getString(6);
                    long finishedAt = rows.getLong(7);
                    jobs.add(new JobRecord(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getInt(3),
                            rows.getString(4),
                            rows.getString(5),
                            report == null ? null : JSON.readTree(report),
                            rows.wasNull() ? null : finishedAt));
                }
            } catch (SQLException e) {
                if ("42P01".equals(e.getSQLState())) {
                    return jobs; // no table yet: nothing enqueued
                }
                throw e;
            }
            return jobs;
        }

        @Override
        public List<String> strays() {
            return List.of(); // a row is always a job
        }
    }
}
