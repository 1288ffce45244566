/** Inline SVG bar charts (no script, no external resource); colours come from the page's CSS classes. */
import { html } from './markup.js';
import type { Markup } from './markup.js';

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** CSS class of the bar (e.g. `sev-high`). */
  readonly tone: string;
}

const LABEL_WIDTH = 150;
const BAR_AREA = 230;
const ROW = 26;

export function barChart(title: string, bars: readonly Bar[]): Markup {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = ROW * Math.max(bars.length, 1) + 8;
  const width = LABEL_WIDTH + BAR_AREA + 50;
  const rows = bars.map((bar, i) => {
    const y = 4 + i * ROW;
    const w = bar.value === 0 ? 0 : Math.max(2, Math.round((bar.value / max) * BAR_AREA));
    return html`<g class="bar ${bar.tone}">
<text x="${LABEL_WIDTH - 8}" y="${y + 16}" text-anchor="end" class="chart-label">${bar.label}</text>
<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${w}" height="${ROW - 8}" rx="3"></rect>
<text x="${LABEL_WIDTH + w + 6}" y="${y + 16}" class="chart-value">${bar.value}</text>
</g>`;
  });
  const empty = bars.length === 0 ? html`<text x="8" y="20" class="chart-label">nothing to show</text>` : '';
  return html`<figure class="chart">
<figcaption>${title}</figcaption>
<svg role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
<title>${title}</title>
${rows}${empty}
</svg>
</figure>`;
}
