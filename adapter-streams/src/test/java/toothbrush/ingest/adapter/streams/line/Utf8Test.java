package toothbrush.ingest.adapter.streams.line;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** L5: strict UTF-8, as RFC 3629 and the JDK's strict decoder define it. */
class Utf8Test {

    @ParameterizedTest(name = "L5: {0} -> {1}")
    @CsvSource({
        "'', true",
        "41 42 43, true",
        "7F, true",
        "C2 80, true",
        "DF BF, true",
        "E0 A0 80, true",
        "ED 9F BF, true",
        "EE 80 80, true",
        "EF BF BF, true",
        "F0 90 80 80, true",
        "F4 8F BF BF, true",
        "41 42 43 44 45 46 47 48 C3 A9, true",
        "80, false",
        "BF, false",
        "C0 80, false",
        "C1 BF, false",
        "C2, false",
        "C2 41, false",
        "E0 80 80, false",
        "E0 9F BF, false",
        "ED A0 80, false",
        "ED BF BF, false",
        "E2 82, false",
        "E2 82 41, false",
        "F0 80 80 80, false",
        "F0 8F BF BF, false",
        "F4 90 80 80, false",
        "F5 80 80 80, false",
        "F8 88 80 80 80, false",
        "FE, false",
        "FF, false",
        "F0 9F 98, false",
        "41 42 43 44 45 46 47 48 49 FF, false",
    })
    void L5_sequences_areValidOrMalformed(String hex, boolean valid) {
        byte[] b = hex(hex);
        assertEquals(valid, Utf8.isValid(b, 0, b.length));
        byte[] padded = new byte[b.length + 4];
        System.arraycopy(b, 0, padded, 2, b.length);
        padded[0] = 'x';
        padded[1] = 'y';
        padded[padded.length - 1] = (byte) 0xFF;
        padded[padded.length - 2] = (byte) 0xC3;
        assertEquals(valid, Utf8.isValid(padded, 2, 2 + b.length), "within a range of a larger array");
    }

    @Test
    void L5_agreesWithTheJdkStrictDecoder_onRandomBytes() {
        Random random = new Random(42);
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int[] interesting = {
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
            0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF
        };
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[1 + random.nextInt(12)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) interesting[random.nextInt(interesting.length)];
            }
            boolean jdk;
            try {
                decoder.decode(ByteBuffer.wrap(b));
                jdk = true;
            } catch (CharacterCodingException e) {
                jdk = false;
            }
            assertEquals(
                    jdk,
                    Utf8.isValid(b, 0, b.length),
                    () -> java.util.HexFormat.of().formatHex(b));
        }
    }

    private static byte[] hex(String hex) {
        if (hex.isEmpty()) {
            return new byte[0];
        }
        String[] parts = hex.split(" ");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }
}
