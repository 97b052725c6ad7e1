package toothbrush.ingest.adapter.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.adapter.streams.source.ByteSource;
import toothbrush.ingest.adapter.streams.source.ByteSources;
import toothbrush.ingest.adapter.streams.testing.FaultyHttpServer;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.LineStream;

/**
 * U1 support: when the job deadline passes, the application interrupts the thread reading the dataset.
 * Whatever the read is blocked in, it must end within about a second with a {@link StreamException}, and
 * must not open or request the source again.
 */
class InterruptTest {
    /** How soon after the interrupt the read must have ended. */
    private static final long PROMPT_MILLIS = 1_000;
    /** Retries that would go on for a long time if an interrupt did not stop them. */
    private static final StreamSettings PATIENT = StreamSettings.defaults()
            .withMaxAttempts(8)
            .withBackoff(Duration.ofSeconds(5), 2.0, Duration.ofSeconds(10), 0.0);

    @TempDir
    Path dir;

    /** A read on its own thread, interrupted once {@code blocked} holds and a little time passed. */
    private static final class Reader {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicLong endedAt = new AtomicLong();
        final CountDownLatch ended = new CountDownLatch(1);
        final Thread thread;

        Reader(StreamsDatasetReader reader, String uri) {
            thread = new Thread(
                    () -> {
                        try {
                            LineStream<?> stream = reader.openBrushing(new Dataset("ds-1", "tb-42", uri, "unused"));
                            try (stream) {
                                while (stream.next() != null) {
                                    // read on
                                }
                            }
                        } catch (Throwable t) {
                            failure.set(t);
                        } finally {
                            endedAt.set(System.nanoTime());
                            ended.countDown();
                        }
                    },
                    "interrupted-reader");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits for {@code blocked}, then {@code settle}, interrupts, and returns the failure it ended with. */
        StreamException interruptWhen(BooleanSupplier blocked, Duration settle) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!blocked.getAsBoolean()) {
                assertTrue(System.nanoTime() < until, "the read never got to where it blocks");
                assertFalse(ended.getCount() == 0, "the read ended before it was interrupted: " + failure.get());
                Thread.sleep(5);
            }
            Thread.sleep(settle.toMillis());
            assertEquals(1, ended.getCount(), "still blocked before the interrupt: " + failure.get());
            long interruptedAt = System.nanoTime();
            thread.interrupt();
            assertTrue(ended.await(10, TimeUnit.SECONDS), "the read ended after the interrupt");
            long millis = (endedAt.get() - interruptedAt) / 1_000_000;
            assertTrue(millis < PROMPT_MILLIS, "ended " + millis + " ms after the interrupt");
            Throwable t = failure.get();
            assertNotNull(t, "the read failed");
            return assertInstanceOf(StreamException.class, t, () -> "a StreamException, not " + t);
        }
    }

    /** File sources that count their opens. */
    private static Function<String, ByteSource> countingFiles(AtomicInteger opens) {
        ByteSources files = new ByteSources(Duration.ofSeconds(1), Duration.ofSeconds(1));
        return uri -> TestInputs.countingOpens(files.forUri(uri), opens);
    }

    @Test
    void U1_aReadBlockedOnAFifoWithAWriterButNoData_endsPromptlyOnInterrupt_withoutReopening() throws Exception {
        Path fifo = dir.resolve("b.fifo");
        Process mkfifo =
                new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, mkfifo.exitValue());
        CountDownLatch writerOpen = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread writer = new Thread(() -> holdWriterOpen(fifo, writerOpen, done), "fifo-writer");
        writer.setDaemon(true);
        writer.start();
        try {
            AtomicInteger opens = new AtomicInteger();
            Reader reader = new Reader(new StreamsDatasetReader(PATIENT, countingFiles(opens)), fifo.toString());
            StreamException e = reader.interruptWhen(() -> writerOpen.getCount() == 0, Duration.ofMillis(300));
            assertEquals(
                    "dataset ds-1: brushing stream " + fifo + " failed at byte 0 (line 1):"
                            + " ClosedByInterruptException",
                    e.getMessage());
            Thread.sleep(300);
            assertEquals(1, opens.get(), "not re-opened after the interrupt");
        } finally {
            done.countDown();
        }
    }

    @Test
    void U1_aReadOfABodyTricklingOneByteEvery1500ms_endsPromptlyOnInterrupt_withoutAnotherRequest() throws Exception {
        byte[] data = TestInputs.utf8("16,3,0.5\n".repeat(100));
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object("/b.csv", data)
                .throttle(1, Duration.ofMillis(1_500))
                .build()) {
            Reader reader = new Reader(new StreamsDatasetReader(PATIENT), server.url("/b.csv"));
            StreamException e = reader.interruptWhen(() -> server.requestsReceived() == 1, Duration.ofMillis(2_000));
            assertTrue(
                    e.getMessage()
                            .matches("dataset ds-1: brushing stream " + server.url("/b.csv")
                                    + " failed at byte [12] \\(line 1\\): interrupted while waiting for the HTTP body"),
                    e.getMessage());
            Thread.sleep(300);
            assertEquals(1, server.exchanges().size(), "no further request after the interrupt");
        }
    }

    @Test
    void U1_aReadOfDevZero_oneEndlessTooLongLine_endsPromptlyOnInterrupt_withoutReopening() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        Reader reader = new Reader(new StreamsDatasetReader(PATIENT, countingFiles(opens)), "/dev/zero");
        StreamException e = reader.interruptWhen(() -> opens.get() == 1, Duration.ofMillis(300));
        assertTrue(
                e.getMessage()
                        .matches("dataset ds-1: brushing stream /dev/zero failed at byte \\d+ \\(line 1\\):"
                                + " ClosedByInterruptException"),
                e.getMessage());
        assertTrue(e.byteOffset() > 1_000_000, "it was reading: " + e.byteOffset());
        Thread.sleep(300);
        assertEquals(1, opens.get(), "not re-opened after the interrupt");
    }

    @Test
    void U1_anOpenSleepingInARetryBackoff_endsPromptlyOnInterrupt_withoutAnotherAttempt() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        StreamsDatasetReader failing = new StreamsDatasetReader(
                PATIENT,
                uri -> TestInputs.countingOpens(
                        new ByteSource() {
                            @Override
                            public InputStream open(long offset) throws IOException {
                                throw new SocketException("Connection refused");
                            }

                            @Override
                            public String describe() {
                                return uri;
                            }

                            @Override
                            public long size() {
                                return -1;
                            }
                        },
                        opens));
        Reader reader = new Reader(failing, "mem:b.csv");
        StreamException e = reader.interruptWhen(() -> opens.get() == 1, Duration.ofMillis(300));
        assertEquals(
                "dataset ds-1: brushing stream mem:b.csv cannot be opened: Connection refused",
                e.getMessage(),
                "the last error, not 'gave up after 8 attempts': the interrupt ended the retries");
        Thread.sleep(300);
        assertEquals(1, opens.get(), "no attempt after the interrupt");
    }

    @Test
    void U1_aResumeSleepingInARetryBackoffOverHttp_endsPromptlyOnInterrupt_withoutAnotherRequest() throws Exception {
        byte[] data = TestInputs.utf8("16,3,0.5\n".repeat(10_000));
        try (FaultyHttpServer server = FaultyHttpServer.builder()
                .object("/b.csv", data)
                .cutAt(40_000)
                .failEvery(2, 503)
                .build()) {
            // request 1 is cut at byte 40000; request 2 (the resume) answers 503; then a 5 s backoff
            Reader reader = new Reader(new StreamsDatasetReader(PATIENT), server.url("/b.csv"));
            StreamException e = reader.interruptWhen(() -> server.exchanges().size() == 2, Duration.ofMillis(300));
            assertEquals(
                    "dataset ds-1: brushing stream " + server.url("/b.csv")
                            + " failed at byte 40000 (line 4445): HTTP 503 Service Unavailable",
                    e.getMessage());
            Thread.sleep(300);
            assertEquals(2, server.exchanges().size(), "no request after the interrupt");
        }
    }

    /** Opens the FIFO for writing (blocks until the reader opens it), says so, and holds it open until done. */
    @SuppressWarnings("try") // javac: `out` is never referenced; it is the FIFO's writer end, held open, never written
    private static void holdWriterOpen(Path fifo, CountDownLatch writerOpen, CountDownLatch done) {
        try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
            writerOpen.countDown();
            done.await();
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }
}
