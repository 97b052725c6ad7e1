package toothbrush.ingest.bootstrap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F4 end to end: a password, a token and a signed-URL signature are planted in everything the worker and
 * {@code ingest} are given (database URL, environment, stream URLs, a failing stream, a refused database),
 * then every byte the processes wrote is searched for them: standard output and error, reports, reasons and
 * the job records' fields. The one field that keeps a signed URL is the job's own stream URI, which the worker
 * needs to read the stream (README "Security").
 */
class SecretsIT {
    private static final String PASSWORD = "pw-Zq81xK";
    private static final String TOKEN = "tok-Hm42Lp";
    private static final String SIGNATURE = "sig-Ff09aB";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private HttpServer streams;
    private ThrowawayServers.InfluxDb influx;
    private final List<Path> outputs = new ArrayList<>();

    @BeforeEach
    void servers() throws Exception {
        WorkerProcess.requireJar();
        Path sample = Path.of(System.getProperty("toothbrush.sample", "../sample"))
                .toAbsolutePath()
                .normalize();
        byte[] csv = Files.readAllBytes(sample.resolve("brushing.csv"));
        Files.copy(sample.resolve("settings.jsonlines"), work.resolve("settings.jsonlines"));
        streams = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        streams.createContext("/signed.csv", exchange -> {
            exchange.sendResponseHeaders(200, csv.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(csv);
            }
        });
        streams.createContext("/gone.csv", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        streams.start();
        influx = ThrowawayServers.InfluxDb.start();
        influx.recreateDatabase("secrets");
    }

    @AfterEach
    void stop() {
        streams.stop(0);
        influx.close();
    }

    private String signed(String path) {
        return "http://127.0.0.1:" + streams.getAddress().getPort() + path + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIA" + SIGNATURE + "&X-Amz-Signature=" + SIGNATURE + "&token=" + TOKEN;
    }

    /** Runs the jar with the token planted in its environment, its output kept for the search. */
    private int run(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-jar",
                WorkerProcess.jar().toString()));
        command.addAll(List.of(args));
        Path out = work.resolve(name + ".stdout");
        Path err = work.resolve(name + ".stderr");
        outputs.add(out);
        outputs.add(err);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("LLAMADB_TOKEN", TOKEN + "\n"); // as a secret file ends
        builder.environment().put("PGPASSWORD", PASSWORD);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish");
        }
        return process.exitValue();
    }

    @Test
    @DisplayName("F4: no password, token or signature in any output, report, reason or job record of worker and ingest")
    void plantedSecrets_appearNowhere() throws Exception {
        String db = influx.writeUrl("secrets") + "&u=admin&p=" + PASSWORD; // InfluxDB 1.x credentials
        String allow = "http://127.0.0.1:" + streams.getAddress().getPort() + "/";
        assertEquals(
                0,
                run(
                        "enqueue-good",
                        "enqueue",
                        "--queue",
                        "dir:jobs",
                        "--brushing",
                        signed("/signed.csv"),
                        "--settings",
                        "settings.jsonlines",
                        "--toothbrush-id",
                        "tb-1",
                        "--dataset-id",
                        "ds-good"));
        assertEquals(
                0,
                run(
                        "enqueue-gone",
                        "enqueue",
                        "--queue",
                        "dir:jobs",
                        "--brushing",
                        signed("/gone.csv"),
                        "--settings",
                        "settings.jsonlines",
                        "--toothbrush-id",
                        "tb-1",
                        "--dataset-id",
                        "ds-gone"));

        assertEquals(
                0,
                run(
                        "worker",
                        "worker",
                        "--queue",
                        "dir:jobs",
                        "--db",
                        db,
                        "--drain",
                        "--allow-source",
                        allow,
                        "--allow-source",
                        "file:" + work + "/"));
        // ingest against a database where nothing listens, and with a signed stream that is gone.
        assertEquals(
                1,
                run(
                        "ingest-refused",
                        "ingest",
                        "--brushing",
                        signed("/signed.csv"),
                        "--settings",
                        "settings.jsonlines",
                        "--toothbrush-id",
                        "tb-1",
                        "--db",
                        "http://127.0.0.1:1/write?db=x&p=" + PASSWORD));
        assertEquals(
                2,
                run(
                        "ingest-userinfo",
                        "ingest",
                        "--brushing",
                        "b.csv",
                        "--settings",
                        "settings.jsonlines",
                        "--toothbrush-id",
                        "tb-1",
                        "--db",
                        "http://admin:" + PASSWORD + "@127.0.0.1:1/write?db=x"));
        assertEquals(
                1,
                run(
                        "ingest-gone",
                        "ingest",
                        "--brushing",
                        signed("/gone.csv"),
                        "--settings",
                        "settings.jsonlines",
                        "--toothbrush-id",
                        "tb-1",
                        "--db",
                        "lp:points.lp"));
        assertEquals(
                1,
                run(
                        "enqueue-unreachable-queue",
                        "enqueue",
                        "--queue",
                        "postgresql://admin:" + PASSWORD + "@127.0.0.1:1/jobs?sslpassword=" + PASSWORD,
                        "--brushing",
                        "b.csv",
                        "--settings",
                        "s.jsonl",
                        "--toothbrush-id",
                        "tb-1"));
        assertEquals(
                2,
                run(
                        "enqueue-bad-queue",
                        "enqueue",
                        "--queue",
                        "postgresql://admin:" + PASSWORD + "@127.0.0.1:x/jobs",
                        "--brushing",
                        "b.csv",
                        "--settings",
                        "s.jsonl",
                        "--toothbrush-id",
                        "tb-1"));

        // The worker did its work: the good job is done, the gone one failed with its code.
        JsonNode good =
                JSON.readTree(work.resolve("jobs/done/ds-good.report.json").toFile());
        assertEquals("completed", good.get("outcome").asText());
        JsonNode gone =
                JSON.readTree(work.resolve("jobs/failed/ds-gone.report.json").toFile());
        assertEquals("source_not_found", gone.get("reason").asText());
        assertTrue(gone.get("message").asText().contains("X-Amz-Signature=***"), gone.toString());

        List<String> leaks = new ArrayList<>();
        for (Path output : outputs) {
            search(output.getFileName().toString(), Files.readString(output, StandardCharsets.UTF_8), leaks);
        }
        try (Stream<Path> files = Files.walk(work.resolve("jobs"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (file.getFileName().toString().endsWith(".json")
                        && !file.getFileName().toString().endsWith(".report.json")) {
                    // The job record: its stream URIs are what the worker reads; every other field is searched.
                    ObjectNode job = (ObjectNode) JSON.readTree(text);
                    assertTrue(job.get("brushing").asText().contains(SIGNATURE), "the job keeps its signed URL");
                    job.remove(List.of("brushing", "settings"));
                    text = job.toString();
                }
                search(work.relativize(file).toString(), text, leaks);
            }
        }
        assertEquals(List.of(), leaks);
        assertFalse(Files.readString(work.resolve("worker.stderr")).isEmpty());
    }

    private static void search(String where, String text, List<String> leaks) {
        for (Map.Entry<String, String> secret : Map.of("password", PASSWORD, "token", TOKEN, "signature", SIGNATURE)
                .entrySet()) {
            int at = text.indexOf(secret.getValue());
            if (at >= 0) {
                leaks.add(secret.getKey() + " in " + where + ": ..."
                        + text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 20)));
            }
        }
    }
}
