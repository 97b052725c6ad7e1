package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The write URL checks (moved here from HttpLineProtocolClientTest with {@link WriteUrl}). */
class WriteUrlTest {

    @Test
    @DisplayName(
            "P3: a 2.x URL gets precision=ns; 1.x and VictoriaMetrics URLs are used as given (their default is ns)")
    void writeUrls_askForNanoseconds() {
        assertEquals(
                "http://h:8086/api/v2/write?org=o&bucket=b&precision=ns",
                WriteUrl.parse("http://h:8086/api/v2/write?org=o&bucket=b").toString());
        assertEquals(
                "https://h/api/v2/write?precision=ns",
                WriteUrl.parse("https://h/api/v2/write").toString());
        assertEquals(
                "http://h:8086/api/v2/write?bucket=b&precision=ns",
                WriteUrl.parse("http://h:8086/api/v2/write?bucket=b&precision=ns")
                        .toString());
        assertEquals(
                "http://127.0.0.1:8086/write?db=toothbrush",
                WriteUrl.parse("http://127.0.0.1:8086/write?db=toothbrush").toString());
        assertEquals(
                "http://vm:8428/write", WriteUrl.parse("http://vm:8428/write").toString());
    }

    @Test
    @DisplayName("Unusable write URLs are refused with the reason, never echoing a password")
    void unusableUrls_areRefused() {
        IllegalArgumentException precision = assertThrows(
                IllegalArgumentException.class,
                () -> WriteUrl.parse("http://h:8086/write?db=x&precision=ms&u=me&p=secret"));
        assertEquals(
                "invalid LlamaDB URL 'http://h:8086/write?db=x&precision=ms&u=me&p=***': points are written"
                        + " with nanosecond timestamps; drop precision=ms or use precision=ns",
                precision.getMessage());
        IllegalArgumentException userInfo = assertThrows(
                IllegalArgumentException.class, () -> WriteUrl.parse("http://me:secret@h:8086/write?db=x"));
        assertFalse(userInfo.getMessage().contains("secret"), userInfo.getMessage());
        assertTrue(userInfo.getMessage().contains("LLAMADB_TOKEN"), userInfo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WriteUrl.parse("http:///write?db=x"));
        assertThrows(IllegalArgumentException.class, () -> WriteUrl.parse("http://h/write#x"));
        assertThrows(IllegalArgumentException.class, () -> WriteUrl.parse("http://h/wr ite"));
    }

    @Test
    @DisplayName("F4: a URL the URI parser refuses is reported by reason and index, never quoted whole")
    void F4_malformedUrl_isNotQuoted() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> WriteUrl.parse("http://h/write?db=x&p=pass word"));
        assertFalse(refused.getMessage().contains("pass"), refused.getMessage());
        assertTrue(refused.getMessage().contains("p=***"), refused.getMessage());
    }
}
