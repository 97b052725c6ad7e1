package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up tidies the library copies killed processes left in the temporary directory. */
class DuckDbWarmUpTest {
    @TempDir
    Path tmp;

    private Path file(String name, Duration age) throws IOException {
        Path file = Files.writeString(tmp.resolve(name), "x");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    @Test
    @DisplayName("copies older than an hour go; a fresh copy, other files and a directory stay")
    void staleCopies_areRemoved() throws IOException {
        Path stale = file("libduckdb_java11380994229016647801.so", Duration.ofHours(3));
        Path fresh = file("libduckdb_java42.so", Duration.ofMinutes(5));
        Path other = file("libother123.so", Duration.ofHours(3));
        Path notACopy = file("libduckdb_java.txt", Duration.ofHours(3));
        Path directory = Files.createDirectory(tmp.resolve("libduckdb_javadir.so"));
        Files.setLastModifiedTime(directory, FileTime.from(Instant.now().minus(Duration.ofHours(3))));

        assertEquals(1, DuckDbWarmUp.removeStaleCopies(tmp, DuckDbWarmUp.STALE_AFTER));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(other));
        assertTrue(Files.exists(notACopy));
        assertTrue(Files.isDirectory(directory));
    }

    @Test
    @DisplayName("a missing temporary directory is not an error")
    void missingDirectory_isNothingToDo() {
        assertEquals(0, DuckDbWarmUp.removeStaleCopies(tmp.resolve("none"), DuckDbWarmUp.STALE_AFTER));
    }
}
