package toothbrush.ingest.bootstrap;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import toothbrush.ingest.adapter.llamadb.DuckDbQuery;

/**
 * {@code query}: runs one SQL query against the embedded DuckDB database in a sandbox and prints
 * tab-separated rows. The database is opened read-only, without access to any other file or the network
 * ({@code enable_external_access=false}), without installing or loading extensions, and with its
 * configuration locked; only one statement is accepted, and only one that returns rows. A refused query
 * fails before it runs, so it has no side effect.
 */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = "Runs one SQL query that returns rows against a duckdb: database, in a read-only sandbox"
                + " (no other files, no network, no extensions), and prints tab-separated rows with a header.")
final class QueryCommand implements Callable<Integer> {
    private final Main.Console console;

    @Option(
            names = "--db",
            paramLabel = "URI",
            defaultValue = Wiring.DEFAULT_DB,
            description = "The database: duckdb:PATH (default: ${DEFAULT-VALUE}).")
    String db;

    @Parameters(index = "0", paramLabel = "SQL", description = "The query, e.g. \"SELECT count(*) FROM brushing\".")
    String sql;

    QueryCommand(Main.Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (!DuckDbQuery.accepts(db)) {
            console.err().println("toothbrush-ingest query: --db must be duckdb:PATH, not '" + db + "'");
            return Main.EXIT_USAGE;
        }
        try {
            DuckDbQuery.run(db, sql, new DuckDbQuery.Rows() {
                @Override
                public void header(List<String> labels) {
                    console.out().println(String.join("\t", labels));
                }

                @Override
                public void row(List<String> values) {
                    console.out().println(String.join("\t", values));
                }
            });
            console.out().flush();
            return Main.EXIT_COMPLETED;
        } catch (DuckDbQuery.QueryException e) {
            console.out().flush();
            console.err().println("toothbrush-ingest query: " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
    }
}
