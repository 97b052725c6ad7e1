package toothbrush.ingest.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import toothbrush.ingest.bootstrap.generate.GenerateCommand;

/** A run builds only the subcommand it names; help, version and mistakes see them all. */
class SubcommandsForTest {

    @Test
    void aSubcommandsName_buildsThatSubcommandAlone() {
        assertEquals(List.of(IngestCommand.class), Main.subcommandsFor(new String[] {"ingest", "--help"}));
        assertEquals(List.of(JobsCommand.class), Main.subcommandsFor(new String[] {"jobs", "list"}));
        assertEquals(List.of(GenerateCommand.class), Main.subcommandsFor(new String[] {"generate"}));
    }

    @Test
    void helpVersionOptionsFirstAndMistypedNames_buildThemAll() {
        for (String[] args : List.of(
                new String[] {},
                new String[] {"--help"},
                new String[] {"--version"},
                new String[] {"--log-level", "debug", "ingest"},
                new String[] {"ingets"})) {
            assertEquals(Main.SUBCOMMANDS, Main.subcommandsFor(args), String.join(" ", args));
        }
    }

    @Test
    void subcommands_haveDistinctNames() {
        List<String> names = Main.SUBCOMMANDS.stream()
                .map(c -> c.getAnnotation(Command.class).name())
                .toList();
        assertEquals(names.size(), names.stream().distinct().count(), names.toString());
    }

    @Test
    void aSubcommandBuiltAlone_keepsTheInheritedLogLevelOption() {
        InProcess.Run run = InProcess.run("ingest", "--help");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("--log-level"), run.out());
        InProcess.Run mistyped = InProcess.run("ingets");
        assertEquals(Main.EXIT_USAGE, mistyped.exit());
        assertTrue(mistyped.err().contains("ingest"), mistyped.err());
    }
}
