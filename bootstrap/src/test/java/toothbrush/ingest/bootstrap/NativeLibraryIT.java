package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where DuckDB's native library comes from: toothbrush-ingest.jar loads the one the build puts beside it
 * and unpacks nothing; alone it fails with a report naming the missing file; toothbrush-ingest-all.jar
 * runs alone, unpacking its copy into the temporary directory and deleting it at exit.
 */
class NativeLibraryIT {

    @TempDir
    Path work;

    private JarRunner.Run ingestSample(Path jar, Path tmp) throws Exception {
        return JarRunner.run(
                work,
                jar,
                List.of("-Djava.io.tmpdir=" + tmp),
                JarRunner.ingestSample("duckdb:" + work.resolve("points.duckdb")));
    }

    private static List<String> libraryCopies(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("libduckdb_java"))
                    .toList();
        }
    }

    private Path emptyTmp() throws IOException {
        return Files.createDirectory(work.resolve("tmp"));
    }

    @Test
    void jar_loadsTheLibraryBesideIt_andUnpacksNothing() throws Exception {
        assertTrue(Files.isRegularFile(JarRunner.jar().resolveSibling("libduckdb_java.so_linux_amd64")));
        assertTrue(Files.isRegularFile(JarRunner.jar().resolveSibling("libduckdb_java.so_linux_arm64")));
        try (ZipFile zip = new ZipFile(JarRunner.jar().toFile())) {
            assertEquals(
                    List.of(),
                    zip.stream()
                            .map(ZipEntry::getName)
                            .filter(name -> name.startsWith("libduckdb_java"))
                            .toList());
        }
        Path tmp = emptyTmp();
        JarRunner.Run run = ingestSample(JarRunner.jar(), tmp);
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("\"outcome\":\"completed\""), run.stdout());
        assertEquals(List.of(), libraryCopies(tmp));
    }

    @Test
    void F2_jarAlone_failsWithAReportNamingTheMissingLibrary() throws Exception {
        Path alone = Files.createDirectory(work.resolve("alone"));
        Path jar = Files.copy(JarRunner.jar(), alone.resolve("toothbrush-ingest.jar"));
        JarRunner.Run run = ingestSample(jar, emptyTmp());
        assertEquals(1, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("\"reason\":\"database_unavailable\""), run.stdout());
        assertTrue(
                run.stdout().contains(alone.resolve("libduckdb_java.so_linux_").toString()), run.stdout());
        assertFalse(run.stderr().contains("Exception in thread \"main\""), run.stderr());
    }

    @Test
    void allJar_runsAlone_andDeletesItsCopyAtExit() throws Exception {
        Path alone = Files.createDirectory(work.resolve("alone"));
        Path jar = Files.copy(
                JarRunner.jar().resolveSibling("toothbrush-ingest-all.jar"),
                alone.resolve("toothbrush-ingest-all.jar"));
        Path tmp = emptyTmp();
        JarRunner.Run run = ingestSample(jar, tmp);
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("\"outcome\":\"completed\""), run.stdout());
        assertEquals(List.of(), libraryCopies(tmp));
    }
}
