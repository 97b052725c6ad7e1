/**
 * Test fixtures other modules may reuse through adapter-streams' test-jar: {@link
 * toothbrush.ingest.adapter.streams.testing.FaultyHttpServer}, an HTTP object server that cuts, stalls,
 * fails and replaces objects on request.
 */
package toothbrush.ingest.adapter.streams.testing;
