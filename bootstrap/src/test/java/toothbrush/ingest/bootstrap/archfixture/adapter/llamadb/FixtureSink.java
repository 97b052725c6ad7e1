package toothbrush.ingest.bootstrap.archfixture.adapter.llamadb;

/** Fixture: a database adapter. */
public final class FixtureSink {}
