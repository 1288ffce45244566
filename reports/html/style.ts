/** The report's only stylesheet, inline; its hash goes into the page's Content-Security-Policy. */
export const STYLE = `
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #ffffff; --soft: #f6f8fa;
  --critical: #6e1423; --high: #c62828; --medium: #d9730d; --low: #b58900; --info: #1f6feb; --ok: #1a7f37; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px; color: var(--fg); background: var(--bg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 12px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 8px; word-break: break-word; }
.note { color: var(--muted); font-size: 12px; font-weight: normal; }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 12px; color: #fff; font-weight: 600; }
.verdict.failed { background: var(--high); } .verdict.passed { background: var(--ok); }
.stats { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; padding: 0; list-style: none; }
.stats li { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; background: var(--soft); }
.stats strong { display: block; font-size: 20px; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; }
.chart { margin: 0; } .chart figcaption { font-weight: 600; margin-bottom: 4px; }
.chart-label, .chart-value { font-size: 12px; fill: var(--fg); }
.bar.sev-critical rect { fill: var(--critical); } .bar.sev-high rect { fill: var(--high); }
.bar.sev-medium rect { fill: var(--medium); } .bar.sev-low rect { fill: var(--low); }
.bar.sev-info rect, .bar.group rect { fill: var(--info); }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--soft); }
.matrix td { font-size: 13px; } .matrix .num { text-align: right; }
.matrix td.flagged { background: #fff1f0; } .subject-name { font-weight: 600; word-break: break-word; }
.caps { font-family: ui-monospace, monospace; font-size: 12px; }
.ok { color: var(--ok); } .bad { color: var(--high); font-weight: 600; } .warn { color: var(--medium); }
.unknown { display: inline-block; padding: 0 6px; border: 1px dashed var(--muted); border-radius: 4px;
  color: var(--muted); font-style: italic; background: repeating-linear-gradient(45deg, #fff, #fff 4px, #eef0f2 4px, #eef0f2 8px); }
.unknown::before { content: "? "; font-style: normal; font-weight: 700; }
.finding { border: 1px solid var(--line); border-left: 6px solid var(--info); border-radius: 6px; padding: 10px 14px; margin: 12px 0; break-inside: avoid; }
.finding.sev-critical { border-left-color: var(--critical); } .finding.sev-high { border-left-color: var(--high); }
.finding.sev-medium { border-left-color: var(--medium); } .finding.sev-low { border-left-color: var(--low); }
.badge { display: inline-block; min-width: 64px; text-align: center; padding: 0 6px; border-radius: 4px; color: #fff; font-size: 12px; font-weight: 700; text-transform: uppercase; }
.badge.sev-critical { background: var(--critical); } .badge.sev-high { background: var(--high); }
.badge.sev-medium { background: var(--medium); } .badge.sev-low { background: var(--low); } .badge.sev-info { background: var(--info); }
.rule, .where { font-family: ui-monospace, monospace; font-size: 13px; } .where { color: var(--muted); }
.baseline { font-size: 12px; border: 1px solid var(--line); border-radius: 10px; padding: 0 8px; }
.message { white-space: pre-wrap; font-weight: 600; word-break: break-word; }
.frame { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 8px 0; overflow-x: auto; font-size: 12px; }
.frame .line { display: block; padding: 0 12px; white-space: pre; } .frame .marked { background: #fff8c5; }
.frame .ln { display: inline-block; color: var(--muted); margin-right: 12px; user-select: none; }
.frame mark { background: none; color: inherit; text-decoration: underline wavy var(--high); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 0; }
dt { font-weight: 600; color: var(--muted); } dd { margin: 0; white-space: pre-wrap; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; position: sticky; top: 0; z-index: 1;
  background: var(--bg); border-bottom: 1px solid var(--line); padding: 8px 0; margin-bottom: 8px; }
.filters select, .filters input { font: inherit; margin-left: 4px; }
details > summary { cursor: pointer; list-style-position: outside; } details > summary h3 { display: inline; }
.plain { color: var(--fg); }
.errors li { margin: 4px 0; white-space: pre-wrap; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3 { break-after: avoid; } tr, .finding, .chart { break-inside: avoid; }
  .frame { overflow: visible; white-space: pre-wrap; } .frame .line { white-space: pre-wrap; }
  a { color: inherit; text-decoration: none; }
  a.docs::after { content: " (" attr(href) ")"; font-size: 10px; color: var(--muted); }
}
`;
