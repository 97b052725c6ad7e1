/**
 * The synthetic data generator: {@link toothbrush.ingest.generator.DatasetGenerator} writes a synthetic
 * dataset of any size in one streaming pass, deterministic for a seed, with the faults SPEC.md names
 * injected at given rates, and the report figures an ingest of it must give. Used by bootstrap's
 * {@code generate} command, the benchmarks and the tests; it depends on nothing but the JDK and the domain.
 */
package toothbrush.ingest.generator;
