package toothbrush.ingest.adapter.queue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL server for integration tests: {@code initdb} into a temporary directory, started with
 * {@code pg_ctl} on a free loopback port with trust authentication, stopped and deleted by {@link #close()}.
 * Uses the server binaries of the Debian package {@code postgresql} ({@code /usr/lib/postgresql/<version>/bin});
 * as root it runs them as the {@code postgres} user, since PostgreSQL refuses to run as root.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Path PACKAGE_ROOT = Path.of("/usr/lib/postgresql");
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;
    private final Thread shutdownHook;
    private boolean stopped;

    private EmbeddedPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.shutdownHook = new Thread(this::stopQuietly, "embedded-postgres-stop");
    }

    /** Creates and starts a new server; fails with the install command when PostgreSQL is missing. */
    public static EmbeddedPostgres start() throws IOException, InterruptedException {
        Path bin = findBin();
        boolean root = "0".equals(run(List.of("id", "-u"), null).trim());
        Path dir = Files.createTempDirectory("toothbrush-pg-");
        if (root) {
            run(List.of("chown", "-R", "postgres:", dir.toString()), null);
        }
        EmbeddedPostgres server = new EmbeddedPostgres(bin, dir, freePort(), root);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.initAndStart();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The server as a queue URI: {@code postgresql://postgres@127.0.0.1:<port>/postgres}. */
    public String queueUri() {
        return "postgresql://postgres@127.0.0.1:" + port + "/postgres";
    }

    int port() {
        return port;
    }

    /** A new JDBC connection as the superuser, for test setup and inspection. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    /** Stops the server at once and deletes its directory. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
    }

    private void initAndStart() throws IOException, InterruptedException {
        command(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync");
        command(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                "start");
    }

    private synchronized void stopQuietly() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                command(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteRecursively(dir);
        }
    }

    private void command(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(arguments));
        run(command, dir);
    }

    /** Runs a command to its end with its output in a file (a server started by it keeps no pipe open). */
    private static String run(List<String> command, Path workDir) throws IOException, InterruptedException {
        Path output = Files.createTempFile("toothbrush-pg-cmd-", ".log");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out after " + COMMAND_TIMEOUT_SECONDS + " s: " + command);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException("exit status " + process.exitValue() + " from " + command + ":\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The {@code bin} directory of the newest installed PostgreSQL major version. */
    private static Path findBin() throws IOException {
        if (Files.isDirectory(PACKAGE_ROOT)) {
            try (Stream<Path> versions = Files.list(PACKAGE_ROOT)) {
                List<Path> candidates = versions.filter(version -> Files.isExecutable(version.resolve("bin/initdb"))
                                && Files.isExecutable(version.resolve("bin/pg_ctl")))
                        .sorted(Comparator.comparingInt(EmbeddedPostgres::majorVersion)
                                .reversed())
                        .toList();
                if (!candidates.isEmpty()) {
                    return candidates.get(0).resolve("bin");
                }
            }
        }
        throw new IllegalStateException("the PostgreSQL integration tests need initdb and pg_ctl under " + PACKAGE_ROOT
                + "/<version>/bin: install them with `apt-get install postgresql`");
    }

    private static int majorVersion(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", root, e.getMessage());
        }
    }
}
