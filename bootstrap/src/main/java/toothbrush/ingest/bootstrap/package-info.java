/**
 * Wiring and the command line: {@link toothbrush.ingest.bootstrap.Main} builds the adapters with plain
 * {@code new} and runs the {@code ingest} command; the runnable jar is bootstrap/target/toothbrush-ingest.jar.
 */
package toothbrush.ingest.bootstrap;
