// The district's GeoJSON on a flat SVG canvas: an equirectangular projection scaled to the
// district (fine at a district's size), and back from a click to longitude and latitude.

const WIDTH = 1000;

/** The outer ring of a Polygon or of a MultiPolygon's first polygon. */
export const ring = (geometry) =>
  geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0][0];

/** project([lng, lat]) → [x, y] on a canvas WIDTH wide; unproject([x, y]) → [lng, lat]. */
export function projection(features) {
  let minLng = Infinity;
  let maxLng = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const f of features)
    for (const [lng, lat] of ring(f.geometry)) {
      minLng = Math.min(minLng, lng);
      maxLng = Math.max(maxLng, lng);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = WIDTH / ((maxLng - minLng) * k);
  const height = (maxLat - minLat) * scale;
  return {
    width: WIDTH,
    height,
    project: ([lng, lat]) => [(lng - minLng) * k * scale, (maxLat - lat) * scale],
    unproject: ([x, y]) => [minLng + x / (k * scale), maxLat - y / scale],
  };
}

export const pathOf = (points) => `M${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join('L')}Z`;

/** The centroid of a ring of canvas points (its first point when the ring has no area). */
export function centroid(points) {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < points.length; i += 1) {
    const [x0, y0] = points[i];
    const [x1, y1] = points[(i + 1) % points.length];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(area) < 1e-9) return points[0];
  return [cx / (3 * area), cy / (3 * area)];
}

/** Whether [lng, lat] lies inside a ring (ray casting; a point on the border may go either way). */
export function contains(points, [x, y]) {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i, i += 1) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
