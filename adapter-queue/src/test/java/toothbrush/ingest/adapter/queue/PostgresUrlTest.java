package toothbrush.ingest.adapter.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code postgresql://} URLs to JDBC URLs and connection properties, parsed strictly; passwords never shown. */
class PostgresUrlTest {
    private static final String PASSWORD = "pw-PLANTED-1";

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();

    private PostgresUrl parse(String uri) {
        return PostgresUrl.parse(uri, environment::get);
    }

    @Test
    @DisplayName("user and password become properties; host, port, database and parameters the JDBC URL")
    void fullUrl_isSplitIntoJdbcUrlAndCredentials() {
        PostgresUrl url = parse("postgresql://ingest:p%40ss%3Aw0rd@db.example.org:6543/jobs?sslmode=require");

        assertEquals("jdbc:postgresql://db.example.org:6543/jobs?sslmode=require", url.jdbcUrl());
        Properties properties = url.properties();
        assertEquals("ingest", properties.getProperty("user"));
        assertEquals("p@ss:w0rd", properties.getProperty("password"));
        assertEquals("toothbrush-ingest", properties.getProperty("ApplicationName"));
        assertEquals("10", properties.getProperty("connectTimeout"));
        assertEquals("postgresql://***@db.example.org:6543/jobs?sslmode=require", url.redacted());
    }

    @Test
    @DisplayName("the short scheme, IPv6 and several hosts are accepted")
    void shortForms_areAccepted() {
        assertEquals("jdbc:postgresql://db/q", parse("postgres://db/q").jdbcUrl());
        assertEquals(
                "jdbc:postgresql://[::1]:5432/q",
                parse("postgresql://u@[::1]:5432/q").jdbcUrl());
        assertEquals(
                "jdbc:postgresql://a:5432,b:5433/q",
                parse("postgresql://a:5432,b:5433/q").jdbcUrl());
        PostgresUrl userOnly = parse("postgresql://u@db/q");
        assertEquals("u", userOnly.properties().getProperty("user"));
        assertNull(userOnly.properties().getProperty("password"));
        assertEquals("postgresql://***@db/q", userOnly.redacted());
    }

    @Test
    @DisplayName("F4: password= and sslpassword= parameters are redacted and kept out of the JDBC URL")
    void F4_secretParameters_areRedactedAndPassedAsProperties() {
        PostgresUrl url = parse("postgresql://db/q?user=u&password=" + PASSWORD + "&sslmode=verify-full"
                + "&sslpassword=" + PASSWORD + "x");

        assertEquals("postgresql://db/q?user=u&password=***&sslmode=verify-full&sslpassword=***", url.redacted());
        assertEquals("jdbc:postgresql://db/q?user=u&sslmode=verify-full", url.jdbcUrl());
        assertEquals(PASSWORD, url.properties().getProperty("password"));
        assertEquals(PASSWORD + "x", url.properties().getProperty("sslpassword"));
        assertEquals("u", url.properties().getProperty("user"));
    }

    @Test
    @DisplayName("F4: malformed URLs are refused naming only the redacted URL and what is wrong")
    void F4_malformedUrls_areRefusedWithoutThePassword() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("postgresql://u:" + PASSWORD + "@db:54x2/q", "the port is not a number from 1 to 65535");
        cases.put("postgresql://u:" + PASSWORD + "@db:70000/q", "the port is not a number from 1 to 65535");
        cases.put("postgresql://u:" + PASSWORD + "@db:/q", "the port is not a number from 1 to 65535");
        cases.put("postgresql://u:pw?" + PASSWORD + "@db/q", "'@' after the host");
        cases.put("postgresql://u:pw/" + PASSWORD + "@db/q", "'@' after the host");
        cases.put("postgresql://u:pw#" + PASSWORD + "@db/q", "it contains '#'");
        cases.put("postgresql://u:pw@" + PASSWORD + "@db/q", "an unencoded '@' in the user info");
        cases.put("postgresql://u:" + PASSWORD + "@/q", "the host is missing");
        cases.put("postgresql://u:" + PASSWORD + "@db", "the database is missing");
        cases.put("postgresql://u:" + PASSWORD + "@db/", "the database is missing");
        cases.put("postgresql://u:" + PASSWORD + "%zz@db/q", "bad percent-encoding in the password");
        cases.put("postgresql://u:" + PASSWORD + " x@db/q", "not percent-encoded in the password");
        cases.put("postgresql://:" + PASSWORD + "@db/q", "the user name is empty");
        cases.put("postgresql://u:" + PASSWORD + "@db/a/b", "the database name contains '/'");
        cases.put("postgresql://u:" + PASSWORD + "@d b/q", "the host contains a space");
        cases.put("postgresql://u:" + PASSWORD + "@db/q?sslmode", "a query parameter is not name=value");
        cases.put("postgresql://", "the host is missing");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> parse(bad.getKey()), bad.getKey());
            String message = refused.getMessage();
            assertTrue(message.startsWith("invalid PostgreSQL queue URL 'postgres"), message);
            assertTrue(message.contains(bad.getValue()), bad.getKey() + " -> " + message);
            assertFalse(message.contains("PLANTED"), message);
        }
    }

    @Test
    @DisplayName("without a password in the URL, PGPASSWORD gives it")
    void noPasswordInUrl_takesPgPassword() {
        environment.put("PGPASSWORD", PASSWORD);
        assertEquals(PASSWORD, parse("postgresql://u@db/q").properties().getProperty("password"));
        assertEquals("url", parse("postgresql://u:url@db/q").properties().getProperty("password"));
    }

    @Test
    @DisplayName("PGPASSFILE: host:port:database:user:password, * wildcards, \\: and \\\\ escapes, first match wins")
    void noPasswordInUrl_takesTheFirstMatchingPgPassLine() throws IOException {
        Path file = passFile(
                String.join(
                                "\n",
                                "# comment: db:5432:q:u:commented",
                                "",
                                "other:5432:q:u:wrong-host",
                                "db:5433:q:u:wrong-port",
                                "db:*:q:u:p\\:w\\\\1",
                                "*:*:*:*:later",
                                "db:5432:*:u2:too-short")
                        + "\n",
                "rw-------");
        environment.put("PGPASSFILE", file.toString());

        assertEquals("p:w\\1", parse("postgresql://u@db/q").properties().getProperty("password"));
        assertEquals("later", parse("postgresql://u@db:5433/r").properties().getProperty("password"));
        assertEquals("later", parse("postgresql://u2@other/q").properties().getProperty("password"));
        environment.put("PGUSER", "u");
        assertEquals("p:w\\1", parse("postgresql://db/q").properties().getProperty("password"));
        assertEquals(List.of("a:b", "c", "d\\", "e", "f:g"), PgPassFile.fields("a\\:b:c:d\\\\:e:f:g"));
    }

    @Test
    @DisplayName("like libpq, a PGPASSFILE readable by group or others is ignored with a warning naming only the file")
    void openPgPassFile_isIgnoredWithAWarning() throws IOException {
        Path file = passFile("*:*:*:*:" + PASSWORD + "\n", "rw-r-----");
        environment.put("PGPASSFILE", file.toString());
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        PostgresUrl url;
        try {
            url = parse("postgresql://u@db/q");
        } finally {
            System.setErr(original);
        }
        assertNull(url.properties().getProperty("password"));
        String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("password file " + file + " has group or world access: ignored"), log);
        assertFalse(log.contains("PLANTED"), log);
    }

    @Test
    @DisplayName("a missing PGPASSFILE means no password, with a warning")
    void missingPgPassFile_meansNoPassword() {
        environment.put("PGPASSFILE", dir.resolve("missing").toString());
        assertNull(parse("postgresql://u@db/q").properties().getProperty("password"));
    }

    private Path passFile(String content, String permissions) throws IOException {
        Path file = Files.writeString(dir.resolve("pgpass"), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
