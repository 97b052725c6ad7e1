package toothbrush.ingest.adapter.streams.source;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * U2: which stream sources may be read. One of three kinds:
 *
 * <ul>
 *   <li>{@link #unrestricted()} (the {@code ingest} default): whatever the operator typed, named pipes and
 *       devices included;</li>
 *   <li>{@link #workerDefault(Path)} (the {@code worker} default): regular files under the working
 *       directory, and {@code http(s)} URLs whose host resolves only to public addresses;</li>
 *   <li>{@link #allowing(List)} (one {@code --allow-source PREFIX} each): regular files under the
 *       {@code file:} directories given, and URLs under the {@code http(s)} prefixes given; nothing else,
 *       public hosts included.</li>
 * </ul>
 *
 * <p>Files: a path is first checked lexically (made absolute, {@code .} and {@code ..} removed) against the
 * allowed directories, so nothing outside them is ever looked at; then its real path (symbolic links
 * resolved) must lie under one of them too, compared by path components ({@code /srv/in} does not allow
 * {@code /srv/incoming2}), and it must be a regular file (not a directory, FIFO or device). A path outside
 * every allowed directory gets the same message whether it exists or not (no existence oracle); a missing
 * file inside one is {@link SourceUnavailableException} ({@code source_not_found}). The real path checked is
 * the one opened.
 *
 * <p>URLs are compared structurally: scheme, host (ASCII case-insensitive; user info is never part of
 * it), effective port, then the decoded path with {@code .} and {@code ..} segments resolved, on a
 * {@code /} boundary. Every redirect hop is checked before it is requested (see {@link HttpByteSource}).
 *
 * <p><b>Known limit (DNS rebinding).</b> For the public-host rule the host name is resolved here, and
 * resolved again by the HTTP client when it connects. An attacker who controls the name's DNS with a
 * short TTL can answer a public address to the check and a private one (say 169.254.169.254) to the
 * connection. Where that matters, allow explicit prefixes instead of public hosts, or run the worker
 * behind an egress proxy or firewall that refuses private destinations.
 */
public final class SourcePolicy {
    /** How a host name is turned into the addresses the HTTP client may connect to. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final SourcePolicy UNRESTRICTED =
            new SourcePolicy(true, List.of(), List.of(), false, InetAddress::getAllByName, "unrestricted");
    /** Symbolic links followed while judging a missing path, as the kernel's ELOOP limit. */
    private static final int MAX_LINKS = 40;

    private final boolean unrestricted;
    private final List<Directory> directories;
    private final List<UrlPrefix> urlPrefixes;
    private final boolean publicHosts;
    private final HostResolver resolver;
    private final String description;

    private SourcePolicy(
            boolean unrestricted,
            List<Directory> directories,
            List<UrlPrefix> urlPrefixes,
            boolean publicHosts,
            HostResolver resolver,
            String description) {
        this.unrestricted = unrestricted;
        this.directories = List.copyOf(directories);
        this.urlPrefixes = List.copyOf(urlPrefixes);
        this.publicHosts = publicHosts;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.description = description;
    }

    /** Everything is allowed: files of any type (named pipes too) and any http(s) URL. */
    public static SourcePolicy unrestricted() {
        return UNRESTRICTED;
    }

    /**
     * Regular files whose real path lies under {@code workingDirectory}, and http(s) URLs to hosts whose
     * every resolved address is public.
     *
     * @throws IllegalArgumentException when {@code workingDirectory} is not an existing directory
     */
    public static SourcePolicy workerDefault(Path workingDirectory) {
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Directory dir = Directory.of(workingDirectory, "working directory '" + workingDirectory + "'");
        return new SourcePolicy(
                false,
                List.of(dir),
                List.of(),
                true,
                InetAddress::getAllByName,
                "files under " + dir.real() + " and public http(s) hosts");
    }

    /**
     * Only the sources under {@code prefixes} (what {@code --allow-source PREFIX} gives, one per flag):
     * {@code file:/abs/dir/} allows regular files under that directory, {@code https://host[:port]/path/}
     * allows URLs under that prefix. Public hosts are not allowed unless a prefix names them.
     *
     * @throws IllegalArgumentException naming the prefix when one is not an absolute {@code file:} URI of
     *     an existing directory, nor an http(s) URL with a host and without user info, query or fragment;
     *     or when there is none
     */
    public static SourcePolicy allowing(List<String> prefixes) {
        Objects.requireNonNull(prefixes, "prefixes");
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("at least one source prefix is needed");
        }
        List<Directory> dirs = new ArrayList<>();
        List<UrlPrefix> urls = new ArrayList<>();
        for (String prefix : prefixes) {
            if (prefix == null || prefix.isBlank()) {
                throw new IllegalArgumentException("invalid source prefix '" + prefix + "': empty");
            }
            String scheme = ByteSources.scheme(prefix);
            if (scheme != null && scheme.equalsIgnoreCase("file")) {
                dirs.add(Directory.ofFileUri(prefix));
            } else if (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                urls.add(UrlPrefix.of(prefix));
            } else {
                throw new IllegalArgumentException("invalid source prefix '" + prefix
                        + "': use file:/absolute/directory/ or an http(s):// URL prefix");
            }
        }
        return new SourcePolicy(
                false, dirs, urls, false, InetAddress::getAllByName, "only " + String.join(", ", prefixes));
    }

    /** This policy with another resolver (tests: a host with a public and a private address). */
    SourcePolicy withResolver(HostResolver other) {
        return new SourcePolicy(unrestricted, directories, urlPrefixes, publicHosts, other, description);
    }

    /** True for {@link #unrestricted()}: files are opened as given, without any check. */
    public boolean isUnrestricted() {
        return unrestricted;
    }

    /**
     * Checks the file {@code path} (relative paths are taken from the process's working directory) and
     * returns the path to open: {@code path} itself when unrestricted, else its real path.
     *
     * @param given the path as the user gave it (named in messages)
     * @throws SourceNotAllowedException when the policy refuses it
     * @throws SourceUnavailableException when it is allowed but does not exist
     * @throws IOException when its real path cannot be found out for another reason (e.g. permissions)
     */
    Path checkFile(Path path, String given) throws IOException {
        if (unrestricted) {
            return path;
        }
        Path absolute = path.toAbsolutePath();
        if (!lexicallyAllowed(absolute.normalize())) {
            throw outside(given);
        }
        Path real;
        try {
            real = absolute.toRealPath();
        } catch (AccessDeniedException e) {
            judgeMissing(absolute, given);
            // Named by the path, as an unrestricted read names it: the same dataset gives the same message.
            throw new SourceUnavailableException("permission denied: " + path, e);
        } catch (FileSystemException e) {
            // no such file, or a regular file used as a directory on the way (ENOTDIR)
            judgeMissing(absolute, given);
            throw new SourceUnavailableException("no such file: " + path, e);
        }
        if (!reallyAllowed(real)) {
            throw outside(given);
        }
        BasicFileAttributes attributes =
                Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new SourceNotAllowedException("source not allowed: " + given
                    + " is not a regular file (directories, named pipes and devices are refused)");
        }
        return real;
    }

    /**
     * A missing path that passed the lexical check: refused like any outside path when its deepest
     * existing ancestor, or a dangling symbolic link on the way, leads outside; else it is just missing.
     */
    private void judgeMissing(Path absolute, String given) throws IOException {
        Path p = absolute;
        for (int links = 0; links <= MAX_LINKS; links++) {
            Path ancestor = p;
            Path real = null;
            while (real == null) {
                ancestor = ancestor.getParent();
                if (ancestor == null) {
                    throw outside(given);
                }
                try {
                    real = ancestor.toRealPath();
                } catch (FileSystemException e) {
                    // missing (or not reachable): go up
                }
            }
            if (!reallyAllowed(real)) {
                throw outside(given);
            }
            Path rest = ancestor.relativize(p);
            Path first = real.resolve(rest.getName(0));
            if (!Files.isSymbolicLink(first)) {
                return; // the first missing component is not there at all: a missing file inside
            }
            Path target = real.resolve(Files.readSymbolicLink(first));
            p = rest.getNameCount() > 1 ? target.resolve(rest.subpath(1, rest.getNameCount())) : target;
            if (!lexicallyAllowed(p.normalize())) {
                throw outside(given);
            }
        }
        throw outside(given);
    }

    private boolean lexicallyAllowed(Path normalized) {
        for (Directory d : directories) {
            if (normalized.startsWith(d.lexical()) || normalized.startsWith(d.real())) {
                return true;
            }
        }
        return false;
    }

    private boolean reallyAllowed(Path real) {
        for (Directory d : directories) {
            if (real.startsWith(d.real())) {
                return true;
            }
        }
        return false;
    }

    /** The one message for every path outside the allowed directories: it tells nothing about the path. */
    private static SourceNotAllowedException outside(String given) {
        return new SourceNotAllowedException("source not allowed: " + given + " is not under an allowed directory");
    }

    /**
     * Checks the http(s) URL {@code url} before it is requested.
     *
     * @throws SourceNotAllowedException when the policy refuses it (its message names the host, never the
     *     query string or user info)
     * @throws UnknownHostException when the public-host rule must resolve the host and cannot (retryable)
     */
    void checkUrl(URI url) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new SourceNotAllowedException(
                    "source not allowed: " + safe(url) + " is not an http(s) URL with a host");
        }
        if (unrestricted) {
            return;
        }
        for (UrlPrefix prefix : urlPrefixes) {
            if (prefix.matches(url)) {
                return;
            }
        }
        if (!publicHosts) {
            throw new SourceNotAllowedException("source not allowed: " + safe(url) + " (host " + url.getHost()
                    + ") is not under an allowed URL prefix");
        }
        InetAddress[] addresses = resolver.resolve(url.getHost());
        if (addresses.length == 0) {
            throw new UnknownHostException(url.getHost());
        }
        for (InetAddress address : addresses) {
            String kind = nonPublicKind(address);
            if (kind != null) {
                throw new SourceNotAllowedException("source not allowed: " + safe(url) + ": host " + url.getHost()
                        + " resolves to " + address.getHostAddress() + ", a " + kind
                        + " address (only public hosts are allowed)");
            }
        }
    }

    /** {@code scheme://host[:port]/path} of {@code url}: without user info, query string or fragment. */
    static String safe(URI url) {
        StringBuilder s = new StringBuilder();
        if (url.getScheme() != null) {
            s.append(url.getScheme()).append("://");
        }
        if (url.getHost() != null) {
            s.append(url.getHost());
        }
        if (url.getPort() >= 0) {
            s.append(':').append(url.getPort());
        }
        if (url.getRawPath() != null) {
            s.append(url.getRawPath());
        }
        return s.toString();
    }

    /** True when {@code address} is public: routable on the internet, not one of {@link #nonPublicKind}'s. */
    static boolean isPublic(InetAddress address) {
        return nonPublicKind(address) == null;
    }

    /**
     * Why {@code address} is not public ({@code loopback}, {@code private}, ...), or null when it is.
     * IPv4-mapped, IPv4-compatible and NAT64 ({@code 64:ff9b::/96}) IPv6 addresses are judged as the IPv4
     * address they carry.
     */
    static String nonPublicKind(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            byte[] v4 = embeddedIpv4(b);
            return v4 != null ? ipv4Kind(v4) : ipv6Kind(b);
        }
        if (address instanceof Inet4Address) {
            return ipv4Kind(b);
        }
        return "unknown";
    }

    private static byte[] embeddedIpv4(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        boolean mapped = firstTenZero && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
        boolean compatible = firstTenZero
                && b[10] == 0
                && b[11] == 0
                && !((b[12] | b[13] | b[14]) == 0 && (b[15] == 0 || b[15] == 1)); // not :: and ::1
        boolean nat64 =
                (b[0] & 0xFF) == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (mapped || compatible || nat64) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        return null;
    }

    private static String ipv4Kind(byte[] b) {
        int a0 = b[0] & 0xFF;
        int a1 = b[1] & 0xFF;
        int a2 = b[2] & 0xFF;
        if (a0 == 0) {
            return "unspecified (0.0.0.0/8)";
        }
        if (a0 == 127) {
            return "loopback";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xF0) == 16) || (a0 == 192 && a1 == 168)) {
            return "private";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local";
        }
        if (a0 == 100 && (a1 & 0xC0) == 64) {
            return "carrier-grade NAT (100.64.0.0/10)";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "multicast";
        }
        if (a0 >= 240) {
            return "reserved (240.0.0.0/4)";
        }
        if ((a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                || (a0 == 198 && (a1 & 0xFE) == 18)
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return "special-purpose";
        }
        return null;
    }

    private static String ipv6Kind(byte[] b) {
        boolean zeroTo14 = true;
        for (int i = 0; i < 15; i++) {
            zeroTo14 &= b[i] == 0;
        }
        if (zeroTo14 && b[15] == 0) {
            return "unspecified (::)";
        }
        if (zeroTo14 && b[15] == 1) {
            return "loopback";
        }
        int b0 = b[0] & 0xFF;
        int b1 = b[1] & 0xFF;
        if (b0 == 0xFF) {
            return "multicast";
        }
        if (b0 == 0xFE && (b1 & 0xC0) == 0x80) {
            return "link-local";
        }
        if (b0 == 0xFE && (b1 & 0xC0) == 0xC0) {
            return "site-local";
        }
        if ((b0 & 0xFE) == 0xFC) {
            return "unique-local";
        }
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xFF) == 0x0D && (b[3] & 0xFF) == 0xB8) {
            return "special-purpose";
        }
        if (b0 == 0x01 && b1 == 0x00 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
            return "special-purpose";
        }
        return null;
    }

    @Override
    public String toString() {
        return "SourcePolicy[" + description + "]";
    }

    /** An allowed directory: as given (absolute, normalized) and its real path. */
    private record Directory(Path lexical, Path real) {

        static Directory of(Path dir, String what) {
            Path lexical = dir.toAbsolutePath().normalize();
            Path real;
            try {
                real = lexical.toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException(what + " is not an existing directory", e);
            }
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException(what + " is not a directory");
            }
            return new Directory(lexical, real);
        }

        static Directory ofFileUri(String prefix) {
            URI uri;
            Path path;
            try {
                uri = new URI(prefix);
                if (uri.isOpaque() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw new IllegalArgumentException("not an absolute file URI without query or fragment");
                }
                path = Path.of(uri);
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "invalid source prefix '" + prefix + "': " + e.getMessage()
                                + " (use file:/absolute/directory/)",
                        e);
            }
            return of(path, "invalid source prefix '" + prefix + "':");
        }
    }

    /** An allowed http(s) URL prefix, compared structurally. */
    private record UrlPrefix(String scheme, String host, int port, String path) {

        static UrlPrefix of(String prefix) {
            URI uri;
            try {
                uri = new URI(prefix);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("invalid source prefix '" + prefix + "': " + e.getMessage(), e);
            }
            String problem = uri.getHost() == null
                    ? "no host"
                    : uri.getRawUserInfo() != null
                            ? "no user info allowed"
                            : uri.getRawQuery() != null
                                    ? "no query string allowed"
                                    : uri.getRawFragment() != null ? "no fragment allowed" : null;
            String path = problem == null ? normalizedPath(uri) : null;
            if (problem == null && path == null) {
                problem = "its path must not contain . or .. segments that leave the root, or backslashes";
            }
            if (problem != null) {
                throw new IllegalArgumentException("invalid source prefix '" + prefix + "': " + problem);
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            return new UrlPrefix(scheme, uri.getHost().toLowerCase(Locale.ROOT), effectivePort(uri), path);
        }

        boolean matches(URI url) {
            if (!scheme.equalsIgnoreCase(url.getScheme())
                    || url.getHost() == null
                    || !host.equals(url.getHost().toLowerCase(Locale.ROOT))
                    || port != effectivePort(url)) {
                return false;
            }
            String p = normalizedPath(url);
            if (p == null) {
                return false;
            }
            return path.endsWith("/") ? p.startsWith(path) : p.equals(path) || p.startsWith(path + "/");
        }

        private static int effectivePort(URI uri) {
            if (uri.getPort() >= 0) {
                return uri.getPort();
            }
            return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }

        /**
         * The decoded path with {@code .} and {@code ..} segments resolved ({@code /} when empty), or null
         * when it cannot be judged safely: a {@code ..} above the root, a backslash, or a dot segment with
         * parameters ({@code ..;x}, which some servers treat as {@code ..}).
         */
        private static String normalizedPath(URI uri) {
            String decoded = uri.getPath();
            if (decoded == null || decoded.isEmpty()) {
                return "/";
            }
            if (decoded.indexOf('\\') >= 0 || !decoded.startsWith("/")) {
                return null;
            }
            String[] segments = decoded.substring(1).split("/", -1);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                int semicolon = s.indexOf(';');
                String bare = semicolon >= 0 ? s.substring(0, semicolon) : s;
                boolean last = i == segments.length - 1;
                if (bare.equals(".") || bare.equals("..")) {
                    if (!bare.equals(s)) {
                        return null;
                    }
                    if (bare.equals("..")) {
                        if (out.isEmpty()) {
                            return null;
                        }
                        out.remove(out.size() - 1);
                    }
                    if (last) {
                        out.add(""); // "/a/b/.." is the directory "/a/"
                    }
                    continue;
                }
                out.add(s);
            }
            return "/" + String.join("/", out);
        }
    }
}
