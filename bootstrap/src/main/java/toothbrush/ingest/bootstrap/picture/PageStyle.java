package toothbrush.ingest.bootstrap.picture;

/**
 * V9: the page's look, shared by every section: the style sheet (screen, and one A4 landscape page in print) and the
 * SVG hatch patterns it fills lost ticks and {@code percent_clean} with, so that lost reads without colour. The
 * patterns are referenced by fragment only ({@code url(#lost-hatch)}), never by a URL (V7).
 */
final class PageStyle {

    /** The style sheet, written as it is into {@code <style>}: it holds no {@code <}, {@code &} or {@code >}. */
    static final String CSS = """
            :root { color-scheme: light; --ink: #1a202c; --muted: #4a5568; --line: #cbd5e0; --covered: #2b6cb0;
              --lost: #c53030; --lost-bg: #fde8e8; --clean: #276749; --battery: #6b46c1; }
            * { box-sizing: border-box; }
            html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            body { margin: 0; padding: 12px 16px; font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto,
              "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
            header { display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; margin-bottom: 8px; }
            h1 { font-size: 20px; margin: 0; }
            h1 .id { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
            h2 { font-size: 14px; margin: 0 0 2px; }
            .sub { color: var(--muted); margin: 0; }
            .outcome { font-weight: 700; padding: 1px 6px; border: 1.5px solid currentColor; border-radius: 3px; }
            .outcome.completed { color: #22543d; }
            .outcome.failed { color: var(--lost); }
            .failure { border: 2px solid var(--lost); background: var(--lost-bg); padding: 6px 10px; margin: 0 0 8px; }
            .stats { display: grid; grid-template-columns: 1.5fr 1.5fr repeat(6, minmax(0, 1fr)); gap: 6px;
              margin: 0 0 10px; }
            .stats div { border: 1px solid var(--line); border-radius: 4px; padding: 4px 8px; }
            .stats dt { color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: .03em; }
            .stats dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
            .stats dd small { display: block; font-weight: 400; color: var(--muted); }
            .grid { display: grid; grid-template-columns: 780px minmax(0, 1fr); gap: 10px 24px; }
            figure { margin: 0 0 6px; break-inside: avoid; }
            figcaption { font-size: 12px; color: var(--muted); }
            svg { display: block; width: 100%; height: auto; overflow: visible; }
            svg text { font-size: 11px; fill: var(--ink); }
            svg .axis text { fill: var(--muted); font-size: 10px; }
            svg .axis line, svg .grid-line { stroke: var(--line); stroke-width: 1; }
            svg .frame { fill: none; stroke: var(--line); }
            .covered { fill: var(--covered); }
            .lost-area { fill: url(#lost-hatch); }
            .lost-band { fill: url(#lost-hatch-light); }
            .lost-stretch { fill: var(--lost); stroke: var(--lost); }
            .lost-label { fill: var(--lost); font-weight: 600; }
            .mean { fill: none; stroke: var(--clean); stroke-width: 2; }
            .min { fill: none; stroke: var(--clean); stroke-width: 1.25; stroke-dasharray: 5 3; }
            .battery { fill: none; stroke: var(--battery); stroke-width: 2; }
            .events { fill: var(--covered); }
            .clean { fill: url(#clean-hatch); stroke: var(--clean); }
            .legend { font-size: 12px; color: var(--muted); margin: 2px 0 0; }
            .legend svg { display: inline-block; width: 26px; height: 10px; vertical-align: middle; }
            .stretches { font-size: 12px; margin: 2px 0 0; }
            table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
            th, td { text-align: left; padding: 2px 6px; border-bottom: 1px solid var(--line); }
            td.n, th.n { text-align: right; }
            tfoot td { font-weight: 700; border-bottom: 0; }
            .first { font-size: 12px; margin: 4px 0 0; overflow-wrap: anywhere; }
            .none { color: var(--muted); font-style: italic; }
            @media print {
              @page { size: A4 landscape; margin: 10mm; }
              body { padding: 0; font-size: 11px; }
              .grid { grid-template-columns: 62% minmax(0, 1fr); }
              .stats div { border-color: #888; }
            }
            """;

    private PageStyle() {}

    /** Hatches that tell lost from covered without colour (V9), in an invisible {@code <svg>}. */
    static void patterns(Xml x) {
        x.start(
                "svg",
                "xmlns",
                Charts.SVG_NS,
                "width",
                "0",
                "height",
                "0",
                "style",
                "position:absolute",
                "aria-hidden",
                "true",
                "focusable",
                "false");
        x.start("defs");
        hatch(x, "lost-hatch", "#fde8e8", "#c53030", 1.6);
        hatch(x, "lost-hatch-light", "#fff5f5", "#f56565", 1.2);
        x.start("pattern", "id", "clean-hatch", "width", "4", "height", "4", "patternUnits", "userSpaceOnUse");
        x.empty("rect", "width", "4", "height", "4", "fill", "#f0fff4");
        x.empty("path", "d", "M0 2H4", "stroke", "#276749", "stroke-width", "1");
        x.end();
        x.end();
        x.end();
    }

    private static void hatch(Xml x, String id, String background, String stroke, double width) {
        x.start(
                "pattern",
                "id",
                id,
                "width",
                "6",
                "height",
                "6",
                "patternUnits",
                "userSpaceOnUse",
                "patternTransform",
                "rotate(45)");
        x.empty("rect", "width", "6", "height", "6", "fill", background);
        x.empty("path", "d", "M0 0V6", "stroke", stroke, "stroke-width", Xml.num(width));
        x.end();
    }
}
