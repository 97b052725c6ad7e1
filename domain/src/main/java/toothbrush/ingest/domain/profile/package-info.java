/**
 * The profile of a dataset (V1-V6): where its data is and is not, in at most 1,024 bins over its tick range and
 * one entry per tooth, built by {@link toothbrush.ingest.domain.profile.MergingProfile} in the one pass, in fixed
 * memory.
 */
package toothbrush.ingest.domain.profile;
