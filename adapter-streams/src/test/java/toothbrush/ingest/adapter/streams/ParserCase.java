package toothbrush.ingest.adapter.streams;

import java.util.List;

/**
 * One table case: the SPEC rule it checks, the stream's bytes, and every line the parser must hand
 * out, rendered by {@link Rendering}.
 */
record ParserCase(String rule, String name, byte[] input, List<String> expected) {

    static ParserCase of(String rule, String name, byte[] input, String... expected) {
        return new ParserCase(rule, name, input, List.of(expected));
    }

    static ParserCase of(String rule, String name, String input, String... expected) {
        return of(rule, name, TestInputs.utf8(input), expected);
    }

    @Override
    public String toString() {
        return rule + ": " + name;
    }
}
