package toothbrush.ingest.bootstrap.archfixture.application;

/** Fixture: an application service. */
public final class FixtureService {}
