package toothbrush.ingest.bootstrap.archfixture.bootstrap;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Crosses a rule on purpose: wiring that opens a database connection itself. */
public final class FixtureQuery {
    private FixtureQuery() {}

    public static Connection open(String path) throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:" + path);
    }
}
