package toothbrush.ingest.adapter.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code postgresql://} URLs to JDBC URLs and connection properties. */
class PostgresUrlTest {

    @Test
    @DisplayName("user and password become properties; host, port, database and parameters the JDBC URL")
    void fullUrl_isSplitIntoJdbcUrlAndCredentials() {
        PostgresUrl url = PostgresUrl.parse("postgresql://ingest:p%40ss%3Aw0rd@db.example.org:6543/jobs?sslmode=require");

        assertEquals("jdbc:postgresql://db.example.org:6543/jobs?sslmode=require", url.jdbcUrl());
        Properties properties = url.properties();
        assertEquals("ingest", properties.getProperty("user"));
        assertEquals("p@ss:w0rd", properties.getProperty("password"));
        assertEquals("toothbrush-ingest", properties.getProperty("ApplicationName"));
        assertEquals("10", properties.getProperty("connectTimeout"));
        assertEquals("postgresql://ingest:***@db.example.org:6543/jobs?sslmode=require", url.redacted());
    }

    @Test
    @DisplayName("host only, the short scheme, IPv6 and several hosts are accepted")
    void shortForms_areAccepted() {
        assertEquals("jdbc:postgresql://localhost/", PostgresUrl.parse("postgresql://").jdbcUrl());
        assertEquals("jdbc:postgresql://db/", PostgresUrl.parse("postgres://db").jdbcUrl());
        assertEquals("jdbc:postgresql://[::1]:5432/q", PostgresUrl.parse("postgresql://u@[::1]:5432/q").jdbcUrl());
        assertEquals("jdbc:postgresql://a:5432,b:5433/q", PostgresUrl.parse("postgresql://a:5432,b:5433/q").jdbcUrl());
        PostgresUrl userOnly = PostgresUrl.parse("postgresql://u@db/q");
        assertEquals("u", userOnly.properties().getProperty("user"));
        assertNull(userOnly.properties().getProperty("password"));
        assertEquals("postgresql://u@db/q", userOnly.redacted());
    }

    @Test
    @DisplayName("a password given as a query parameter is redacted too")
    void passwordParameter_isRedacted() {
        PostgresUrl url = PostgresUrl.parse("postgresql://db/q?user=u&password=secret&sslmode=disable");

        assertEquals("postgresql://db/q?user=u&password=***&sslmode=disable", url.redacted());
        assertEquals("jdbc:postgresql://db/q?user=u&password=secret&sslmode=disable", url.jdbcUrl());
    }

    @Test
    @DisplayName("malformed URLs are refused naming the URL without its password and the accepted form")
    void malformedUrls_areRefused() {
        IllegalArgumentException emptyUser = assertThrows(IllegalArgumentException.class,
                () -> PostgresUrl.parse("postgresql://:secret@db/q"));
        assertEquals("invalid PostgreSQL queue URL 'postgresql://:***@db/q': the user name is empty; expected"
                + " postgresql://user:password@host:port/database", emptyUser.getMessage());
        IllegalArgumentException badEscape = assertThrows(IllegalArgumentException.class,
                () -> PostgresUrl.parse("postgresql://u:%zz@db/q"));
        assertFalse(badEscape.getMessage().contains("%zz"), badEscape.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse("postgresql://db/a/b"))
                .getMessage().contains("the database name contains '/'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse("postgresql://d b/q"))
                .getMessage().contains("the host contains a space"));
    }
}
