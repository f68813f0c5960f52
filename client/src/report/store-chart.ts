/**
 * The report's store tab chart: open findings per project across its recorded snapshots, as inline
 * SVG markup (no script, no external resource). Project names and commits come from repositories and
 * documents, so every text is XML-escaped here and bidirectional controls removed; the webview parses
 * the markup as SVG, never as HTML.
 */
import type { StoreProjectSummary } from '../../../server/src/protocol';

export interface ChartOptions {
  width: number;
  height: number;
  /** Projects drawn (those with the most open findings now); the rest are counted in the caption. */
  maxSeries: number;
}

const DEFAULTS: ChartOptions = { width: 720, height: 260, maxSeries: 8 };
const PAD = { left: 44, right: 16, top: 16, bottom: 28 };
const LEGEND_ROW = 18;

export function escapeXml(text: string): string {
  return text.replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The chart, or undefined when no project has a snapshot. */
export function storeChartSvg(projects: readonly StoreProjectSummary[], options: Partial<ChartOptions> = {}): string | undefined {
  const o = { ...DEFAULTS, ...options };
  const drawn = projects.filter((p) => p.history.length > 0).sort((a, b) => b.open - a.open || a.name.localeCompare(b.name)).slice(0, o.maxSeries);
  if (drawn.length === 0) return undefined;
  const times = drawn.flatMap((p) => p.history.map((h) => Date.parse(h.at)));
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const top = Math.max(1, ...drawn.flatMap((p) => p.history.map((h) => h.open)));
  const legendHeight = drawn.length * LEGEND_ROW;
  const plotBottom = o.height - PAD.bottom;
  const x = (t: number) => (t1 === t0 ? (PAD.left + o.width - PAD.right) / 2 : PAD.left + ((t - t0) / (t1 - t0)) * (o.width - PAD.left - PAD.right));
  const y = (n: number) => plotBottom - (n / top) * (plotBottom - PAD.top);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${o.width}" height="${o.height + legendHeight}" viewBox="0 0 ${o.width} ${o.height + legendHeight}" role="img" aria-label="Open findings per project across recorded snapshots">`);
  out.push(`<line class="axis" x1="${PAD.left}" y1="${plotBottom}" x2="${o.width - PAD.right}" y2="${plotBottom}"/>`, `<line class="axis" x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${plotBottom}"/>`);
  for (const n of new Set([0, Math.round(top / 2), top])) out.push(`<text class="tick" x="${PAD.left - 6}" y="${y(n) + 4}" text-anchor="end">${n}</text>`);
  out.push(`<text class="tick" x="${PAD.left}" y="${o.height - 8}">${escapeXml(new Date(t0).toISOString().slice(0, 10))}</text>`);
  if (t1 !== t0) out.push(`<text class="tick" x="${o.width - PAD.right}" y="${o.height - 8}" text-anchor="end">${escapeXml(new Date(t1).toISOString().slice(0, 10))}</text>`);
  drawn.forEach((p, i) => {
    const name = escapeXml(clip(p.name, 60));
    const points = p.history.map((h) => ({ x: x(Date.parse(h.at)), y: y(h.open), h }));
    out.push(`<g class="series series-${i % 8}" data-project="${name}">`);
    if (points.length > 1) out.push(`<polyline points="${points.map((pt) => `${pt.x.toFixed(1)},${pt.y.toFixed(1)}`).join(' ')}"/>`);
    for (const pt of points) {
      const label = `${name}${pt.h.commit ? ` @ ${escapeXml(pt.h.commit.slice(0, 7))}` : ''}: ${pt.h.open} open (${escapeXml(pt.h.at.slice(0, 16).replace('T', ' '))})`;
      out.push(`<circle cx="${pt.x.toFixed(1)}" cy="${pt.y.toFixed(1)}" r="3.5"><title>${label}</title></circle>`);
    }
    const ly = o.height + i * LEGEND_ROW + 12;
    out.push(`<rect x="${PAD.left}" y="${ly - 9}" width="10" height="10"/><text class="legend" x="${PAD.left + 16}" y="${ly}">${name} — ${p.open} open now</text>`);
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}
