package toothbrush.ingest.application.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatasetTest {
    private static Dataset withIds(String datasetId, String toothbrushId) {
        return new Dataset(datasetId, toothbrushId, "b.csv", "s.jsonl");
    }

    private static String refusal(String datasetId, String toothbrushId) {
        return assertThrows(IllegalArgumentException.class, () -> withIds(datasetId, toothbrushId))
                .getMessage();
    }

    @Test
    void U6_idsOfOneTo256Characters_withAnyUnicode_areValid() {
        withIds("d", "t");
        withIds("x".repeat(256), "🪥".repeat(256)); // 256 characters, 512 UTF-16 units
        withIds("ds with spaces, ünïcödé and a \\ inside", " ");
    }

    @Test
    void U6_emptyOrLongerThan256Characters_isRefused() {
        assertEquals("dataset id must be 1 to 256 characters, not 0", refusal("", "t"));
        assertEquals("toothbrush id must be 1 to 256 characters, not 257", refusal("d", "🪥".repeat(257)));
    }

    @Test
    void U6_controlCharacters_unpairedSurrogates_andATrailingBackslash_areRefused_withoutQuotingTheId() {
        assertEquals("dataset id must not contain control characters", refusal("a\nb", "t"));
        assertEquals("dataset id must not contain control characters", refusal("a\u0085b", "t"));
        assertEquals("toothbrush id is not valid Unicode (an unpaired surrogate)", refusal("d", "x\uD800y"));
        String secret = "tb-secret\\";
        String message = refusal("d", secret);
        assertEquals("toothbrush id must not end in a backslash", message);
        assertFalse(message.contains("secret"));
    }
}
