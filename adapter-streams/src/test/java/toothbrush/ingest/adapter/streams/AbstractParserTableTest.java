package toothbrush.ingest.adapter.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.retry.RetryConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import toothbrush.ingest.application.port.LineStream;
import toothbrush.ingest.application.port.ParsedLine;

/**
 * Runs a parser's table of {@link ParserCase}s every way its bytes may arrive: in large reads, one
 * byte per read, gzipped, gzipped one byte per read, broken after every byte (or every few hundredth
 * of a long case) and resumed there, plain and gzipped, and cut off by an I/O failure half way (the
 * lines before the failure as expected, then a {@link StreamException} naming the byte offset and line).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractParserTableTest {
    static final String DATASET = "ds-1";
    static final String URI = "mem:case";
    /** One attempt per resume suffices: the breaking source always opens. */
    private static final RetryConfig RESUME_AT_ONCE =
            ResumingInputStream.retryConfig(StreamSettings.defaults().withMaxAttempts(1));

    /** The table. */
    abstract List<ParserCase> cases();

    /** Which stream the parser reads. */
    abstract StreamName stream();

    /** The parser under test over {@code input}. */
    abstract LineStream<?> parser(StreamInput input);

    Stream<Arguments> casesByMode() {
        return cases().stream()
                .flatMap(c -> Arrays.stream(TestInputs.Mode.values()).map(m -> Arguments.of(c, m)));
    }

    Stream<Arguments> casesToCut() {
        return cases().stream()
                .filter(c -> c.input().length > 0)
                .flatMap(c -> Stream.of(
                        Arguments.of(c, false, c.input().length / 2),
                        Arguments.of(c, true, c.input().length / 2),
                        Arguments.of(c, false, 0)));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("casesByMode")
    void tableCase_parsesToTheExpectedLines(ParserCase c, TestInputs.Mode mode) {
        StreamInput input = new StreamInput(DATASET, stream(), URI, mode.open(c.input()), c.input().length);
        assertEquals(c.expected(), Rendering.readAll(parser(input)), c.toString());
    }

    Stream<Arguments> casesPlainAndGzip() {
        return cases().stream().flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "{0} [gzip: {1}]")
    @MethodSource("casesPlainAndGzip")
    void tableCase_brokenAfterEveryByteAndResumed_parsesToTheExpectedLines(ParserCase c, boolean gzip)
            throws IOException {
        byte[] raw = gzip ? TestInputs.gzip(c.input()) : c.input();
        TestInputs.BreakingSource source = TestInputs.breakingEvery(raw, Math.max(1, raw.length / 500));
        StreamInput input = new StreamInput(
                DATASET,
                stream(),
                URI,
                ResumingInputStream.open(source, RESUME_AT_ONCE, DATASET + ": " + URI),
                raw.length);
        LineStream<?> parser = parser(input);
        assertEquals(c.expected(), Rendering.readAll(parser), c.toString());
        assertEquals(raw.length, parser.bytesRead());
        assertEquals(source.breaks() + 1, source.opens(), "each break re-opened once, where it broke");
    }

    @ParameterizedTest(name = "{0} [one byte per read: {1}, cut at byte {2}]")
    @MethodSource("casesToCut")
    void tableCase_cutByAnIoFailure_givesTheLinesBeforeItThenAStreamException(ParserCase c, boolean oneByte, int cut) {
        var raw = TestInputs.failingAfter(c.input(), cut);
        StreamInput input = new StreamInput(
                DATASET, stream(), URI, oneByte ? TestInputs.oneBytePerRead(raw) : raw, c.input().length);
        long completeLines = 0;
        for (int i = 0; i < cut; i++) {
            if (c.input()[i] == '\n') {
                completeLines++;
            }
        }
        List<String> expectedBefore = new ArrayList<>();
        for (String line : c.expected()) {
            if (Long.parseLong(line.substring(0, line.indexOf(' '))) <= completeLines) {
                expectedBefore.add(line);
            }
        }
        List<String> before = new ArrayList<>();
        LineStream<?> parser = parser(input);
        StreamException e = assertThrows(StreamException.class, () -> {
            ParsedLine<?> line;
            while ((line = parser.next()) != null) {
                before.add(Rendering.render(line));
            }
        });
        parser.close();
        assertEquals(expectedBefore, before, c.toString());
        assertEquals(
                "dataset ds-1: " + stream().label() + " stream mem:case failed at byte " + cut + " (line "
                        + (completeLines + 1) + "): " + TestInputs.FAILURE_MESSAGE,
                e.getMessage());
        assertTrue(e.retryable());
        assertEquals(cut, e.byteOffset());
        assertEquals(completeLines + 1, e.lineNumber());
        assertEquals(cut, parser.bytesRead());
        // a failed stream stays failed
        assertThrows(StreamException.class, parser::next);
    }

    @Test
    void everyCase_namesItsRule() {
        for (ParserCase c : cases()) {
            assertTrue(c.rule().matches("[LBSAP]\\d+(-[LBSAP]?\\d+)?"), c.toString());
        }
    }

    @Test
    void bytesRead_andTotalBytes_countTheRawBytes() {
        byte[] data = cases().get(0).input();
        LineStream<?> parser = parser(new StreamInput(DATASET, stream(), URI, new ByteArrayInputStream(data), 1234));
        assertEquals(0, parser.bytesRead());
        Rendering.readAll(parser);
        assertEquals(data.length, parser.bytesRead());
        assertEquals(1234, parser.totalBytes());
    }
}
