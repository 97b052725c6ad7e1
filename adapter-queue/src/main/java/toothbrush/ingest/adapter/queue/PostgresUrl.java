package toothbrush.ingest.adapter.queue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;
import toothbrush.ingest.application.report.Redaction;

/**
 * A {@code postgresql://[user[:password]@]host[:port][,host[:port]...]/database[?param=value&...]} URL (libpq's
 * form; the scheme {@code postgres://} too), parsed strictly and turned into a JDBC URL and connection properties.
 * User and password are percent-decoded and passed as properties, never in the JDBC URL, and so are the
 * {@code password} and {@code sslpassword} parameters; the other query parameters are passed through to the
 * driver, whose defaults set here they override.
 *
 * <p>When the URL carries no password, it is taken from {@code PGPASSWORD}, else from the password file
 * {@code PGPASSFILE} names ({@link PgPassFile}), so none is needed on a command line. F4: every message shows
 * the URL only as {@link Redaction#uri} masks it.
 */
final class PostgresUrl {
    static final String SCHEME = "postgresql://";
    static final String SHORT_SCHEME = "postgres://";
    static final int DEFAULT_PORT = 5432;
    private static final String FORM = "postgresql://user:password@host:port/database";
    /** Query parameters that are secrets: moved from the JDBC URL into the connection properties. */
    private static final List<String> SECRET_PARAMETERS = List.of("password", "sslpassword");

    private final String jdbcUrl;
    private final String redacted;
    private final String user;
    private final String password;
    private final Properties secretParameters;

    private PostgresUrl(String jdbcUrl, String redacted, String user, String password, Properties secretParameters) {
        this.jdbcUrl = jdbcUrl;
        this.redacted = redacted;
        this.user = user;
        this.password = password;
        this.secretParameters = secretParameters;
    }

    /** Whether the URI has a PostgreSQL scheme. */
    static boolean accepts(String uri) {
        return uri.startsWith(SCHEME) || uri.startsWith(SHORT_SCHEME);
    }

    /** As {@link #parse(String, Function)} with the process environment. */
    static PostgresUrl parse(String uri) {
        return parse(uri, System::getenv);
    }

    /**
     * Parses a PostgreSQL URL; a missing password is looked up in {@code environment} ({@code PGPASSWORD},
     * {@code PGPASSFILE}, {@code PGUSER} for the user name the password file is searched for).
     *
     * @throws IllegalArgumentException naming the redacted URL and what is wrong when it is not of the accepted
     *                                  form: bad port, a reserved character such as {@code ?}, {@code #},
     *                                  {@code /} or {@code @} not percent-encoded in the user info, bad
     *                                  percent-encoding, missing host or database
     */
    static PostgresUrl parse(String uri, Function<String, String> environment) {
        if (!accepts(uri)) {
            throw invalid(uri, "it does not start with " + SCHEME);
        }
        String rest = uri.substring(uri.indexOf("://") + 3);
        if (rest.indexOf('#') >= 0) {
            throw invalid(uri, "it contains '#' (percent-encode it as %23 in a password)");
        }
        int authorityEnd = indexOfAny(rest, '/', '?');
        String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
        String afterAuthority = authorityEnd < 0 ? "" : rest.substring(authorityEnd);
        if (afterAuthority.indexOf('@') >= 0) {
            throw invalid(
                    uri,
                    "'@' after the host, or an unencoded '/' or '?' in the password (percent-encode"
                            + " reserved characters of user and password: / as %2F, ? as %3F, @ as %40)");
        }
        String user = null;
        String password = null;
        int userAt = authority.lastIndexOf('@');
        if (userAt >= 0) {
            String userInfo = authority.substring(0, userAt);
            authority = authority.substring(userAt + 1);
            if (userInfo.indexOf('@') >= 0) {
                throw invalid(uri, "an unencoded '@' in the user info (percent-encode it as %40)");
            }
            int colon = userInfo.indexOf(':');
            user = decode(uri, colon >= 0 ? userInfo.substring(0, colon) : userInfo, "user name");
            password = colon >= 0 ? decode(uri, userInfo.substring(colon + 1), "password") : null;
            if (user.isEmpty()) {
                throw invalid(uri, "the user name is empty");
            }
        }
        List<HostPort> hosts = hosts(uri, authority);
        String database = "";
        String query = null;
        if (afterAuthority.startsWith("/")) {
            int queryAt = afterAuthority.indexOf('?');
            database = queryAt < 0 ? afterAuthority.substring(1) : afterAuthority.substring(1, queryAt);
            query = queryAt < 0 ? null : afterAuthority.substring(queryAt + 1);
        } else if (afterAuthority.startsWith("?")) {
            query = afterAuthority.substring(1);
        }
        if (database.isEmpty()) {
            throw invalid(uri, "the database is missing");
        }
        if (database.indexOf('/') >= 0) {
            throw invalid(uri, "the database name contains '/'");
        }
        String databaseName = decode(uri, database, "database name");
        StringBuilder passThrough = new StringBuilder();
        Properties secrets = new Properties();
        if (query != null) {
            for (String parameter : query.split("&", -1)) {
                int equals = parameter.indexOf('=');
                if (equals <= 0) {
                    throw invalid(uri, "a query parameter is not name=value");
                }
                String name = parameter.substring(0, equals);
                if (SECRET_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                    secrets.setProperty(
                            name.toLowerCase(Locale.ROOT),
                            decode(uri, parameter.substring(equals + 1), name + " parameter"));
                    continue;
                }
                if (name.equals("user") && user == null) {
                    user = decode(uri, parameter.substring(equals + 1), "user parameter");
                }
                passThrough.append(passThrough.length() == 0 ? '?' : '&').append(parameter);
            }
        }
        if (password == null && secrets.getProperty("password") == null) {
            password = passwordFromEnvironment(hosts.get(0), databaseName, user, environment);
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://");
        for (int i = 0; i < hosts.size(); i++) {
            jdbc.append(i == 0 ? "" : ",").append(hosts.get(i).text());
        }
        jdbc.append('/').append(database).append(passThrough);
        return new PostgresUrl(jdbc.toString(), redact(uri), user, password, secrets);
    }

    /** The JDBC URL, without user, password or any other secret. */
    String jdbcUrl() {
        return jdbcUrl;
    }

    /** The URL with its secrets masked ({@link Redaction#uri}), fit for messages and logs. */
    String redacted() {
        return redacted;
    }

    /** A fresh set of connection properties: user, password, secret parameters and this product's defaults. */
    Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", "toothbrush-ingest");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        properties.setProperty("tcpKeepAlive", "true");
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.putAll(secretParameters);
        return properties;
    }

    /**
     * The URI as {@link Redaction#uri} masks it, for messages; in a malformed URL whose password holds an
     * unencoded {@code /}, which ends the authority for {@code Redaction}, everything up to the last {@code @} is
     * masked as well (the safe side).
     */
    static String redact(String uri) {
        String redacted = Redaction.uri(uri);
        int authority = redacted.indexOf("://");
        int at = redacted.lastIndexOf('@');
        if (authority >= 0 && at > authority + 3 && !redacted.startsWith(Redaction.MASK + "@", authority + 3)) {
            return redacted.substring(0, authority + 3) + Redaction.MASK + redacted.substring(at);
        }
        return redacted;
    }

    private static String passwordFromEnvironment(
            HostPort host, String database, String user, Function<String, String> environment) {
        String password = environment.apply("PGPASSWORD");
        if (password != null && !password.isEmpty()) {
            return password;
        }
        String file = environment.apply("PGPASSFILE");
        if (file == null || file.isEmpty()) {
            return null;
        }
        String userName = user != null ? user : environment.apply("PGUSER");
        if (userName == null || userName.isEmpty()) {
            userName = System.getProperty("user.name", "");
        }
        return PgPassFile.lookup(java.nio.file.Path.of(file), host.host(), host.port(), database, userName);
    }

    /** The comma-separated hosts, each {@code host[:port]} or {@code [ipv6][:port]}; at least one. */
    private static List<HostPort> hosts(String uri, String authority) {
        if (authority.isEmpty()) {
            throw invalid(uri, "the host is missing");
        }
        List<HostPort> hosts = new ArrayList<>();
        for (String spec : authority.split(",", -1)) {
            String host;
            String port = null;
            if (spec.startsWith("[")) {
                int close = spec.indexOf(']');
                if (close < 0) {
                    throw invalid(uri, "an IPv6 host lacks its closing ']'");
                }
                host = spec.substring(0, close + 1);
                String after = spec.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw invalid(uri, "unexpected text after an IPv6 host");
                    }
                    port = after.substring(1);
                }
            } else {
                int colon = spec.indexOf(':');
                host = colon < 0 ? spec : spec.substring(0, colon);
                port = colon < 0 ? null : spec.substring(colon + 1);
            }
            if (host.isEmpty()) {
                throw invalid(uri, "the host is missing");
            }
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (c <= ' ' || c == '\\' || c == '%' || c > '~') {
                    throw invalid(uri, "the host contains a space, a control character, '%' or a backslash");
                }
            }
            int portNumber = DEFAULT_PORT;
            if (port != null) {
                if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw invalid(uri, "the port is not a number from 1 to 65535");
                }
                portNumber = Integer.parseInt(port);
                if (portNumber < 1 || portNumber > 65535) {
                    throw invalid(uri, "the port is not a number from 1 to 65535");
                }
            }
            hosts.add(new HostPort(host, portNumber, port != null));
        }
        return hosts;
    }

    /** Strict percent-decoding ({@code +} is a plus); the bytes must be UTF-8. */
    private static String decode(String uri, String text, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw invalid(uri, "bad percent-encoding in the " + what);
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c <= ' ' || c > '~' || c == '[' || c == ']' || c == '"' || c == '\\') {
                throw invalid(uri, "a space, control or reserved character not percent-encoded in the " + what);
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid(uri, "the " + what + " is not UTF-8 once percent-decoded");
        }
    }

    private static int indexOfAny(String text, char a, char b) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException invalid(String uri, String why) {
        return new IllegalArgumentException(
                "invalid PostgreSQL queue URL '" + redact(uri) + "': " + why + "; expected " + FORM);
    }

    /** One host of the URL: as written (IPv6 in brackets), its port (5432 when none was given). */
    private record HostPort(String host, int port, boolean explicitPort) {
        String text() {
            return explicitPort ? host + ':' + port : host;
        }
    }
}
