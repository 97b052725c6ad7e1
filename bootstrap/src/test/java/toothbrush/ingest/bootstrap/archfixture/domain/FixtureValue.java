package toothbrush.ingest.bootstrap.archfixture.domain;

/** Fixture: a domain type that wrongly reaches out to the application layer. */
public final class FixtureValue {
    /** Crosses inward-to-outward on purpose. */
    public Object wrong() {
        return new toothbrush.ingest.bootstrap.archfixture.application.FixtureService();
    }
}
