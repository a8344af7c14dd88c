// Small SVG charts without a library: a line chart (per day) and a bar chart with a p90 mark (per
// week). They size themselves to their container and redraw when it resizes.
import { fill, h, s } from './dom.js';

const PAD = { left: 46, right: 14, top: 14, bottom: 26 };

/** The top of the axis: four round steps (1, 2, 2.5 or 5 times a power of ten) that reach value. */
function niceMax(value, { whole = false } = {}) {
  const raw = Math.max(value, 1e-9) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const size = step * power;
    if (whole && !Number.isInteger(size)) continue;
    if (size >= raw) return size * 4;
  }
  return 40 * power;
}

/** Attach a chart to a container: draw(width, height) is called now and on every resize. */
function responsive(container, draw) {
  const redraw = () => {
    const { clientWidth: width, clientHeight: height } = container;
    if (width > 0 && height > 0) draw(width, height);
  };
  if (container._chartObserver) container._chartObserver.disconnect();
  container._chartObserver = new ResizeObserver(redraw);
  container._chartObserver.observe(container);
  redraw();
}

function axes(width, height, max, format) {
  const plotH = height - PAD.top - PAD.bottom;
  const lines = [];
  for (let i = 0; i <= 4; i += 1) {
    const y = PAD.top + plotH - (plotH * i) / 4;
    lines.push(s('line', { x1: PAD.left, x2: width - PAD.right, y1: y, y2: y, class: 'gridline' }));
    lines.push(
      s(
        'text',
        { x: PAD.left - 6, y: y + 4, class: 'axis-label', 'text-anchor': 'end' },
        format((max * i) / 4),
      ),
    );
  }
  return lines;
}

/**
 * A line chart. spec: {labels: string[], series: [{key, label, className, values: number[]}],
 * tickLabel(label): string, tooltip(index): string[], onPick(index, seriesKey)}
 */
export function lineChart(container, spec) {
  responsive(container, (width, height) => {
    const n = spec.labels.length;
    // counts: the four gridlines on whole numbers
    const max = niceMax(Math.max(4, ...spec.series.flatMap((serie) => serie.values)), { whole: true });
    const plotW = width - PAD.left - PAD.right;
    const plotH = height - PAD.top - PAD.bottom;
    const x = (i) => PAD.left + (n <= 1 ? plotW / 2 : (plotW * i) / (n - 1));
    const y = (v) => PAD.top + plotH - (plotH * v) / max;
    const tickEvery = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(plotW / 70))));
    const ticks = spec.labels.map((label, i) =>
      i % tickEvery === 0
        ? s(
            'text',
            { x: x(i), y: height - 8, class: 'axis-label', 'text-anchor': 'middle' },
            spec.tickLabel(label),
          )
        : null,
    );
    const paths = spec.series.map((serie) => {
      const points = serie.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
      const area = `M${x(0).toFixed(1)},${y(0)}L${points.join('L')}L${x(n - 1).toFixed(1)},${y(0)}Z`;
      return [
        s('path', { d: area, class: `area ${serie.className}` }),
        s('polyline', { points: points.join(' '), class: `line ${serie.className}` }),
      ];
    });
    const guide = s('line', {
      x1: 0,
      x2: 0,
      y1: PAD.top,
      y2: PAD.top + plotH,
      class: 'guide',
      visibility: 'hidden',
    });
    const dots = spec.series.map((serie) =>
      s('circle', { r: 4, class: `pt ${serie.className}`, visibility: 'hidden' }),
    );
    const tip = h('div', { class: 'chart-tip', hidden: true });
    const hit = s('rect', { x: PAD.left, y: PAD.top, width: plotW, height: plotH, class: 'hit' });
    const indexAt = (event) => {
      const box = svg.getBoundingClientRect();
      const px = event.clientX - box.left;
      return Math.max(0, Math.min(n - 1, Math.round(((px - PAD.left) / plotW) * (n - 1))));
    };
    hit.addEventListener('mousemove', (event) => {
      const i = indexAt(event);
      guide.setAttribute('x1', x(i));
      guide.setAttribute('x2', x(i));
      guide.setAttribute('visibility', 'visible');
      spec.series.forEach((serie, k) => {
        dots[k].setAttribute('cx', x(i));
        dots[k].setAttribute('cy', y(serie.values[i]));
        dots[k].setAttribute('visibility', 'visible');
      });
      fill(
        tip,
        spec.tooltip(i).map((line) => h('div', null, line)),
      );
      tip.hidden = false;
      tip.style.left = `${Math.min(x(i) + 10, width - 170)}px`;
      tip.style.top = `${PAD.top}px`;
    });
    hit.addEventListener('mouseleave', () => {
      guide.setAttribute('visibility', 'hidden');
      dots.forEach((d) => d.setAttribute('visibility', 'hidden'));
      tip.hidden = true;
    });
    hit.addEventListener('click', (event) => {
      const i = indexAt(event);
      const box = svg.getBoundingClientRect();
      const py = event.clientY - box.top;
      // the series whose point is nearest to the click
      let best = spec.series[0];
      for (const serie of spec.series)
        if (Math.abs(y(serie.values[i]) - py) < Math.abs(y(best.values[i]) - py)) best = serie;
      spec.onPick(i, best.key);
    });
    const svg = s(
      'svg',
      { width, height, class: 'chart' },
      axes(width, height, max, (v) => String(Math.round(v))),
      ticks,
      paths,
      guide,
      dots,
      hit,
    );
    fill(container, svg, tip);
  });
}

/**
 * Bars with a second value marked on each (median bar, p90 tick).
 * spec: {labels, bars: number[], marks: number[], unit(v): string, tickLabel(label), tooltip(i), onPick(i)}
 */
export function barChart(container, spec) {
  responsive(container, (width, height) => {
    const n = spec.labels.length;
    const max = niceMax(Math.max(1e-9, ...spec.bars.map((v) => v ?? 0), ...spec.marks.map((v) => v ?? 0)));
    const plotW = width - PAD.left - PAD.right;
    const plotH = height - PAD.top - PAD.bottom;
    const slot = plotW / Math.max(1, n);
    const barW = Math.max(4, Math.min(36, slot * 0.6));
    const y = (v) => PAD.top + plotH - (plotH * (v ?? 0)) / max;
    const tickEvery = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(plotW / 64))));
    const tip = h('div', { class: 'chart-tip', hidden: true });
    const groups = spec.labels.map((label, i) => {
      const cx = PAD.left + slot * i + slot / 2;
      const group = s(
        'g',
        { class: 'bar-group', tabindex: 0 },
        s('rect', { x: PAD.left + slot * i, y: PAD.top, width: slot, height: plotH, class: 'bar-hit' }),
        spec.bars[i] !== null
          ? s('rect', {
              x: cx - barW / 2,
              y: y(spec.bars[i]),
              width: barW,
              height: Math.max(0, PAD.top + plotH - y(spec.bars[i])),
              class: 'bar',
              rx: 2,
            })
          : null,
        spec.marks[i] !== null
          ? s('line', {
              x1: cx - barW / 2 - 3,
              x2: cx + barW / 2 + 3,
              y1: y(spec.marks[i]),
              y2: y(spec.marks[i]),
              class: 'mark',
            })
          : null,
        spec.marks[i] !== null && spec.bars[i] !== null
          ? s('line', { x1: cx, x2: cx, y1: y(spec.marks[i]), y2: y(spec.bars[i]), class: 'whisker' })
          : null,
        i % tickEvery === 0
          ? s(
              'text',
              { x: cx, y: height - 8, class: 'axis-label', 'text-anchor': 'middle' },
              spec.tickLabel(label),
            )
          : null,
      );
      group.addEventListener('mouseenter', () => {
        fill(
          tip,
          spec.tooltip(i).map((line) => h('div', null, line)),
        );
        tip.hidden = false;
        tip.style.left = `${Math.min(cx + 10, width - 180)}px`;
        tip.style.top = `${PAD.top}px`;
      });
      group.addEventListener('mouseleave', () => (tip.hidden = true));
      group.addEventListener('click', () => spec.onPick(i));
      group.addEventListener('keydown', (e) => e.key === 'Enter' && spec.onPick(i));
      return group;
    });
    const svg = s('svg', { width, height, class: 'chart' }, axes(width, height, max, spec.unit), groups);
    fill(container, svg, tip);
  });
}
