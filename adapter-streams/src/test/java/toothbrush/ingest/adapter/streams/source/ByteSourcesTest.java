package toothbrush.ingest.adapter.streams.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Picking and opening a stream's source by URI. */
class ByteSourcesTest {
    private static final ByteSources SOURCES = new ByteSources(Duration.ofSeconds(1), Duration.ofSeconds(1));

    @TempDir
    Path dir;

    @Test
    void aPlainPath_isAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("b.csv"), "16,3,0.5\n");
        ByteSource source = SOURCES.forUri(file.toString());
        assertEquals(file, assertInstanceOf(FileByteSource.class, source).path());
        assertEquals(file.toString(), source.describe());
        assertEquals(9, source.size());
        try (InputStream in = source.open(0)) {
            assertEquals("16,3,0.5\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void fileUris_withOneOrThreeSlashes() throws IOException {
        Path file = Files.writeString(dir.resolve("with space.csv"), "x");
        String oneSlash = "file:" + file.toAbsolutePath().toString().replace(" ", "%20");
        String threeSlashes = file.toUri().toString();
        for (String uri : new String[] {oneSlash, threeSlashes}) {
            ByteSource source = SOURCES.forUri(uri);
            assertEquals(file, ((FileByteSource) source).path());
            assertEquals(uri, source.describe(), "messages name the URI as given");
        }
    }

    @Test
    void open_atAnOffset_startsThere() throws IOException {
        Path file = Files.writeString(dir.resolve("b.csv"), "0123456789");
        try (InputStream in = new FileByteSource(file).open(7)) {
            assertEquals("789", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
        assertThrows(IllegalArgumentException.class, () -> new FileByteSource(file).open(-1));
    }

    @Test
    void aMissingFile_isUnavailable_namingThePath() {
        Path missing = dir.resolve("missing.csv");
        FileByteSource source = new FileByteSource(missing);
        SourceUnavailableException e = assertThrows(SourceUnavailableException.class, () -> source.open(0));
        assertEquals("no such file: " + missing, e.getMessage());
        assertEquals(-1, source.size());
    }

    @Test
    void aDirectory_isUnavailable() {
        SourceUnavailableException e =
                assertThrows(SourceUnavailableException.class, () -> new FileByteSource(dir).open(0));
        assertEquals("is a directory: " + dir, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://bucket/b.csv", "ftp://host/b.csv", "mem:b"})
    void otherSchemes_areUsageErrors_namingTheUri(String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SOURCES.forUri(uri));
        assertTrue(e.getMessage().startsWith("unsupported stream URI '" + uri + "'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(use a file path, a file: URI or an http(s):// URL)"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/b.csv", "https://example.com:8443/data/b.csv?x=1", "HTTP://h/b"})
    void httpUrls_areHttpSources_describedAsGiven_withUnknownSizeUntilOpened(String uri) {
        ByteSource source = SOURCES.forUri(uri);
        assertInstanceOf(HttpByteSource.class, source);
        assertEquals(uri, source.describe());
        assertEquals(-1, source.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http:/no-host/b.csv", "https://", "http://h/a b"})
    void invalidHttpUrls_areUsageErrors_namingTheUrl(String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SOURCES.forUri(uri));
        assertTrue(e.getMessage().startsWith("invalid URL '" + uri + "'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:relative.csv", "file://host/b.csv", "file:/a%ZZ"})
    void invalidFileUris_areUsageErrors_namingTheUri(String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SOURCES.forUri(uri));
        assertTrue(e.getMessage().startsWith("invalid file URI '" + uri + "'"), e.getMessage());
    }

    @Test
    void emptyUris_areUsageErrors() {
        assertThrows(IllegalArgumentException.class, () -> SOURCES.forUri(""));
        assertThrows(IllegalArgumentException.class, () -> SOURCES.forUri(" "));
    }

    @Test
    void scheme_followsRfc3986_andIgnoresDriveLetters() {
        assertEquals("file", ByteSources.scheme("file:/x"));
        assertEquals("svn+ssh", ByteSources.scheme("svn+ssh://h/x"));
        assertNull(ByteSources.scheme("C:\\data\\b.csv"));
        assertNull(ByteSources.scheme("data/b.csv"));
        assertNull(ByteSources.scheme("./a:b.csv"));
        assertNull(ByteSources.scheme("1x:/y"));
    }

    @Test
    void fileContent_roundTrips() throws IOException {
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        Path file = Files.write(dir.resolve("bin"), data);
        try (InputStream in = SOURCES.forUri(file.toString()).open(0)) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }
}
