package toothbrush.ingest.adapter.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libpq's password file ({@code PGPASSFILE}): lines {@code hostname:port:database:username:password}, where a
 * field {@code *} matches anything, {@code \:} and {@code \\} stand for {@code :} and {@code \}, and the first
 * matching line wins; blank lines and lines starting with {@code #} are ignored. As libpq does, a file that its
 * group or others may read is ignored with a warning. F4: no message quotes a line of the file.
 */
final class PgPassFile {
    private static final Logger LOG = LoggerFactory.getLogger(PgPassFile.class);
    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);
    /** A password file larger than this is not read. */
    static final long MAX_BYTES = 1 << 20;

    private PgPassFile() {}

    /**
     * The password of the first line matching the connection, or {@code null} when none matches or the file is
     * missing, unreadable, not a regular file or open to group or others (each logged as a warning naming the
     * file).
     */
    static String lookup(Path file, String host, int port, String database, String user) {
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] bytes;
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
                if (!attributes.isRegularFile()) {
                    LOG.warn("password file {} is not a regular file: ignored", file);
                    return null;
                }
                Set<PosixFilePermission> open = EnumSet.copyOf(attributes.permissions());
                open.retainAll(TOO_OPEN);
                if (!open.isEmpty()) {
                    LOG.warn(
                            "password file {} has group or world access: ignored; permissions should be u=rw"
                                    + " (0600) or less",
                            file);
                    return null;
                }
            } else if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
                LOG.warn("password file {} is not a regular file: ignored", file);
                return null;
            }
            if (Files.size(file) > MAX_BYTES) {
                LOG.warn("password file {} is larger than {} bytes: ignored", file, MAX_BYTES);
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            LOG.warn(
                    "password file {} cannot be read ({}): ignored",
                    file,
                    e.getClass().getSimpleName());
            return null;
        }
        String portText = Integer.toString(port);
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() < 5) {
                continue;
            }
            if (matches(fields.get(0), bareHost)
                    && matches(fields.get(1), portText)
                    && matches(fields.get(2), database)
                    && matches(fields.get(3), user)) {
                return fields.get(4);
            }
        }
        return null;
    }

    /** The line split at unescaped colons, escapes resolved; the fifth field runs to the end of the line. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>(5);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }
}
