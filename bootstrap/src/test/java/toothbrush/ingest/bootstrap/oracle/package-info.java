/**
 * Differential testing of the engine against SPEC.md: {@link toothbrush.ingest.bootstrap.oracle.NaiveReference}
 * is a slow, independent reading of the SPEC, {@link toothbrush.ingest.bootstrap.oracle.FaultyDatasetGenerator}
 * makes faulty datasets, and {@link toothbrush.ingest.bootstrap.oracle.OnePassVsNaiveIT} compares the two.
 */
package toothbrush.ingest.bootstrap.oracle;
