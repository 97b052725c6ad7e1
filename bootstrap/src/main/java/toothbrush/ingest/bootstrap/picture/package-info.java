/**
 * The page of a dataset (V7-V11): {@link toothbrush.ingest.bootstrap.picture.PicturePage} renders a report as one
 * self-contained HTML file with inline SVG, written by a small escaping {@link toothbrush.ingest.bootstrap.picture.Xml}
 * writer; {@link toothbrush.ingest.bootstrap.picture.Pictures} names and writes it atomically.
 */
package toothbrush.ingest.bootstrap.picture;
