package toothbrush.ingest.bootstrap.namingfixture;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Test methods named against the convention, for {@code TestNamingTest} to show its rule fails. Never run:
 * the class name matches neither surefire's nor failsafe's patterns, and the real check does not import it.
 */
class NamingFixture {
    @Test
    void idleBackoffDoubles() {}

    @Test
    void givenEmptyQueue_poll_returnsEmpty() {}

    @ParameterizedTest
    @ValueSource(ints = 1)
    void B7_aSmallerTick_isRetried_thenRejected(int tick) {}

    @RepeatedTest(1)
    void Capitalised_subject() {}

    @TestFactory
    Stream<DynamicTest> dynamicTests() {
        return Stream.empty();
    }

    @Test
    void emptyQueue_poll_returnsEmpty() {}

    void helperWithAnyName() {}
}
