package toothbrush.ingest.adapter.llamadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F4: the HTTP backend's token from LLAMADB_TOKEN or LLAMADB_TOKEN_FILE, trimmed, checked, never quoted. */
class LlamaDbTokenTest {
    private static final String TOKEN = "tok-PLANTED-2_abc.DEF";

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();

    @Test
    @DisplayName("F4: LLAMADB_TOKEN is trimmed of surrounding white space")
    void F4_tokenVariable_isTrimmed() {
        environment.put("LLAMADB_TOKEN", " \t" + TOKEN + "\r\n");
        assertEquals(TOKEN, LlamaDbToken.resolve(environment::get));
    }

    @Test
    @DisplayName("F4: no variable, or an empty one, means no token")
    void F4_noTokenVariable_meansNoToken() {
        assertNull(LlamaDbToken.resolve(environment::get));
        environment.put("LLAMADB_TOKEN", "");
        environment.put("LLAMADB_TOKEN_FILE", "");
        assertNull(LlamaDbToken.resolve(environment::get));
    }

    @Test
    @DisplayName("F4: LLAMADB_TOKEN_FILE is read and trimmed (a secret file ends in a newline)")
    void F4_tokenFile_isReadAndTrimmed() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        environment.put("LLAMADB_TOKEN_FILE", file.toString());
        assertEquals(TOKEN, LlamaDbToken.resolve(environment::get));
    }

    @Test
    @DisplayName("F4: both variables set is an error")
    void F4_bothVariables_areRefused() throws IOException {
        environment.put("LLAMADB_TOKEN", TOKEN);
        environment.put(
                "LLAMADB_TOKEN_FILE",
                Files.writeString(dir.resolve("token"), TOKEN).toString());
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> LlamaDbToken.resolve(environment::get));
        assertEquals("LLAMADB_TOKEN and LLAMADB_TOKEN_FILE are both set: set only one", refused.getMessage());
    }

    @Test
    @DisplayName("F4: an unreadable token file is an error naming the file")
    void F4_unreadableTokenFile_isNamed() {
        Path missing = dir.resolve("no-such-token");
        environment.put("LLAMADB_TOKEN_FILE", missing.toString());
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> LlamaDbToken.resolve(environment::get));
        assertEquals("cannot read LLAMADB_TOKEN_FILE file " + missing + " (NoSuchFileException)", refused.getMessage());
    }

    @Test
    @DisplayName("F4: a token that is not visible ASCII is refused without quoting it, from the variable or the file")
    void F4_badToken_isRefusedWithoutQuotingIt() throws IOException {
        for (String bad : new String[] {TOKEN + " x", TOKEN + "\u00e9", TOKEN + "\u0007", "\n\n"}) {
            environment.clear();
            environment.put("LLAMADB_TOKEN", bad);
            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> LlamaDbToken.resolve(environment::get));
            assertFalse(refused.getMessage().contains("PLANTED"), refused.getMessage());
            assertTrue(refused.getMessage().startsWith("the token in LLAMADB_TOKEN "), refused.getMessage());

            environment.clear();
            Path file = Files.write(dir.resolve("bad-token"), bad.getBytes(StandardCharsets.UTF_8));
            environment.put("LLAMADB_TOKEN_FILE", file.toString());
            refused = assertThrows(IllegalArgumentException.class, () -> LlamaDbToken.resolve(environment::get));
            assertFalse(refused.getMessage().contains("PLANTED"), refused.getMessage());
        }
    }

    @Test
    @DisplayName("F4: the client is created with the checked token: a bad one fails LlamaDb.connect")
    void F4_connect_validatesTheToken() {
        environment.put("LLAMADB_TOKEN", TOKEN + " and more");
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> LlamaDb.connect(
                        "http://127.0.0.1:9/write?db=x",
                        new ByteArrayOutputStream(),
                        HttpWriteSettings.defaults(),
                        environment::get));
        assertFalse(refused.getMessage().contains("PLANTED"), refused.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> HttpLineProtocolClient.connect("http://127.0.0.1:9/write", HttpWriteSettings.defaults(), "a b"));
    }
}
