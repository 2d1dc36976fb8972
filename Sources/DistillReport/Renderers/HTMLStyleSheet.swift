/// The report's inline CSS: readable on screen and on paper, no external fonts or images.
enum HTMLStyleSheet {
    static let css = """
        :root { --ink: #1d2430; --muted: #5b6472; --line: #d5dae1; --accent: #1f5fa8; --warn: #b3261e;
          --ok: #1e7a3c; --mark: #ffe28a; --paper: #ffffff; --panel: #f5f7fa; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--paper); color: var(--ink);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
        main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
        h1 { font-size: 28px; margin: 4px 0 8px; }
        h2 { font-size: 21px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
        h3 { font-size: 16px; margin: 22px 0 8px; }
        h4 { font-size: 13px; margin: 0 0 6px; color: var(--muted); font-weight: 600; overflow-wrap: anywhere; }
        .kicker { margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; font-size: 12px; }
        .headline { border: 1px solid var(--line); border-left: 8px solid var(--muted); border-radius: 6px;
          padding: 16px 20px; background: var(--panel); }
        .headline.derived { border-left-color: var(--warn); }
        .headline.inconclusive { border-left-color: #c77700; }
        .headline.not-derived { border-left-color: var(--ok); }
        .headline ul { margin: 8px 0 0; padding-left: 20px; }
        .badge { display: inline-block; white-space: nowrap; padding: 1px 9px; border-radius: 10px; font-size: 13px; font-weight: 600;
          border: 1px solid currentColor; }
        .s-overwhelming, .s-strong { color: var(--warn); }
        .s-moderate { color: #a14b00; }
        .s-weak, .s-none { color: var(--muted); }
        .d-derived { color: var(--warn); font-weight: 600; }
        .d-not-derived { color: var(--ok); }
        table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
        th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top;
          overflow-wrap: break-word; }
        th { background: var(--panel); font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .hash { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 12px; }
        pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--panel); padding: 10px;
          border-radius: 4px; font-size: 13px; }
        figure { margin: 12px 0 18px; }
        figcaption { color: var(--muted); font-size: 13px; margin-top: 2px; }
        .charts { display: flex; flex-wrap: wrap; gap: 8px 28px; }
        svg.chart { max-width: 100%; height: auto; font-family: system-ui, "DejaVu Sans", sans-serif; }
        svg .label { font-size: 12px; fill: var(--ink); }
        svg .tick, svg .value { font-size: 11px; fill: var(--muted); }
        svg .axis-label { font-size: 12px; fill: var(--ink); }
        svg .grid { stroke: #e6e9ee; stroke-width: 1; }
        svg .axis { stroke: var(--ink); stroke-width: 1; }
        svg .bar { fill: var(--accent); }
        svg .whisker { stroke: var(--ink); stroke-width: 1.5; }
        svg .marker { stroke: var(--warn); stroke-width: 2; stroke-dasharray: 3 2; }
        svg .threshold { stroke: var(--warn); stroke-width: 1.5; stroke-dasharray: 5 3; }
        svg .threshold-label { font-size: 11px; fill: var(--warn); }
        svg .series { fill: none; stroke: var(--accent); stroke-width: 1.5; }
        svg .dot { fill: var(--accent); stroke: #fff; stroke-width: .8; }
        .evidence { border: 1px solid var(--line); border-radius: 6px; margin: 12px 0; padding: 10px 12px;
          break-inside: avoid; }
        .evidence h3 { margin: 0 0 8px; font-size: 14px; }
        .sides { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
        .passage { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 13.5px; }
        mark { background: var(--mark); color: inherit; padding: 0 1px; }
        .more { color: var(--muted); font-style: italic; }
        .note { color: var(--muted); font-size: 13px; }
        footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
        @media screen and (max-width: 760px) { .sides { grid-template-columns: 1fr; } }
        @media print {
          body { font-size: 10.5pt; }
          main { max-width: none; padding: 0; }
          h2, h3, h4 { break-after: avoid; }
          figure, tr, .headline { break-inside: avoid; }
          .headline { background: none; }
          mark { background: none; border-bottom: 2px solid #000; font-weight: 600; }
          svg .bar, svg .dot { fill: #555; }
          svg .series { stroke: #333; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
