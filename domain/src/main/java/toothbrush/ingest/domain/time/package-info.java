/**
 * Exact time: {@link toothbrush.ingest.domain.time.ExactSeconds} holds a decimal number of seconds as the
 * settings stream wrote it, so times are computed without binary noise (A3, P3).
 */
package toothbrush.ingest.domain.time;
