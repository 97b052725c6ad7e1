package toothbrush.ingest.adapter.queue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What a queue holds about the latest job of a dataset, read directly from its store by a test.
 *
 * @param state     pending, running, done or failed
 * @param report    the stored report: the final one for done and failed, the last attempt's for pending
 */
record JobSnapshot(String state, int attempts, Instant notBefore, String lastError, JsonNode report) {}
