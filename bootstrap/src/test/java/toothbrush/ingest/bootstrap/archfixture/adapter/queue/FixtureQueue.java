package toothbrush.ingest.bootstrap.archfixture.adapter.queue;

/** Fixture: a queue adapter that wrongly uses the test-data generator. */
public final class FixtureQueue {
    /** Crosses adapter-to-generator on purpose. */
    public Object wrong() {
        return new toothbrush.ingest.bootstrap.archfixture.generator.FixtureGenerator();
    }
}
