package toothbrush.ingest.adapter.streams.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** U2: which files and URLs a {@link SourcePolicy} allows, checked without looking outside what it allows. */
class SourcePolicyTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @TempDir
    Path tmp;

    private static String fileUri(Path dir) {
        return "file:" + dir.toAbsolutePath() + "/";
    }

    private static InputStream open(SourcePolicy policy, String uri) throws IOException {
        return new ByteSources(SECOND, SECOND, policy).forUri(uri).open(0);
    }

    private static String read(SourcePolicy policy, String uri) throws IOException {
        try (InputStream in = open(policy, uri)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static SourceNotAllowedException refused(SourcePolicy policy, String uri) {
        return assertThrows(
                SourceNotAllowedException.class, () -> open(policy, uri).close());
    }

    static void mkfifo(Path fifo) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "mkfifo " + fifo);
    }

    // ---- files ----

    @Test
    void U2_aPathOutsideEveryAllowedDirectory_isRefusedWhetherOrNotItExists_withTheSameMessage() throws IOException {
        Path in = Files.createDirectory(tmp.resolve("in"));
        SourcePolicy policy = SourcePolicy.allowing(List.of(fileUri(in)));
        assertTrue(Files.isRegularFile(Path.of("/etc/passwd")));
        String existing = refused(policy, "/etc/passwd").getMessage();
        String missing = refused(policy, "/etc/no-such-file-here").getMessage();
        String dev = refused(policy, "/dev/zero").getMessage();
        String dir = refused(policy, "/etc").getMessage();
        assertEquals("source not allowed: /etc/passwd is not under an allowed directory", existing);
        for (String[] other : new String[][] {{missing, "/etc/no-such-file-here"}, {dev, "/dev/zero"}, {dir, "/etc"}}) {
            assertEquals(
                    existing.replace("/etc/passwd", other[1]),
                    other[0],
                    "no existence, type or size oracle: the message differs only by the path");
        }
        assertEquals(
                existing.replace("/etc/passwd", "file:/etc/passwd"),
                refused(policy, "file:/etc/passwd").getMessage());
    }

    @Test
    void U2_dotDotOutOfAnAllowedDirectory_isRefused() throws IOException {
        Path in = Files.createDirectory(tmp.resolve("in"));
        SourcePolicy policy = SourcePolicy.allowing(List.of(fileUri(in)));
        String uri = in + "/../../../../../../../etc/passwd";
        assertEquals(
                "source not allowed: " + uri + " is not under an allowed directory",
                refused(policy, uri).getMessage());
    }

    @Test
    void U2_directoriesAreComparedByComponents_notByStringPrefix() throws IOException {
        Path in = Files.createDirectory(tmp.resolve("in"));
        Path incoming2 = Files.createDirectory(tmp.resolve("incoming2"));
        Path sibling = Files.writeString(incoming2.resolve("b.csv"), "x");
        Path inside = Files.writeString(in.resolve("b.csv"), "inside");
        SourcePolicy policy = SourcePolicy.allowing(List.of("file:" + in.toAbsolutePath()));
        refused(policy, sibling.toString());
        refused(policy, tmp.resolve("in2").toString());
        assertEquals("inside", read(policy, inside.toString()));
    }

    @Test
    void U2_aSymlinkInsideToAFileOutside_isRefused_likeAnyOutsidePath() throws IOException {
        Path in = Files.createDirectory(tmp.resolve("in"));
        Path toPasswd = Files.createSymbolicLink(in.resolve("passwd.csv"), Path.of("/etc/passwd"));
        Path toMissing = Files.createSymbolicLink(in.resolve("dangling.csv"), Path.of("/etc/no-such-file-here"));
        Path toEtc = Files.createSymbolicLink(in.resolve("etc"), Path.of("/etc"));
        SourcePolicy policy = SourcePolicy.allowing(List.of(fileUri(in)));
        String message = "source not allowed: %s is not under an allowed directory";
        assertEquals(
                message.formatted(toPasswd),
                refused(policy, toPasswd.toString()).getMessage());
        assertEquals(
                message.formatted(toMissing),
                refused(policy, toMissing.toString()).getMessage(),
                "a dangling link out is refused as its target would be: no existence oracle");
        String throughDir = toEtc + "/passwd";
        String missingThroughDir = toEtc + "/no-such-file-here";
        assertEquals(message.formatted(throughDir), refused(policy, throughDir).getMessage());
        assertEquals(
                message.formatted(missingThroughDir),
                refused(policy, missingThroughDir).getMessage());
    }

    @Test
    void U2_aSymlinkInsideToAFileInside_isAllowed_andTheRealFileIsRead() throws IOException {
        Path in = Files.createDirectory(tmp.resolve("in"));
        Path sub = Files.createDirectory(in.resolve("sub"));
        Files.writeString(sub.resolve("real.csv"), "real");
        Path link = Files.createSymbolicLink(in.resolve("link.csv"), Path.of("sub/real.csv"));
        SourcePolicy policy = SourcePolicy.allowing(List.of(fileUri(in)));
        assertEquals("real", read(policy, link.toString()));
        assertEquals("real", read(policy, in + "/sub/../link.csv"));
        FileByteSource source = (FileByteSource) new ByteSources(SECOND, SECOND, policy).forUri(link.toString());
        assertEquals(-1, source.size(), "nothing is looked at before the policy checked it");
        source.open(0).close();
        assertEquals(4, source.size());
    }

    @Test
    void U2_anAllowedDirectoryThatIsASymlink_allowsItsFilesByEitherPath() throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Files.writeString(real.resolve("b.csv"), "b");
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), real);
        SourcePolicy policy = SourcePolicy.allowing(List.of(fileUri(alias)));
        assertEquals("b", read(policy, alias + "/b.csv"));
        assertEquals("b", read(policy, real + "/b.csv"));
    }

    @Test
    void U2_aMissingFileInsideAnAllowedDirectory_isSourceNotFound() throws IOException {
        Path in = Files.createDirectory(tmp.resolve("in"));
        Files.writeString(in.resolve("file"), "x");
        Path dangling = Files.createSymbolicLink(in.resolve("dangling.csv"), in.resolve("gone.csv"));
        SourcePolicy policy = SourcePolicy.allowing(List.of(fileUri(in)));
        for (String uri : new String[] {
            in + "/missing.csv", in + "/no/such/dir/b.csv", dangling.toString(), in + "/file/below-a-file.csv"
        }) {
            SourceUnavailableException e = assertThrows(SourceUnavailableException.class, () -> open(policy, uri));
            assertEquals("no such file: " + uri, e.getMessage());
        }
    }

    @Test
    void U2_fifosDirectoriesAndDevices_areRefusedByEveryPolicyButUnrestricted() throws Exception {
        Path in = Files.createDirectory(tmp.resolve("in"));
        Path fifo = in.resolve("b.fifo");
        mkfifo(fifo);
        Path sub = Files.createDirectory(in.resolve("sub"));
        SourcePolicy policy = SourcePolicy.allowing(List.of(fileUri(in), "file:/dev/"));
        String message =
                "source not allowed: %s is not a regular file (directories, named pipes and devices" + " are refused)";
        // refused before it is opened: opening a FIFO without a writer would block for ever
        assertEquals(
                message.formatted(fifo),
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refused(policy, fifo.toString()))
                        .getMessage());
        assertEquals(message.formatted(sub), refused(policy, sub.toString()).getMessage());
        assertEquals(
                message.formatted("/dev/zero"), refused(policy, "/dev/zero").getMessage());
        Path cwd = Path.of("").toAbsolutePath();
        SourcePolicy worker = SourcePolicy.workerDefault(cwd);
        assertEquals(message.formatted(cwd), refused(worker, cwd.toString()).getMessage());
        try (InputStream zero = open(SourcePolicy.unrestricted(), "/dev/zero")) {
            assertArrayEquals(new byte[4], zero.readNBytes(4), "unrestricted reads devices, as ingest always did");
        }
    }

    @Test
    void U2_workerDefault_allowsRegularFilesUnderTheWorkingDirectory_relativePathsIncluded() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        SourcePolicy worker = SourcePolicy.workerDefault(cwd);
        assertTrue(read(worker, "pom.xml").contains("<artifactId>adapter-streams</artifactId>"));
        assertTrue(read(worker, cwd.resolve("pom.xml").toUri().toString()).contains("adapter-streams"));
        assertEquals(
                "source not allowed: ../pom.xml is not under an allowed directory",
                refused(worker, "../pom.xml").getMessage());
        refused(worker, "/etc/passwd");
        assertThrows(IllegalArgumentException.class, () -> SourcePolicy.workerDefault(tmp.resolve("missing")));
    }

    // ---- prefixes ----

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://h/x/",
                "/abs/dir/",
                "relative/dir",
                "file:relative/",
                "file:/no/such/dir/",
                "https://user@h.example/",
                "https://u:p@h.example/",
                "https://h.example/x?q=1",
                "https://h.example/#f",
                "http:///nohost/",
                "https://h.example/../x/",
                "https://h.example/a\\b/",
                " "
            })
    void U2_badPrefixes_areRejectedUpFront_namingThePrefix(String prefix) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SourcePolicy.allowing(List.of("https://ok.example/", prefix)));
        assertTrue(e.getMessage().contains("'" + prefix + "'"), e.getMessage());
    }

    @Test
    void U2_aFilePrefixThatIsARegularFile_isRejected_andNoPrefixAtAllIsRejected() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SourcePolicy.allowing(List.of("file:" + file)));
        assertEquals("invalid source prefix 'file:" + file + "': is not a directory", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SourcePolicy.allowing(List.of()));
    }

    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://uploads.example.com/|https://uploads.example.com/b.csv|true",
                "https://uploads.example.com/|https://UPLOADS.Example.COM/b.csv|true",
                "https://uploads.example.com/|https://uploads.example.com:443/b.csv|true",
                "https://uploads.example.com:443/|https://uploads.example.com/b.csv|true",
                "https://uploads.example.com/|https://uploads.example.com:8443/b.csv|false",
                "https://uploads.example.com/|http://uploads.example.com/b.csv|false",
                "http://uploads.example.com/|http://uploads.example.com:80/b.csv|true",
                "https://uploads.example.com/|https://uploads.example.com@evil.com/b.csv|false",
                "https://uploads.example.com/|https://uploads.example.com.evil.com/b.csv|false",
                "https://uploads.example.com/|https://evil.com/uploads.example.com/b.csv|false",
                "https://uploads.example.com/|https://evil.com/?https://uploads.example.com/|false",
                "https://uploads.example.com/|https://secret@evil.com/uploads.example.com/|false",
                "https://uploads.example.com/|https://user:secret@uploads.example.com/b.csv|true",
                "https://uploads.example.com/|https://uploads.example.com|true",
                "https://uploads.example.com/data|https://uploads.example.com/data|true",
                "https://uploads.example.com/data|https://uploads.example.com/data/b.csv|true",
                "https://uploads.example.com/data|https://uploads.example.com/database/b.csv|false",
                "https://uploads.example.com/data/|https://uploads.example.com/data/b.csv?sig=x|true",
                "https://uploads.example.com/data/|https://uploads.example.com/data|false",
                "https://uploads.example.com/data/|https://uploads.example.com/data/../private|false",
                "https://uploads.example.com/data/|https://uploads.example.com/data/%2e%2e/private|false",
                "https://uploads.example.com/data/|https://uploads.example.com/data%2F..%2Fprivate|false",
                "https://uploads.example.com/data/|https://uploads.example.com/data/..;/private|false",
                "https://uploads.example.com/data/|https://uploads.example.com/data/..%5Cprivate|false",
                "https://uploads.example.com/data/|https://uploads.example.com/data/./b.csv|true",
                "https://uploads.example.com/data/|https://uploads.example.com/data/x/../b.csv|true",
                "http://[::1]:8080/|http://[0:0:0:0:0:0:0:1]:8080/b|false",
                "http://[::1]:8080/|http://[::1]:8080/b|true"
            })
    void U2_urlPrefixes_areComparedStructurally(String prefix, String url, boolean allowed) throws IOException {
        SourcePolicy policy = SourcePolicy.allowing(List.of(prefix)).withResolver(host -> {
            throw new AssertionError("explicit prefixes never resolve: " + host);
        });
        if (allowed) {
            policy.checkUrl(URI.create(url));
        } else {
            SourceNotAllowedException e =
                    assertThrows(SourceNotAllowedException.class, () -> policy.checkUrl(URI.create(url)));
            assertFalse(e.getMessage().contains("secret") || e.getMessage().contains("?"), e.getMessage());
        }
    }

    @Test
    void U2_withExplicitPrefixes_publicHostsAndFilesAreNotAllowedUnlessAPrefixAllowsThem() throws IOException {
        SourcePolicy policy = SourcePolicy.allowing(List.of("https://uploads.example.com/"))
                .withResolver(host -> {
                    throw new AssertionError("explicit prefixes never resolve: " + host);
                });
        SourceNotAllowedException e = assertThrows(
                SourceNotAllowedException.class,
                () -> policy.checkUrl(URI.create("https://93.184.216.34/b.csv?token=secret")));
        assertEquals(
                "source not allowed: https://93.184.216.34/b.csv (host 93.184.216.34) is not under an allowed"
                        + " URL prefix",
                e.getMessage());
        refused(policy, Path.of("").toAbsolutePath().resolve("pom.xml").toString());
    }

    // ---- public hosts ----

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.1.2.3",
                "10.0.0.1",
                "10.255.255.255",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "169.254.0.1",
                "224.0.0.1",
                "239.255.255.250",
                "0.0.0.0",
                "0.1.2.3",
                "100.64.0.1",
                "100.127.255.255",
                "255.255.255.255",
                "::1",
                "::",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "ff02::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "::ffff:169.254.169.254",
                "64:ff9b::a9fe:a9fe"
            })
    void U2_nonPublicAddresses_areNotPublic(String literal) throws IOException {
        assertFalse(SourcePolicy.isPublic(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.216.34",
                "8.8.8.8",
                "172.15.255.255",
                "172.32.0.1",
                "100.63.255.255",
                "100.128.0.1",
                "169.253.0.1",
                "192.169.0.1",
                "11.0.0.1",
                "2606:4700::1111",
                "2a00:1450:4001::200e"
            })
    void U2_publicAddresses_arePublic(String literal) throws IOException {
        assertTrue(SourcePolicy.isPublic(InetAddress.getByName(literal)), literal);
    }

    @Test
    void U2_ipv4MappedIpv6Addresses_areJudgedAsTheirIpv4_evenWhenKeptAsIpv6() throws IOException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        Inet6Address v6 = Inet6Address.getByAddress(null, mapped, null);
        assertEquals("link-local", SourcePolicy.nonPublicKind(v6));
        mapped[12] = 93;
        mapped[13] = (byte) 184;
        assertNull(SourcePolicy.nonPublicKind(Inet6Address.getByAddress(null, mapped, null)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/b.csv",
                "http://localhost/b.csv",
                "http://[::1]:8080/b.csv",
                "http://169.254.169.254/latest/meta-data/",
                "http://0.0.0.0/",
                "http://2130706433/b.csv",
                "http://10.1.2.3:9000/b.csv",
                "http://[::ffff:192.168.0.1]/",
                "http://[fd00::1]/"
            })
    void U2_workerDefault_refusesHostsThatAreNotPublic_withoutARequest(String url) throws IOException {
        SourcePolicy worker = SourcePolicy.workerDefault(tmp);
        SourceNotAllowedException e =
                assertThrows(SourceNotAllowedException.class, () -> worker.checkUrl(URI.create(url)));
        assertTrue(e.getMessage().startsWith("source not allowed: "), e.getMessage());
        assertTrue(e.getMessage().contains("(only public hosts are allowed)"), e.getMessage());
    }

    @Test
    void U2_workerDefault_needsEveryResolvedAddressPublic() throws IOException {
        List<String> resolved = new ArrayList<>();
        SourcePolicy worker = SourcePolicy.workerDefault(tmp).withResolver(host -> {
            resolved.add(host);
            return switch (host) {
                case "public.example" ->
                    new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("2606:4700::1111")
                    };
                case "mixed.example" ->
                    new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7")};
                default -> throw new UnknownHostException(host);
            };
        });
        worker.checkUrl(URI.create("https://public.example/b.csv"));
        worker.checkUrl(URI.create("http://public.example:8080/b.csv"));
        SourceNotAllowedException e = assertThrows(
                SourceNotAllowedException.class,
                () -> worker.checkUrl(URI.create("https://user:pw@mixed.example/b.csv?X-Amz-Signature=secret")));
        assertEquals(
                "source not allowed: https://mixed.example/b.csv: host mixed.example resolves to 10.0.0.7, a"
                        + " private address (only public hosts are allowed)",
                e.getMessage());
        assertThrows(
                UnknownHostException.class,
                () -> worker.checkUrl(URI.create("https://nowhere.example/")),
                "an unresolvable host is not refused but fails as a connection would (retryable)");
        assertEquals(List.of("public.example", "public.example", "mixed.example", "nowhere.example"), resolved);
    }

    @Test
    void U2_unrestricted_allowsEveryHttpUrl_withoutResolvingIt() throws IOException {
        SourcePolicy.unrestricted().checkUrl(URI.create("http://169.254.169.254/latest/meta-data/"));
        SourcePolicy.unrestricted().checkUrl(URI.create("http://no-such-host.invalid/"));
        assertTrue(SourcePolicy.unrestricted().isUnrestricted());
    }

    // ---- redirect hops ----

    @Test
    void U2_aRedirectFromHttpsToHttp_isRefused_namingTheHostButNotTheQuery() {
        SourceNotAllowedException e = assertThrows(
                SourceNotAllowedException.class,
                () -> HttpByteSource.nextHop(
                        URI.create("https://uploads.example.com/b.csv?sig=a"),
                        "http://uploads.example.com/b.csv?sig=b",
                        302));
        assertEquals(
                "source not allowed: redirect from https://uploads.example.com/b.csv to"
                        + " http://uploads.example.com/b.csv (host uploads.example.com) downgrades https to http",
                e.getMessage());
        assertThrows(
                SourceNotAllowedException.class,
                () -> HttpByteSource.nextHop(URI.create("https://h.example/b"), "file:/etc/passwd", 301));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://h.example/a/b.csv|c.csv|http://h.example/a/c.csv",
                "http://h.example/a/b.csv|/c.csv|http://h.example/c.csv",
                "http://h.example/a/b.csv|../c.csv#frag|http://h.example/c.csv",
                "http://h.example|c.csv|http://h.example/c.csv",
                "http://h.example/a|//other.example/x|http://other.example/x",
                "http://h.example/a|https://h.example/x|https://h.example/x"
            })
    void U2_relativeLocations_areResolvedAgainstTheUrlThatSentThem(String from, String location, String expected)
            throws IOException {
        assertEquals(URI.create(expected), HttpByteSource.nextHop(URI.create(from), location, 302));
    }
}
