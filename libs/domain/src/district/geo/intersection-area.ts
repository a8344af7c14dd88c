import { bboxIntersection, bboxOfPolygon, bboxRing } from './bbox';
import { clipRingToConvex } from './clip-polygon';
import { localProjection, type XY } from './local-projection';
import type { PolygonCoordinates } from './position';
import { openRing } from './ring';

/** A non-vertical edge with x1 < x2, so both polygons sharing it compute the same y. */
type Edge = [x1: number, y1: number, x2: number, y2: number];

function edgesOf(rings: XY[][]): Edge[] {
  const edges: Edge[] = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const [xa, ya] = ring[i];
      const [xb, yb] = ring[(i + 1) % ring.length];
      if (xa < xb) edges.push([xa, ya, xb, yb]);
      else if (xb < xa) edges.push([xb, yb, xa, ya]);
    }
  }
  return edges;
}

/** x of the proper crossing of two edges, or null. */
function crossingX([ax1, ay1, ax2, ay2]: Edge, [bx1, by1, bx2, by2]: Edge): number | null {
  const rx = ax2 - ax1;
  const ry = ay2 - ay1;
  const sx = bx2 - bx1;
  const sy = by2 - by1;
  const denominator = rx * sy - ry * sx;
  if (denominator === 0) return null;
  const t = ((bx1 - ax1) * sy - (by1 - ay1) * sx) / denominator;
  const u = ((bx1 - ax1) * ry - (by1 - ay1) * rx) / denominator;
  return t > 0 && t < 1 && u > 0 && u < 1 ? ax1 + t * rx : null;
}

/** The vertical line at x cuts the rings into intervals (even-odd: holes and seams fall out). */
function section(edges: Edge[], x: number): number[] {
  const ys: number[] = [];
  for (const [x1, y1, x2, y2] of edges)
    if (x1 < x && x < x2) ys.push(y1 + ((y2 - y1) * (x - x1)) / (x2 - x1));
  return ys.sort((a, b) => a - b);
}

function overlapLength(a: number[], b: number[]): number {
  let length = 0;
  for (let i = 0, j = 0; i + 1 < a.length && j + 1 < b.length;) {
    length += Math.max(0, Math.min(a[i + 1], b[j + 1]) - Math.max(a[i], b[j]));
    if (a[i + 1] < b[j + 1]) i += 2;
    else j += 2;
  }
  return length;
}

/**
 * Area common to two planar polygons (each a list of rings, read even-odd), concave or not. Sweep:
 * between consecutive breakpoints (vertices and edge crossings) no edge starts, ends or crosses
 * another, so the overlap of the two vertical sections changes linearly and its value at the slab's
 * middle times the slab's width is exact. Shared edges and zero-width seams give no area.
 */
export function planarIntersectionArea(a: XY[][], b: XY[][]): number {
  const edgesA = edgesOf(a);
  const edgesB = edgesOf(b);
  if (edgesA.length === 0 || edgesB.length === 0) return 0;
  const low = Math.max(Math.min(...edgesA.map((e) => e[0])), Math.min(...edgesB.map((e) => e[0])));
  const high = Math.min(Math.max(...edgesA.map((e) => e[2])), Math.max(...edgesB.map((e) => e[2])));
  if (!(low < high)) return 0;
  const breaks = new Set<number>([low, high]);
  const all = edgesA.concat(edgesB);
  for (const [x1, , x2] of all) {
    if (x1 > low && x1 < high) breaks.add(x1);
    if (x2 > low && x2 < high) breaks.add(x2);
  }
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      if (all[i][2] <= all[j][0] || all[j][2] <= all[i][0]) continue;
      const x = crossingX(all[i], all[j]);
      if (x !== null && x > low && x < high) breaks.add(x);
    }
  }
  const xs = [...breaks].sort((p, q) => p - q);
  let area = 0;
  for (let k = 0; k + 1 < xs.length; k++) {
    const middle = (xs[k] + xs[k + 1]) / 2;
    area += (xs[k + 1] - xs[k]) * overlapLength(section(edgesA, middle), section(edgesB, middle));
  }
  return area;
}

/**
 * Square metres common to two polygons. Both are first cut down to the common part of their
 * bounding boxes (a rectangle is convex, so Sutherland–Hodgman applies to any polygon), which keeps
 * a whole street's outline from slowing down the check of one cell.
 */
export function intersectionAreaSquareMetres(a: PolygonCoordinates, b: PolygonCoordinates): number {
  const box = bboxIntersection(bboxOfPolygon(a), bboxOfPolygon(b));
  if (!box || box[0] === box[2] || box[1] === box[3]) return 0;
  const window = bboxRing(box);
  const projection = localProjection([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2]);
  const prepare = (polygon: PolygonCoordinates): XY[][] =>
    polygon
      .map((ring) => clipRingToConvex(openRing(ring), window))
      .filter((ring) => ring.length > 0)
      .map((ring) => ring.map((position) => projection.toXY(position)));
  return planarIntersectionArea(prepare(a), prepare(b));
}
