package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code --db} help of every command that writes names every accepted form and where a server's token comes from. */
class DbHelpTest {
    /** LLAMADB_TOKEN on its own, not as the start of LLAMADB_TOKEN_FILE. */
    private static final Pattern TOKEN = Pattern.compile("\\bLLAMADB_TOKEN\\b(?!_)");
    /** The line of the option after --db in the option list. */
    private static final Pattern NEXT_OPTION = Pattern.compile("\\n\\s+-");

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "worker", "validate"})
    @DisplayName("--help of ingest, worker and validate: --db takes duckdb:, lp:, lp:- and http(s)://, with"
            + " LLAMADB_TOKEN or LLAMADB_TOKEN_FILE")
    void dbHelp_namesEveryFormAndTheTokenVariables(String command) {
        InProcess.Run help = InProcess.run(command, "--help");
        assertEquals(0, help.exit(), help.err());
        // The option list comes after the synopsis: its --db entry runs to the next option's line. picocli wraps
        // the description, also after a '.' or a '/': compare without white space.
        String entry = help.out().substring(help.out().lastIndexOf("--db=URI") + "--db=URI".length());
        Matcher next = NEXT_OPTION.matcher(entry);
        String db = next.find() ? entry.substring(0, next.start()) : entry;
        String packed = db.replaceAll("\\s+", "");
        for (String form : new String[] {
            "duckdb:PATH", "lp:PATH", "lp:-", "http(s)://", "LLAMADB_TOKEN_FILE", "(default: duckdb:llamadb.duckdb)"
        }) {
            assertTrue(packed.contains(form.replace(" ", "")), form + " in: " + db);
        }
        assertTrue(TOKEN.matcher(db).find(), "LLAMADB_TOKEN in: " + db);
    }
}
