package toothbrush.ingest.bootstrap.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.application.port.Dataset;

/** V10: page file names are safe for any valid dataset id (U6), and pages are replaced in one step. */
class PicturesTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("V10: plain ids keep their name; anything else is percent-encoded UTF-8")
    void V10_fileNames_keepPlainIdsAndPercentEncodeTheRest() {
        assertEquals("ds-sample.html", Pictures.fileName("ds-sample"));
        assertEquals("ds_1.2.html", Pictures.fileName("ds_1.2"));
        assertEquals("%2E.%2F..%2Fetc%2Fpasswd.html", Pictures.fileName("../../etc/passwd"));
        assertEquals("%2E.html", Pictures.fileName("."));
        assertEquals("%2E..html", Pictures.fileName(".."));
        assertEquals("%2Ehidden.html", Pictures.fileName(".hidden"));
        assertEquals("a%20b%25c%5Cd.html", Pictures.fileName("a b%c\\d"));
        assertEquals("z%C3%A4hne%E2%82%AC%F0%9F%A6%B7.html", Pictures.fileName("z\u00e4hne\u20ac\uD83E\uDDB7"));
        assertEquals("%7E.html", Pictures.fileName("~"));
        assertThrows(IllegalArgumentException.class, () -> Pictures.fileName(""));
    }

    @Test
    @DisplayName("V10: every valid id, however long, gives a short name without a slash, distinct from the others")
    void V10_longIds_areCutAndHashed() {
        String longAscii = "d".repeat(256);
        String longUnicode = "\u20ac".repeat(254); // 762 bytes of UTF-8, 2,286 characters encoded
        String name = Pictures.fileName(longAscii);
        assertEquals(Pictures.CUT_NAME + 1 + 16 + ".html".length(), name.length());
        assertTrue(name.matches("d{150}~[0-9a-f]{16}\\.html"), name);
        assertTrue(name.startsWith("d".repeat(Pictures.CUT_NAME) + "~"), name);
        assertNotEquals(name, Pictures.fileName("d".repeat(255)));
        for (int shift = 0; shift < 3; shift++) {
            // Cut at every position inside a character's escapes: the name never ends in a broken one.
            String id = "x".repeat(shift) + longUnicode;
            String cut = Pictures.fileName(id);
            assertTrue(cut.length() <= Pictures.CUT_NAME + 1 + 16 + 5, cut);
            assertTrue(cut.matches("(x*)((%E2%82%AC)+)~[0-9a-f]{16}\\.html"), cut);
        }
        Set<String> names = new HashSet<>();
        List<String> ids = List.of(
                "ds-1",
                "ds-1.",
                "DS-1",
                "ds 1",
                "ds%201",
                "ds/1",
                "ds\\1",
                "..",
                ".",
                "%2E",
                longAscii,
                longAscii.substring(1) + "e",
                longUnicode,
                "x" + longUnicode,
                "\u00e9",
                "%C3%A9");
        for (String id : ids) {
            String n = Pictures.fileName(id);
            assertTrue(names.add(n), "a second id named " + n);
            assertFalse(n.contains("/") || n.startsWith(".") || n.length() > 255, n);
            new Dataset(id, "tb", "b", "s"); // every id here is valid (U6)
        }
    }

    @Test
    @DisplayName("V10: a page replaces the old one in one step and leaves no temporary file, also when it fails")
    void V10_aPage_isReplacedAtomically() throws IOException {
        Path page = dir.resolve("ds-1.html");
        Pictures.write(page, "<p>first</p>");
        Pictures.write(page, "<p>second</p>");
        assertEquals("<p>second</p>", Files.readString(page));
        assertEquals(List.of("ds-1.html"), list(dir));

        Path occupied = Files.createDirectories(dir.resolve("taken.html").resolve("child"));
        assertThrows(IOException.class, () -> Pictures.write(occupied.getParent(), "<p>x</p>"));
        assertEquals(List.of("ds-1.html", "taken.html"), list(dir), "no temporary file is left behind");
        assertThrows(IOException.class, () -> Pictures.write(dir.resolve("missing/x.html"), "<p>x</p>"));
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
