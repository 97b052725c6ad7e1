package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.PointSinkException;
import toothbrush.ingest.application.port.PointWriter;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.point.Point;

/**
 * F3: the {@code lp:} backend never reports points as written that did not all reach the file. On a real
 * full file system (a 64 KiB tmpfs, mounted when the tests run as root) and on a stream that fails after N
 * bytes, the dataset fails with a {@link PointSinkException} from write or commit.
 */
class LineProtocolFullDiskTest {
    private static final int POINTS = 25_000;
    private static final long T0 = 1_595_896_877_637_498_000L;
    private static final Dataset DATASET = new Dataset("ds-full", "tb-42", "brushing.csv", "settings.jsonl");

    @TempDir
    Path dir;

    private Path mountPoint;

    @AfterEach
    void unmount() throws Exception {
        if (mountPoint != null) {
            run("umount", mountPoint.toString());
        }
    }

    @Test
    @DisplayName("F3: lp:PATH on a full disk fails the dataset with a PointSinkException, never completes")
    void F3_fullDisk_failsTheDatasetInsteadOfCompleting() throws Exception {
        Path target = fileOnFullDisk();
        PointSinkException failed;
        try (LlamaDbClient client = LlamaDb.connect("lp:" + target)) {
            failed = assertThrows(PointSinkException.class, () -> writeAndCommit(client));
        }
        assertEquals(FailureReason.DATABASE_UNAVAILABLE, failed.reason());
        assertTrue(failed.getMessage().contains("ds-full"), failed.getMessage());
        assertTrue(failed.getMessage().toLowerCase().contains("no space left"), failed.getMessage());
    }

    @Test
    @DisplayName("F3: lp:/dev/full (a device written as a stream) fails the dataset, never completes")
    void F3_deviceThatIsAlwaysFull_failsTheDataset() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "Linux only");
        PointSinkException failed;
        try (LlamaDbClient client = LlamaDb.connect("lp:/dev/full")) {
            failed = assertThrows(PointSinkException.class, () -> writeAndCommit(client));
        }
        assertTrue(failed.getMessage().toLowerCase().contains("no space left"), failed.getMessage());
    }

    @Test
    @DisplayName("F3: a stream that refuses bytes after 64 KiB fails the dataset at write or commit")
    void F3_streamThatFailsMidway_failsTheDataset() {
        FailingAfter out = new FailingAfter(64 * 1024);
        try (LlamaDbClient client = LineProtocolClient.toStream("lp:-", out)) {
            PointSinkException failed = assertThrows(PointSinkException.class, () -> writeAndCommit(client));
            assertTrue(failed.getMessage().contains("cannot write"), failed.getMessage());
        } catch (PointSinkException closing) {
            // closing a broken stream may fail too; the dataset's failure is what counts here
        }
        assertTrue(out.refused > 0);
    }

    @Test
    @DisplayName("F3: a stream whose flush fails fails the commit")
    void F3_streamWhoseFlushFails_failsTheCommit() {
        OutputStream out = new ByteArrayOutputStream() {
            @Override
            public void flush() throws IOException {
                throw new IOException("flush refused");
            }
        };
        LlamaDbClient client = LineProtocolClient.toStream("lp:-", out);
        PointSinkException failed = assertThrows(PointSinkException.class, () -> {
            try (PointWriter writer = new LlamaDbPointSink(client).open(DATASET)) {
                writer.write(points(10));
                writer.commit();
            }
        });
        assertTrue(failed.getMessage().contains("flush refused"), failed.getMessage());
    }

    private static void writeAndCommit(LlamaDbClient client) {
        try (PointWriter writer = new LlamaDbPointSink(client).open(DATASET)) {
            for (int from = 0; from < POINTS; from += 5_000) {
                writer.write(points(from, 5_000));
            }
            writer.commit();
        }
    }

    private static List<Point> points(int count) {
        return points(0, count);
    }

    private static List<Point> points(int from, int count) {
        List<Point> batch = new ArrayList<>(count);
        for (int tick = from; tick < from + count; tick++) {
            batch.add(new Point.Brushing(
                    T0 + tick * 250_000_000L, new BrushingEvent(tick, tick % 32, (tick % 1_000) / 1_000.0, List.of())));
        }
        return batch;
    }

    /** A file on a freshly mounted 64 KiB tmpfs; as non-root, a file on a stream-limited sink is tested instead. */
    private Path fileOnFullDisk() throws Exception {
        mountPoint = Files.createDirectory(dir.resolve("tiny"));
        if (run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint.toString()) != 0) {
            mountPoint = null;
            org.junit.jupiter.api.Assumptions.abort("mounting a tmpfs needs root; the stream test covers the rest");
        }
        Path target = mountPoint.resolve("points.lp");
        assertFalse(Files.exists(target));
        return target;
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command));
        return process.exitValue();
    }

    /** An output stream that takes {@code limit} bytes and then fails every write. */
    private static final class FailingAfter extends OutputStream {
        private long room;
        long refused;

        FailingAfter(long limit) {
            room = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > room) {
                refused += length;
                throw new IOException("No space left on device");
            }
            room -= length;
        }
    }
}
