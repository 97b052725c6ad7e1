/**
 * The {@code generate} command: the command line of {@link toothbrush.ingest.generator.DatasetGenerator}
 * (module {@code generator}), which writes a synthetic dataset of any size in one streaming pass,
 * deterministic for a seed, with the faults SPEC.md names injected at given rates, and the report figures
 * an ingest of it must give.
 */
package toothbrush.ingest.bootstrap.generate;
