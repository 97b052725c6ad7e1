package toothbrush.ingest.application.report;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * F4: the one place that decides what of a URI may be shown. Every log line, report, job record and
 * exception message that can hold a URI passes it through here: user info and the values of query
 * parameters that carry credentials become {@code ***}. It works on text, so a malformed URI is redacted
 * as well as a valid one.
 */
public final class Redaction {
    /** What stands for a secret. */
    public static final String MASK = "***";

    /**
     * Query parameters whose values are secrets, compared case-insensitively: passwords, tokens, signed-URL
     * signatures and credentials (S3, GCS, Azure SAS), API keys.
     */
    private static final Set<String> SECRET_PARAMETERS = Set.of(
            "password",
            "passwd",
            "pass",
            "pwd",
            "p",
            "sslpassword",
            "token",
            "access_token",
            "refresh_token",
            "id_token",
            "auth",
            "authorization",
            "bearer",
            "sig",
            "signature",
            "x-amz-signature",
            "x-amz-credential",
            "x-amz-security-token",
            "x-goog-signature",
            "x-goog-credential",
            "awsaccesskeyid",
            "key",
            "api_key",
            "apikey",
            "api-key",
            "secret",
            "client_secret",
            "credential",
            "credentials");

    /** A URI with a scheme and an authority, up to white space, quotes or angle brackets. */
    private static final Pattern URI_IN_TEXT = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>`]+");

    private Redaction() {}

    /**
     * {@code uri} with its user info and secret query or fragment parameters masked, e.g.
     * {@code http://u:pw@h/x?X-Amz-Signature=abc&a=1} becomes {@code http://***@h/x?X-Amz-Signature=***&a=1}.
     * A plain path is returned as it is; {@code null} stays {@code null}.
     */
    public static String uri(String uri) {
        if (uri == null) {
            return null;
        }
        int schemeEnd = uri.indexOf("://");
        StringBuilder out = new StringBuilder(uri.length());
        int rest = 0;
        if (schemeEnd > 0) {
            int authorityStart = schemeEnd + 3;
            // Up to the first '/': a password with an unencoded '?' or '#' must not end the user info early,
            // so a query that holds an '@' before any '/' is masked too (over-redaction is the safe side).
            int authorityEnd = uri.indexOf('/', authorityStart);
            if (authorityEnd < 0) {
                authorityEnd = uri.length();
            }
            int at = uri.lastIndexOf('@', authorityEnd - 1);
            if (at < authorityStart) {
                // A password with an unencoded '/' (u:a/b@h): an '@' before the query, after a ':' that follows
                // the scheme, is taken as the end of user info. A path holding '@' without a ':' is left alone.
                int queryStart = indexOfAny(uri, authorityStart, '?', '#');
                int end = queryStart < 0 ? uri.length() : queryStart;
                int lateAt = uri.lastIndexOf('@', end - 1);
                int colon = uri.indexOf(':', authorityStart);
                if (lateAt >= authorityStart && colon >= authorityStart && colon < lateAt) {
                    at = lateAt;
                }
            }
            out.append(uri, 0, authorityStart);
            if (at >= authorityStart) {
                out.append(MASK);
                rest = at;
            } else {
                rest = authorityStart;
            }
        }
        int query = indexOfAny(uri, rest, '?', '#');
        if (query < 0) {
            return out.append(uri, rest, uri.length()).toString();
        }
        out.append(uri, rest, query);
        redactParameters(uri, query, out);
        return out.toString();
    }

    /** {@code text} with every URI in it redacted as {@link #uri(String)} does. */
    public static String text(String text) {
        if (text == null || text.indexOf("://") < 0) {
            return text;
        }
        Matcher matcher = URI_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(uri(matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Copies {@code uri[from..]} (starting at a {@code ?} or {@code #}) with secret parameter values masked. */
    private static void redactParameters(String uri, int from, StringBuilder out) {
        int i = from;
        while (i < uri.length()) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#' || c == '&' || c == ';') {
                out.append(c);
                i++;
                continue;
            }
            int end = indexOfAny(uri, i, '&', ';', '#');
            if (end < 0) {
                end = uri.length();
            }
            int equals = uri.indexOf('=', i);
            if (equals >= 0 && equals < end && isSecret(uri.substring(i, equals))) {
                out.append(uri, i, equals + 1).append(MASK);
            } else {
                out.append(uri, i, end);
            }
            i = end;
        }
    }

    private static boolean isSecret(String name) {
        String decoded =
                name.replace("%2D", "-").replace("%2d", "-").replace("%5F", "_").replace("%5f", "_");
        return SECRET_PARAMETERS.contains(decoded.toLowerCase(Locale.ROOT));
    }

    private static int indexOfAny(String text, int from, char... chars) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            for (char wanted : chars) {
                if (c == wanted) {
                    return i;
                }
            }
        }
        return -1;
    }
}
