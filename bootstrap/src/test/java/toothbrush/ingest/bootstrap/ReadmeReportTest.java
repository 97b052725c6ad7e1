package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's "Reading a report" shows an {@code ingest} command of the bundled sample and the report it prints.
 * This runs that command (its {@code sample/} paths from the repository root, points to a throwaway file) and
 * requires the README's report, parsed as JSON, to be the one the command printed, but for the profile, which the
 * README elides and samples (one bin, one tooth) in a third block that must appear in the run's profile. The report
 * holds nothing that varies between runs (no durations, no paths), so nothing is normalised.
 */
class ReadmeReportTest {
    private static final String SECTION = "## Reading a report";
    private static final String PROFILE_ELIDED = "\"profile\":{...}";
    private static final String JAR_COMMAND = "java -jar bootstrap/target/toothbrush-ingest.jar ";
    /** Exact decimals, so 3.65 in the README must be 3.65 in the report. */
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    Path work;

    /** The repository root: the README's commands run there. */
    private static Path root() {
        return Path.of(System.getProperty("toothbrush.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    @Test
    @DisplayName("README's example report is what its ingest command prints for the bundled sample, value for value")
    void readmeReport_isWhatTheSampleIngestPrints() throws Exception {
        List<String> section = section(Files.readAllLines(root().resolve("README.md"), StandardCharsets.UTF_8));
        List<List<String>> blocks = indentedBlocks(section);
        assertTrue(
                blocks.size() >= 3,
                "a command block, a report block and a profile block under " + SECTION + ": " + blocks);
        String command = String.join(" ", blocks.get(0));
        assertTrue(command.startsWith(JAR_COMMAND + "ingest "), "the first block runs ingest: " + command);
        String readmeReport = String.join("\n", blocks.get(1));

        List<String> args = new ArrayList<>();
        for (String arg : command.substring(JAR_COMMAND.length()).split("\\s+")) {
            // the README runs from the repository root
            args.add(arg.startsWith("sample/") ? root().resolve(arg).toString() : arg);
        }
        assertTrue(
                args.containsAll(List.of("sample/brushing.csv", "sample/settings.jsonlines").stream()
                        .map(path -> root().resolve(path).toString())
                        .toList()),
                "the command ingests the sample: " + command);
        if (!args.contains("--db")) {
            // the default, duckdb:llamadb.duckdb, would land in this module's directory; the report is the same
            args.addAll(List.of("--db", "lp:" + work.resolve("points.lp")));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        assertEquals(1, printed.lines().count(), "one report line: " + printed);

        // The README elides the profile as "profile":{...} and shows one bin and one tooth of it in a block below.
        assertTrue(readmeReport.contains(PROFILE_ELIDED), "the README's report elides the profile: " + readmeReport);
        ObjectNode expected = (ObjectNode) JSON.readTree(readmeReport.replace(PROFILE_ELIDED, "\"profile\":null"));
        ObjectNode actual = (ObjectNode) JSON.readTree(printed);
        JsonNode profile = actual.replace("profile", NullNode.getInstance());
        assertEquals(
                actual,
                expected,
                "README.md's report under '" + SECTION + "' differs from what\n  " + command
                        + "\nprints; replace the README's block with (wrapped as you like):\n" + printed);

        JsonNode sample = JSON.readTree(String.join("\n", blocks.get(2)));
        assertEquals(profile.get("bin_ticks"), sample.get("bin_ticks"), "bin_ticks");
        for (String list : List.of("bins", "teeth")) {
            assertTrue(sample.get(list).size() > 0, "the README shows some " + list);
            for (JsonNode shown : sample.get(list)) {
                boolean found = false;
                for (JsonNode real : profile.get(list)) {
                    found |= real.equals(shown);
                }
                assertTrue(
                        found,
                        "README.md's profile " + list + " entry " + shown + " is not in the run's profile:\n"
                                + profile.get(list));
            }
        }
    }

    /** The lines of the README section, up to the next heading of the same level. */
    private static List<String> section(List<String> readme) {
        int start = readme.indexOf(SECTION);
        assertTrue(start >= 0, "README.md has no '" + SECTION + "' section");
        int end = start + 1;
        while (end < readme.size() && !readme.get(end).startsWith("## ")) {
            end++;
        }
        return readme.subList(start + 1, end);
    }

    /** The section's code blocks (lines indented by four spaces), each line without the indentation. */
    private static List<List<String>> indentedBlocks(List<String> lines) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        for (String line : lines) {
            if (line.startsWith("    ")) {
                if (block == null) {
                    block = new ArrayList<>();
                    blocks.add(block);
                }
                block.add(line.substring(4).strip());
            } else if (!line.isBlank()) {
                block = null;
            }
        }
        return blocks;
    }
}
