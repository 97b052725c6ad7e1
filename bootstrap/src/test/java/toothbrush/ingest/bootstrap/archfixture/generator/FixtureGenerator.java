package toothbrush.ingest.bootstrap.archfixture.generator;

/** Fixture: a generator that wrongly reaches into the application layer. */
public final class FixtureGenerator {
    /** Crosses generator-to-application on purpose. */
    public Object wrong() {
        return new toothbrush.ingest.bootstrap.archfixture.application.FixtureService();
    }
}
