/**
 * In-memory fakes of the driven ports and test data factories, published in the application test-jar:
 * {@link toothbrush.ingest.application.testing.InMemoryDatasetReader},
 * {@link toothbrush.ingest.application.testing.InMemoryPointSink}, {@link toothbrush.ingest.application.testing.TestLines}.
 */
package toothbrush.ingest.application.testing;
