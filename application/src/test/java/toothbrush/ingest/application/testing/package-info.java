/**
 * In-memory fakes of the driven ports and test data factories, published in the application test-jar:
 * {@link toothbrush.ingest.application.testing.InMemoryDatasetReader},
 * {@link toothbrush.ingest.application.testing.InMemoryPointSink}, {@link toothbrush.ingest.application.testing.TestLines};
 * and the point-sink contract every sink's test extends,
 * {@link toothbrush.ingest.application.testing.AbstractPointSinkContractTest} with
 * {@link toothbrush.ingest.application.testing.StoredPoint}.
 */
package toothbrush.ingest.application.testing;
