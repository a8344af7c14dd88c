// Where a problem is: click the district map (no tiles: the pack's cells and streets) or type the
// coordinates; the pin, the cell it falls in and any duplicate candidates' cells are shown.
import { h, s } from '../dom.js';
import { centroid, contains, pathOf, projection, ring } from '../geo.js';
import { nameOf } from '../i18n.js';

const polygons = (geojson) =>
  (geojson?.features ?? []).filter(
    (f) => f.geometry && ['Polygon', 'MultiPolygon'].includes(f.geometry.type),
  );

/**
 * locationPicker(geojson, onPick) → {el, set([lng, lat] | null), cellAt([lng, lat]) → cell code | null,
 * mark(cellCodes)}; onPick([lng, lat]) on a click inside the district.
 */
export function locationPicker(geojson, onPick) {
  const features = polygons(geojson);
  const { project, unproject, width, height } = projection(features);
  const cellFeatures = features.filter((f) => f.properties?.kind === 'cell');
  const cellPaths = new Map();
  const cells = s(
    'g',
    { class: 'cells' },
    cellFeatures.map((f) => {
      const path = s('path', {
        d: pathOf(ring(f.geometry).map(project)),
        class: 'cell',
        dataset: { code: f.properties.code },
      });
      cellPaths.set(f.properties.code, path);
      return path;
    }),
  );
  const streetFeatures = features.filter((f) => f.properties?.kind === 'street');
  const streets = s(
    'g',
    { class: 'streets' },
    streetFeatures.map((f) => s('path', { d: pathOf(ring(f.geometry).map(project)) })),
  );
  const labels = s(
    'g',
    null,
    streetFeatures.map((f) => {
      const [x, y] = centroid(ring(f.geometry).map(project));
      return s('text', { x: x.toFixed(1), y: y.toFixed(1), class: 'street-label' }, nameOf(f.properties));
    }),
  );
  const marks = s('g', { class: 'marks' });
  const pin = s('circle', { r: 9, class: 'pin', visibility: 'hidden' });
  const svg = s(
    'svg',
    { viewBox: `0 0 ${width} ${height.toFixed(1)}`, role: 'img' },
    cells,
    streets,
    labels,
    marks,
    pin,
  );

  const cellAt = (point) =>
    cellFeatures.find((f) => contains(ring(f.geometry), point))?.properties.code ?? null;

  svg.addEventListener('click', (event) => {
    const box = svg.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * width;
    const y = ((event.clientY - box.top) / box.height) * height;
    const point = unproject([x, y]);
    if (cellAt(point)) onPick(point);
  });

  return {
    el: h('div', { class: 'picker-map', id: 'picker-map' }, svg),
    cellAt,
    set(point) {
      if (!point) return void pin.setAttribute('visibility', 'hidden');
      const [x, y] = project(point);
      pin.setAttribute('cx', x.toFixed(1));
      pin.setAttribute('cy', y.toFixed(1));
      pin.setAttribute('visibility', 'visible');
    },
    /** Dots on the cells of duplicate candidates. */
    mark(codes) {
      marks.replaceChildren(
        ...codes
          .map((code) => cellPaths.get(code))
          .filter(Boolean)
          .map((path) => {
            const box = path.getBBox();
            return s('circle', {
              r: 6,
              class: 'candidate',
              cx: box.x + box.width / 2,
              cy: box.y + box.height / 2,
            });
          }),
      );
    },
  };
}
