/**
 * The page of a dataset (V7-V11): {@link toothbrush.ingest.bootstrap.picture.PicturePage} renders a report as one
 * self-contained HTML file with inline SVG, written by a small escaping {@link toothbrush.ingest.bootstrap.picture.Xml}
 * writer; {@link toothbrush.ingest.bootstrap.picture.Pictures} names and writes it atomically. Each part of the page
 * has its own class: the headline ({@code Headline}), the coverage timeline ({@code CoverageTimeline}),
 * {@code percent_clean} and battery over time ({@code CleanChart}, {@code BatteryChart} on {@code PercentPlot}), the
 * teeth ({@code TeethChart}), the rejected lines ({@code RejectedTable}) and the style sheet ({@code PageStyle}).
 */
package toothbrush.ingest.bootstrap.picture;
