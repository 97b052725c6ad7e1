package toothbrush.ingest.adapter.queue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A {@code postgresql://[user[:password]@][host][:port][/database][?param=value&...]} URL (libpq's form; the
 * scheme {@code postgres://} too) turned into a JDBC URL and connection properties. User and password are
 * percent-decoded and passed as properties, never in the JDBC URL; query parameters are passed through to the
 * driver, whose defaults set here they override.
 */
final class PostgresUrl {
    static final String SCHEME = "postgresql://";
    static final String SHORT_SCHEME = "postgres://";
    private static final String FORM = "postgresql://user:password@host:port/database";

    private final String jdbcUrl;
    private final String redacted;
    private final String user;
    private final String password;

    private PostgresUrl(String jdbcUrl, String redacted, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.redacted = redacted;
        this.user = user;
        this.password = password;
    }

    /** Whether the URI has a PostgreSQL scheme. */
    static boolean accepts(String uri) {
        return uri.startsWith(SCHEME) || uri.startsWith(SHORT_SCHEME);
    }

    /**
     * Parses a PostgreSQL URL.
     *
     * @throws IllegalArgumentException naming the URL (password removed) when it is not of the accepted form
     */
    static PostgresUrl parse(String uri) {
        if (!accepts(uri)) {
            throw invalid(uri, "it does not start with " + SCHEME);
        }
        String rest = uri.substring(uri.indexOf("://") + 3);
        String query = null;
        int queryAt = rest.indexOf('?');
        if (queryAt >= 0) {
            query = rest.substring(queryAt + 1);
            rest = rest.substring(0, queryAt);
        }
        String database = "";
        int pathAt = rest.indexOf('/');
        if (pathAt >= 0) {
            database = rest.substring(pathAt + 1);
            rest = rest.substring(0, pathAt);
        }
        String user = null;
        String rawUser = null;
        String password = null;
        int userAt = rest.lastIndexOf('@');
        if (userAt >= 0) {
            String userInfo = rest.substring(0, userAt);
            rest = rest.substring(userAt + 1);
            int colon = userInfo.indexOf(':');
            rawUser = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
            user = decode(uri, rawUser);
            password = colon >= 0 ? decode(uri, userInfo.substring(colon + 1)) : null;
            if (user.isEmpty()) {
                throw invalid(uri, "the user name is empty");
            }
        }
        String hosts = rest.isEmpty() ? "localhost" : rest;
        if (database.contains("/")) {
            throw invalid(uri, "the database name contains '/'");
        }
        for (int i = 0; i < hosts.length(); i++) {
            char c = hosts.charAt(i);
            if (c <= ' ' || c == '\\') {
                throw invalid(uri, "the host contains a space, a control character or a backslash");
            }
        }
        String redactedQuery = redactQuery(query);
        String jdbcUrl = "jdbc:postgresql://" + hosts + '/' + database + (query == null ? "" : '?' + query);
        String redacted = SCHEME + (user == null ? "" : rawUser + (password == null ? "" : ":***") + '@')
                + hosts + '/' + database + (redactedQuery == null ? "" : '?' + redactedQuery);
        return new PostgresUrl(jdbcUrl, redacted, user, password);
    }

    /** The JDBC URL, without user and password. */
    String jdbcUrl() {
        return jdbcUrl;
    }

    /** The URL with its password replaced by {@code ***}, fit for messages and logs. */
    String redacted() {
        return redacted;
    }

    /** A fresh set of connection properties: user, password and this product's defaults. */
    Properties properties() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "toothbrush-ingest");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }

    /** The URI with any {@code user:password@} part reduced to {@code user:***@}, for error messages. */
    static String redact(String uri) {
        int scheme = uri.indexOf("://");
        int at = uri.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return uri;
        }
        int colon = uri.indexOf(':', scheme + 3);
        if (colon < 0 || colon > at) {
            return uri;
        }
        return uri.substring(0, colon) + ":***" + uri.substring(at);
    }

    private static String redactQuery(String query) {
        if (query == null) {
            return null;
        }
        StringBuilder redacted = new StringBuilder(query.length());
        for (String param : query.split("&", -1)) {
            if (redacted.length() > 0) {
                redacted.append('&');
            }
            redacted.append(param.regionMatches(true, 0, "password=", 0, 9) ? "password=***" : param);
        }
        return redacted.toString();
    }

    private static String decode(String uri, String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(uri, "bad percent-encoding in the user or password");
        }
    }

    private static IllegalArgumentException invalid(String uri, String why) {
        return new IllegalArgumentException("invalid PostgreSQL queue URL '" + redact(uri) + "': " + why
                + "; expected " + FORM);
    }
}
