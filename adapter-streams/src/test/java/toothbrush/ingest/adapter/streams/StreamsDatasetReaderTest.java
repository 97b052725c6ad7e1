package toothbrush.ingest.adapter.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toothbrush.ingest.adapter.streams.source.ByteSource;
import toothbrush.ingest.adapter.streams.source.ByteSources;
import toothbrush.ingest.adapter.streams.source.SourceUnavailableException;
import toothbrush.ingest.application.port.Dataset;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.report.FailureReason;
import toothbrush.ingest.domain.event.BrushingEvent;
import toothbrush.ingest.domain.event.SettingsUpdate;

/** The DatasetReader port over files: both streams, gzip, and how failures are reported. */
class StreamsDatasetReaderTest {
    private static final String BRUSHING = "tick,tooth,percent_clean\n16,3,0.5\n17,4,0.75\n";
    private static final String SETTINGS =
            "{\"timestamp\":1595896877.5,\"tick\":16,\"battery\":0.9,\"tick_interval\":0.25}\n";
    private static final StreamSettings FAST_RETRIES = StreamSettings.defaults()
            .withMaxAttempts(3)
            .withBackoff(Duration.ofMillis(1), 2.0, Duration.ofMillis(4), 0.5);

    @TempDir
    Path dir;

    private Dataset dataset(Path brushing, Path settings) {
        return new Dataset("ds-1", "tb-42", brushing.toString(), settings.toString());
    }

    @Test
    void reader_readsBothStreamsOfADataset() throws IOException {
        Path b = Files.writeString(dir.resolve("brushing.csv"), BRUSHING);
        Path s = Files.writeString(dir.resolve("settings.jsonl"), SETTINGS);
        StreamsDatasetReader reader = new StreamsDatasetReader();
        LineStream<BrushingEvent> brushing = reader.openBrushing(dataset(b, s));
        assertEquals(BRUSHING.length(), brushing.totalBytes());
        assertEquals(
                List.of("1 header", "2 tick=16 tooth=3 pct=0.5", "3 tick=17 tooth=4 pct=0.75"),
                Rendering.readAll(brushing));
        assertEquals(BRUSHING.length(), brushing.bytesRead());
        LineStream<SettingsUpdate> settings = reader.openSettings(dataset(b, s));
        assertEquals(
                List.of("1 ts=1595896877.5 tick=16 battery=0.9 interval=0.25 dropped=0"), Rendering.readAll(settings));
    }

    @Test
    void gzip_isDetectedByContent_notByName() throws IOException {
        Path gzippedCsv = Files.write(dir.resolve("brushing.csv"), TestInputs.gzip(TestInputs.utf8(BRUSHING)));
        Path plainGz = Files.writeString(dir.resolve("settings.jsonl.gz"), SETTINGS);
        Path plainCsv = Files.writeString(dir.resolve("plain.csv"), BRUSHING);
        Path gzippedJson = Files.write(dir.resolve("settings.bin"), TestInputs.gzip(TestInputs.utf8(SETTINGS)));
        StreamsDatasetReader reader = new StreamsDatasetReader();

        LineStream<BrushingEvent> gz = reader.openBrushing(dataset(gzippedCsv, plainGz));
        assertEquals(Rendering.readAll(reader.openBrushing(dataset(plainCsv, plainGz))), Rendering.readAll(gz));
        assertEquals(Files.size(gzippedCsv), gz.bytesRead(), "bytesRead counts compressed bytes");
        assertEquals(
                Rendering.readAll(reader.openSettings(dataset(plainCsv, plainGz))),
                Rendering.readAll(reader.openSettings(dataset(plainCsv, gzippedJson))));
    }

    @Test
    void aMissingFile_isNotRetryable_andNamesThePath() {
        Path missing = dir.resolve("nope.csv");
        StreamException e = assertThrows(
                StreamException.class, () -> new StreamsDatasetReader().openBrushing(dataset(missing, missing)));
        assertEquals(
                "dataset ds-1: brushing stream " + missing + " cannot be opened: no such file: " + missing,
                e.getMessage());
        assertFalse(e.retryable());
        assertEquals(StreamName.BRUSHING, e.stream());
        assertEquals(-1, e.byteOffset());
    }

    @Test
    void anUnsupportedScheme_isNotRetryable_andNamesTheUri() {
        Dataset ds = new Dataset("ds-1", "tb-42", "/x.csv", "s3://bucket/s.jsonl");
        StreamException e = assertThrows(StreamException.class, () -> new StreamsDatasetReader().openSettings(ds));
        assertEquals(
                "dataset ds-1: settings stream s3://bucket/s.jsonl cannot be opened: unsupported "
                        + "stream URI 's3://bucket/s.jsonl': scheme 's3' is not supported (use a file path, a file: URI or "
                        + "an http(s):// URL)",
                e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void anIoFailureOnOpen_isRetriedUpToTheLimit_andEndsRetryable_namingTheLastError() {
        AtomicInteger opens = new AtomicInteger();
        StreamsDatasetReader reader = new StreamsDatasetReader(FAST_RETRIES, uri -> new FakeSource(uri) {
            @Override
            public InputStream open(long offset) throws IOException {
                opens.incrementAndGet();
                throw new SocketException("Connection refused");
            }
        });
        StreamException e = assertThrows(
                StreamException.class, () -> reader.openBrushing(new Dataset("ds-1", "tb-42", "mem:b", "mem:s")));
        assertEquals(
                "dataset ds-1: brushing stream mem:b cannot be opened: gave up after 3 attempts, last error: "
                        + "Connection refused",
                e.getMessage());
        assertTrue(e.retryable());
        assertEquals(3, opens.get());
    }

    @Test
    void anUnavailableSourceOnOpen_isTriedOnce_andNotRetryable() {
        AtomicInteger opens = new AtomicInteger();
        StreamsDatasetReader reader = new StreamsDatasetReader(FAST_RETRIES, uri -> new FakeSource(uri) {
            @Override
            public InputStream open(long offset) throws IOException {
                opens.incrementAndGet();
                throw new SourceUnavailableException("HTTP 403 Forbidden", null);
            }
        });
        StreamException e = assertThrows(
                StreamException.class, () -> reader.openBrushing(new Dataset("ds-1", "tb-42", "mem:b", "mem:s")));
        assertEquals("dataset ds-1: brushing stream mem:b cannot be opened: HTTP 403 Forbidden", e.getMessage());
        assertFalse(e.retryable());
        assertEquals(1, opens.get());
    }

    @Test
    void aReadFailureThatResumingCannotCure_namesDatasetStreamUriByteAndLine_andIsRetryable() {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            csv.append(i).append(",3,0.5\n");
        }
        byte[] data = TestInputs.utf8(csv.toString());
        int cut = 1_048_576;
        long linesBefore = csv.substring(0, cut).chars().filter(c -> c == '\n').count();
        AtomicInteger opens = new AtomicInteger();
        StreamsDatasetReader reader = new StreamsDatasetReader(FAST_RETRIES, uri -> new FakeSource(uri) {
            @Override
            public InputStream open(long offset) {
                opens.incrementAndGet();
                // every open breaks at the same byte: resuming there never gets further
                InputStream in = TestInputs.failingAfter(data, cut);
                try {
                    in.skipNBytes(offset);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return in;
            }
        });
        LineStream<BrushingEvent> stream = reader.openBrushing(new Dataset("ds-1", "tb-42", "file:/x.csv", "s"));
        long parsed = 0;
        StreamException e = null;
        try {
            while (stream.next() != null) {
                parsed++;
            }
        } catch (StreamException failure) {
            e = failure;
        }
        assertNotNull(e);
        assertEquals(linesBefore, parsed);
        assertEquals(
                "dataset ds-1: brushing stream file:/x.csv failed at byte 1048576 (line " + (linesBefore + 1)
                        + "): gave up after 3 attempts, last error: " + TestInputs.FAILURE_MESSAGE,
                e.getMessage());
        assertTrue(e.retryable());
        assertEquals(1_048_576, e.byteOffset());
        assertEquals(linesBefore + 1, e.lineNumber());
        assertEquals(1 + 3, opens.get(), "the first open, then three attempts to resume at the cut");
        stream.close();
    }

    /** F1 has no permanent code for corrupt data: an upload still in progress can look corrupt, so it is retried. */
    @Test
    void F1_corruptGzipData_isSourceUnavailable_andRetried() throws IOException {
        byte[] gz = TestInputs.gzip(TestInputs.utf8(BRUSHING.repeat(1000)));
        for (int i = 40; i < 60; i++) {
            gz[i] = (byte) 0xFF;
        }
        Path file = Files.write(dir.resolve("b.csv"), gz);
        LineStream<BrushingEvent> stream = new StreamsDatasetReader().openBrushing(dataset(file, file));
        StreamException e = assertThrows(StreamException.class, () -> Rendering.readAll(stream));
        assertEquals(FailureReason.SOURCE_UNAVAILABLE, e.reason());
        assertTrue(e.retryable());
        assertTrue(
                e.getMessage().startsWith("dataset ds-1: brushing stream " + file + " failed at byte "),
                e.getMessage());
    }

    @Test
    void theDefaultSources_areByteSourcesForUri() throws IOException {
        Path b = Files.writeString(dir.resolve("b.csv"), BRUSHING);
        Dataset ds = new Dataset("ds-1", "tb-42", b.toUri().toString(), b.toString());
        ByteSources sources = new ByteSources(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertEquals(
                Rendering.readAll(new StreamsDatasetReader(FAST_RETRIES, sources::forUri).openBrushing(ds)),
                Rendering.readAll(new StreamsDatasetReader().openBrushing(ds)));
    }

    /** A source over no bytes named by its URI. */
    private static class FakeSource implements ByteSource {
        private final String uri;

        FakeSource(String uri) {
            this.uri = uri;
        }

        @Override
        public InputStream open(long offset) throws IOException {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public String describe() {
            return uri;
        }

        @Override
        public long size() {
            return -1;
        }
    }
}
