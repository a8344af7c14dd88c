// The district map as SVG, drawn from the pack's GeoJSON (no tiles): cells coloured by a figure,
// community and street borders, street names; hover for a cell's figures, click for its cases.
import { fill, h, s } from './dom.js';
import { centroid, pathOf, projection, ring } from './geo.js';
import { number } from './format.js';
import { nameOf, t } from './i18n.js';
import { cellLabel } from './reference.js';

const PALETTES = {
  open: ['#123357', '#1f6fb8', '#2ec5ff', '#b5f4ff'],
  overdue: ['#401824', '#95202f', '#ff4d4f', '#ffc1c1'],
  rebounds: ['#3d2710', '#a85c12', '#ff9f1a', '#ffe28f'],
  reported: ['#0f3630', '#147d68', '#27d0a8', '#bfffeb'],
};
const ZERO = '#0d1b2f';
export const LAYERS = ['open', 'overdue', 'rebounds', 'reported'];

let svg;
let tooltip;
let legend;
let cells = new Map(); // code → {path, centroid, properties}
let values = new Map(); // code → {open, overdue, rebounds, reported}
let layer = 'open';
let ripples;
let labels = [];
let onCell = () => {};
let onStreet = () => {};
let summary;

/** Draw the map once; pick(cellCode) on a cell's click, pickStreet(streetId, layer) on a street's. */
export function initMap(container, legendEl, geojson, pick, pickStreet) {
  onCell = pick;
  onStreet = pickStreet;
  legend = legendEl;
  const features = (geojson?.features ?? []).filter(
    (f) => f.geometry && ['Polygon', 'MultiPolygon'].includes(f.geometry.type),
  );
  if (features.length === 0)
    return void fill(container, h('div', { class: 'panel-note error' }, t('map.noData')));
  const { project, height, width } = projection(features);
  const byKind = (kind) => features.filter((f) => f.properties?.kind === kind);
  const cellGroup = s('g', { class: 'cells' });
  cells = new Map();
  for (const f of byKind('cell')) {
    const points = ring(f.geometry).map(project);
    const path = s('path', {
      d: pathOf(points),
      class: 'cell',
      fill: ZERO,
      dataset: { code: f.properties.code },
    });
    cellGroup.appendChild(path);
    cells.set(f.properties.code, { path, centroid: centroid(points), properties: f.properties });
  }
  const communities = s(
    'g',
    { class: 'communities' },
    byKind('community').map((f) => s('path', { d: pathOf(ring(f.geometry).map(project)) })),
  );
  const streets = s(
    'g',
    { class: 'streets' },
    byKind('street').map((f) => s('path', { d: pathOf(ring(f.geometry).map(project)) })),
  );
  labels = byKind('street').map((f) => {
    const [x, y] = centroid(ring(f.geometry).map(project));
    const text = s('text', { x: x.toFixed(1), y: y.toFixed(1), class: 'street-label' });
    return { text, properties: f.properties };
  });
  ripples = s('g', { class: 'ripples' });
  svg = s(
    'svg',
    {
      viewBox: `0 0 ${width} ${height.toFixed(1)}`,
      class: 'map-svg',
      preserveAspectRatio: 'xMidYMid meet',
      role: 'img',
    },
    cellGroup,
    communities,
    streets,
    s(
      'g',
      { class: 'labels' },
      labels.map((l) => l.text),
    ),
    ripples,
  );
  tooltip = h('div', { class: 'map-tooltip', hidden: true });
  summary = h('ol', { class: 'street-summary' });
  fill(container, summary, h('div', { class: 'map-canvas' }, svg), tooltip);

  cellGroup.addEventListener('mousemove', (event) => {
    const code = event.target?.dataset?.code;
    if (!code) return void (tooltip.hidden = true);
    showTooltip(code, event, container);
  });
  cellGroup.addEventListener('mouseleave', () => (tooltip.hidden = true));
  cellGroup.addEventListener('click', (event) => {
    const code = event.target?.dataset?.code;
    if (code) onCell(code);
  });
  renderLabels();
  paint();
}

function showTooltip(code, event, container) {
  const v = values.get(code) ?? {};
  const box = container.getBoundingClientRect();
  fill(
    tooltip,
    h('div', { class: 'tt-title' }, cellLabel(code)),
    h('div', { class: 'tt-code mono' }, code),
    h(
      'div',
      { class: 'tt-grid' },
      LAYERS.map((name) => [
        h('span', null, t(`map.layer.${name}`)),
        h('b', { class: name === layer ? 'on' : '' }, number(v[name] ?? 0)),
      ]),
    ),
    h('div', { class: 'tt-hint' }, t('map.hint')),
  );
  tooltip.hidden = false;
  const x = event.clientX - box.left + 16;
  const y = event.clientY - box.top + 16;
  tooltip.style.left = `${Math.min(x, box.width - 230)}px`;
  tooltip.style.top = `${Math.min(y, box.height - 150)}px`;
}

// On the map itself a street's name without its kind ("Wangjiang", not "Wangjiang Subdistrict"):
// English names are long, and the list beside the map gives them in full.
const shortName = (properties) => nameOf(properties).replace(/\s+(Subdistrict|Street|Town|Township)$/i, '');

function renderLabels() {
  for (const { text, properties } of labels) text.textContent = shortName(properties);
}

/** Per street: the layer's figure over its cells (and overdue beside open), a button to its cases. */
function renderSummary() {
  if (!summary) return;
  const totals = new Map(
    labels.map(({ properties }) => [properties.code, { open: 0, overdue: 0, rebounds: 0, reported: 0 }]),
  );
  for (const [code, v] of values) {
    const street = totals.get(v.streetId ?? code.slice(0, 9));
    if (street) for (const name of LAYERS) street[name] += v[name] ?? 0;
  }
  const rows = labels
    .map(({ properties }) => ({ properties, total: totals.get(properties.code) }))
    .sort((a, b) => b.total[layer] - a.total[layer] || a.properties.code.localeCompare(b.properties.code));
  fill(
    summary,
    rows.map(({ properties, total }) =>
      h(
        'li',
        {
          tabindex: 0,
          onclick: () => onStreet(properties.code, layer),
          onkeydown: (e) => e.key === 'Enter' && onStreet(properties.code, layer),
        },
        h('span', { class: 'ss-name' }, nameOf(properties)),
        h('b', { class: `ss-value ss-${layer}` }, number(total[layer])),
        layer === 'open' && total.overdue > 0
          ? h('span', { class: 'ss-overdue' }, t('map.overdueShort', { n: number(total.overdue) }))
          : null,
      ),
    ),
  );
}

function colour(value, max) {
  if (!value || !max) return ZERO;
  const stops = PALETTES[layer];
  const x = Math.sqrt(value / max) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  return mix(stops[i], stops[i + 1], x - i);
}

function mix(a, b, f) {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return `rgb(${pa.map((v, i) => Math.round(v + (pb[i] - v) * f)).join(',')})`;
}

function maxOf(name) {
  let max = 0;
  for (const v of values.values()) max = Math.max(max, v[name] ?? 0);
  return max;
}

function paint() {
  const max = maxOf(layer);
  for (const [code, { path }] of cells)
    path.setAttribute('fill', colour(values.get(code)?.[layer] ?? 0, max));
  drawLegend(max);
  renderSummary();
}

function drawLegend(max) {
  if (!legend) return;
  const steps =
    max > 0 ? [...new Set([1, Math.ceil(max / 4), Math.ceil(max / 2), max])].filter((v) => v > 0) : [];
  fill(
    legend,
    h(
      'span',
      { class: 'legend-item' },
      h('i', { class: 'swatch', style: `background:${ZERO}` }),
      t('map.legend.none'),
    ),
    steps.map((v) =>
      h(
        'span',
        { class: 'legend-item' },
        h('i', { class: 'swatch', style: `background:${colour(v, max)}` }),
        number(v),
      ),
    ),
  );
}

/** items: the cells endpoint's rows {gridCellCode, open, overdue, rebounds, reported}. */
export function setCellValues(items) {
  values = new Map(items.map((item) => [item.gridCellCode, item]));
  if (svg) paint();
}

export function setLayer(name) {
  layer = name;
  if (svg) paint();
}

export const currentLayer = () => layer;

export function refreshMapLanguage() {
  renderLabels();
  renderSummary();
  drawLegend(maxOf(layer));
}

/** A change arrived for this cell: a ripple and a bright border for a moment. */
export function flashCell(code) {
  const cell = cells.get(code);
  if (!cell || !ripples) return;
  const [x, y] = cell.centroid;
  const ripple = s('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 6, class: 'ripple' });
  ripples.appendChild(ripple);
  cell.path.classList.remove('flash');
  void cell.path.getBoundingClientRect();
  cell.path.classList.add('flash');
  setTimeout(() => ripple.remove(), 2600);
  setTimeout(() => cell.path.classList.remove('flash'), 2600);
}
