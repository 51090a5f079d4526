import { escapeHidden } from '../compile/hidden-chars.js';

/**
 * Charts as SVG text, rendered in Node when a report is written: vega-lite specs compiled by
 * vega-lite and drawn by vega's headless view (`renderer: 'none'`, no canvas, no browser).
 * Both are imported here, on first use, so only `--format html` loads them (about 2 MB of code).
 * Colours follow the page's text colour (`currentColor`), so one SVG reads in light and dark.
 */

/** One bar: its label and value (a stacked bar has several values, by series). */
export interface Bar {
  label: string;
  value: number;
  series?: string;
}

export interface BarChart {
  title: string;
  bars: readonly Bar[];
  /** Labels on the left (horizontal bars, for names) or along the bottom (time). */
  orient: 'horizontal' | 'vertical';
  valueTitle: string;
  labelTitle: string;
  /** Series in stacking order, with their colours. */
  series?: readonly { name: string; color: string }[];
  width?: number;
}

const CONFIG = {
  background: 'transparent',
  font: 'system-ui, sans-serif',
  axis: { labelColor: 'currentColor', titleColor: 'currentColor', domainColor: 'currentColor', tickColor: 'currentColor', gridColor: '#8885', labelLimit: 260 },
  legend: { labelColor: 'currentColor', titleColor: 'currentColor' },
  title: { color: 'currentColor', anchor: 'start', fontSize: 14 },
  view: { stroke: null },
};

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');
let libs: Promise<[Vega, VegaLite]> | undefined;

/** SVG of a bar chart; bars in the order given. */
export async function barChartSvg(chart: BarChart): Promise<string> {
  const [vega, vl] = await (libs ??= Promise.all([import('vega'), import('vega-lite')]));
  // Labels are names from the input: vega escapes them for SVG, but characters that hide
  // themselves (bidi controls, NUL) are shown as `\uXXXX`, as `esc` shows them in the page.
  const bars = chart.bars.map((b) => ({ ...b, label: escapeHidden(b.label) }));
  const labels = [...new Set(bars.map((b) => b.label))];
  const label = { field: 'label', type: 'nominal', sort: labels, title: chart.labelTitle, axis: chart.orient === 'vertical' && labels.length > 24 ? { labelAngle: -60, labelOverlap: true } : { labelAngle: chart.orient === 'vertical' ? -45 : 0 } };
  const value = { field: 'value', type: 'quantitative', title: chart.valueTitle, axis: { tickMinStep: 1 } };
  const color = chart.series
    ? { field: 'series', type: 'nominal', title: null, scale: { domain: chart.series.map((s) => s.name), range: chart.series.map((s) => s.color) }, legend: { orient: 'top' } }
    : { value: '#4c78a8' };
  const order = chart.series ? { order: { field: 'rank', type: 'quantitative' } } : {};
  const rank = new Map(chart.series?.map((s, i) => [s.name, i]) ?? []);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(chart.title ? { title: chart.title } : {}),
    width: chart.width ?? 560,
    ...(chart.orient === 'horizontal' ? { height: { step: 18 } } : { height: 220 }),
    data: { values: bars.map((b) => ({ label: b.label, value: b.value, series: b.series ?? '', rank: rank.get(b.series ?? '') ?? 0 })) },
    mark: { type: 'bar', tooltip: false },
    encoding: chart.orient === 'horizontal' ? { y: label, x: value, color, ...order } : { x: label, y: value, color, ...order },
    config: CONFIG,
  };
  const compiled = vl.compile(spec as unknown as Parameters<VegaLite['compile']>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
