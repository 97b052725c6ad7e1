/**
 * Small rules shared by the use case and the adapters, which may not share code with each other (each
 * adapter depends on the application and the domain only): the one backoff policy of every retry and wait
 * ({@link toothbrush.ingest.application.support.Backoff}), the argument checks of settings
 * ({@link toothbrush.ingest.application.support.Checks}) and how an exception is told in a message
 * ({@link toothbrush.ingest.application.support.Throwables}). Pure Java: no library, no I/O.
 */
package toothbrush.ingest.application.support;
