package toothbrush.ingest.bootstrap.archfixture.adapter.streams;

/** Fixture: a stream adapter that wrongly uses the database adapter. */
public final class FixtureReader {
    /** Crosses adapter-to-adapter on purpose. */
    public Object wrong() {
        return new toothbrush.ingest.bootstrap.archfixture.adapter.llamadb.FixtureSink();
    }
}
