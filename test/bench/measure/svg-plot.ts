/** One line of a plot: its name and its points (x, y). */
export interface Series {
  name: string;
  points: [number, number][];
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];
const W = 640;
const H = 360;
const M = { left: 64, right: 160, top: 36, bottom: 48 };

const ticks = (max: number): number[] => {
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
};

const logTicks = (min: number, max: number): number[] => {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) out.push(10 ** e);
  return out;
};

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * A line chart as an SVG document (an image any Markdown viewer shows), written from scratch so the
 * report needs no plotting package. `logX`/`logY` put an axis on a log scale (sizes, latencies).
 */
export function lineChart(
  title: string,
  xLabel: string,
  yLabel: string,
  series: Series[],
  { logX = false, logY = false } = {},
): string {
  const xs = series.flatMap((s) => s.points.map((p) => p[0])).filter((x) => !logX || x > 0);
  const ys = series
    .flatMap((s) => s.points.map((p) => p[1]))
    .filter((y) => Number.isFinite(y) && (!logY || y > 0));
  const [xMin, xMax] = logX ? [Math.min(...xs), Math.max(...xs)] : [0, Math.max(...xs) * 1.05];
  const [yMin, yMax] = logY ? [Math.min(...ys), Math.max(...ys)] : [0, Math.max(...ys) * 1.1];
  const xTicks = logX ? logTicks(xMin, xMax) : ticks(xMax);
  const yTicks = logY ? logTicks(yMin, yMax) : ticks(yMax);
  const [x0, x1] = logX
    ? [Math.log10(xTicks[0]), Math.log10(xTicks.at(-1)!)]
    : [0, Math.max(xMax, xTicks.at(-1)!)];
  const [y0, y1] = logY
    ? [Math.log10(yTicks[0]), Math.log10(yTicks.at(-1)!)]
    : [0, Math.max(yMax, yTicks.at(-1)!)];
  const px = (x: number) =>
    M.left + (((logX ? Math.log10(x) : x) - x0) / (x1 - x0 || 1)) * (W - M.left - M.right);
  const py = (y: number) =>
    H - M.bottom - (((logY ? Math.log10(y) : y) - y0) / (y1 - y0 || 1)) * (H - M.top - M.bottom);
  const label = (v: number) => (v >= 1000 ? `${v / 1000}k` : String(+v.toPrecision(3)));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2 - M.right / 2}" y="20" text-anchor="middle" font-size="14">${escape(title)}</text>`,
    ...xTicks.map(
      (t) =>
        `<line x1="${px(t)}" x2="${px(t)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#eee"/><text x="${px(t)}" y="${H - M.bottom + 16}" text-anchor="middle">${label(t)}</text>`,
    ),
    ...yTicks.map(
      (t) =>
        `<line x1="${M.left}" x2="${W - M.right}" y1="${py(t)}" y2="${py(t)}" stroke="#eee"/><text x="${M.left - 6}" y="${py(t) + 4}" text-anchor="end">${label(t)}</text>`,
    ),
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 10}" text-anchor="middle">${escape(xLabel)}</text>`,
    `<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${escape(yLabel)}</text>`,
  ];
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const points = s.points.filter(([x, y]) => Number.isFinite(y) && (!logX || x > 0) && (!logY || y > 0));
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')}"/>`,
      ...points.map(
        ([x, y]) => `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${colour}"/>`,
      ),
      `<rect x="${W - M.right + 12}" y="${M.top + i * 20}" width="12" height="12" fill="${colour}"/><text x="${W - M.right + 30}" y="${M.top + i * 20 + 10}">${escape(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
