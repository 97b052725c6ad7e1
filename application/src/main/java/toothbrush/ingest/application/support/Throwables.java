package toothbrush.ingest.application.support;

import java.net.ConnectException;
import toothbrush.ingest.application.report.Redaction;

/** How an exception is told in a message or a log line: never its stack trace, never a secret (F4). */
public final class Throwables {
    private Throwables() {}

    /**
     * The message of {@code e}, URIs in it redacted (an I/O error's text can quote a URL: a redirect target, a
     * proxy), or the simple name of its type when it has no message or a blank one: {@code connection reset},
     * {@code EOFException}.
     */
    public static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : Redaction.text(message);
    }

    /**
     * The simple name of the type of {@code e} and the message of {@code e} or, when it has none, of its nearest
     * cause that has one, URIs redacted: {@code HttpTimeoutException: request timed out}. A
     * {@link ConnectException} without any message (as the JDK's HTTP client throws it) is
     * {@code ConnectException: connection refused}; without a message anywhere, the cause's type is named.
     */
    public static String describeWithType(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        Throwable source = e;
        while (source.getMessage() == null && source.getCause() != null) {
            source = source.getCause();
        }
        if (source.getMessage() != null) {
            text.append(": ").append(Redaction.text(source.getMessage()));
        } else if (e instanceof ConnectException) {
            text.append(": connection refused");
        } else if (source != e) {
            text.append(": ").append(source.getClass().getSimpleName());
        }
        return text.toString();
    }
}
