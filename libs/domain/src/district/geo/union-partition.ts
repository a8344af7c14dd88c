import type { PolygonCoordinates, Position } from './position';
import { closeRing, openRing, orientPolygon, planarSignedArea } from './ring';

/** A vertex this close to an edge (in degrees, ~0.1 m) lies on it: a T-junction to split at. */
const ON_EDGE_DEGREES = 1e-6;

const key = (p: Position) => `${p[0]},${p[1]}`;

/** Vertices of the others that lie inside segment a–b, ordered from a to b. */
function splitPoints(a: Position, b: Position, vertices: Position[]): Position[] {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length = Math.hypot(dx, dy);
  if (length === 0) return [];
  const hits: { t: number; p: Position }[] = [];
  for (const p of vertices) {
    if (
      p[0] < Math.min(a[0], b[0]) - ON_EDGE_DEGREES ||
      p[0] > Math.max(a[0], b[0]) + ON_EDGE_DEGREES ||
      p[1] < Math.min(a[1], b[1]) - ON_EDGE_DEGREES ||
      p[1] > Math.max(a[1], b[1]) + ON_EDGE_DEGREES
    ) {
      continue;
    }
    const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (length * length);
    const offLine = Math.abs((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / length;
    if (offLine <= ON_EDGE_DEGREES && t * length > ON_EDGE_DEGREES && (1 - t) * length > ON_EDGE_DEGREES) {
      hits.push({ t, p });
    }
  }
  return hits.sort((x, y) => x.t - y.t).map((hit) => hit.p);
}

/**
 * The outline of polygons that tile a region edge to edge (the communities of a street): every
 * edge two of them share cancels out, and what remains chains into the outline. Edges are first
 * split where a neighbour has a vertex on them, so T-junctions cancel too. This is not a general
 * union: polygons that overlap, leave slivers, or make the region touch itself at a point are
 * refused with an Error saying so.
 */
export function unionOfPartition(polygons: PolygonCoordinates[]): PolygonCoordinates {
  const rings = polygons.flatMap((polygon) => orientPolygon(polygon).map(openRing));
  const vertices = [...new Map(rings.flat().map((p) => [key(p), p])).values()];

  const net = new Map<string, { from: Position; to: Position; count: number }>();
  const add = (from: Position, to: Position) => {
    const reverse = net.get(`${key(to)}>${key(from)}`);
    if (reverse && reverse.count > 0) {
      reverse.count -= 1;
      return;
    }
    const forward = net.get(`${key(from)}>${key(to)}`);
    if (forward) forward.count += 1;
    else net.set(`${key(from)}>${key(to)}`, { from, to, count: 1 });
  };
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const chain = [
        ring[i],
        ...splitPoints(ring[i], ring[(i + 1) % ring.length], vertices),
        ring[(i + 1) % ring.length],
      ];
      for (let k = 0; k + 1 < chain.length; k++) add(chain[k], chain[k + 1]);
    }
  }

  const outgoing = new Map<string, { from: Position; to: Position }[]>();
  for (const edge of net.values()) {
    if (edge.count > 1)
      throw new Error(`polygons overlap along the edge from ${key(edge.from)} to ${key(edge.to)}`);
    if (edge.count === 1) outgoing.set(key(edge.from), [...(outgoing.get(key(edge.from)) ?? []), edge]);
  }
  for (const [vertex, edges] of outgoing) {
    if (edges.length > 1) throw new Error(`the outline touches itself at ${vertex}`);
  }

  const outlines: Position[][] = [];
  const used = new Set<string>();
  for (const [start, [first]] of outgoing) {
    if (used.has(start)) continue;
    const ring: Position[] = [];
    let edge = first;
    while (!used.has(key(edge.from))) {
      used.add(key(edge.from));
      ring.push(edge.from);
      const next = outgoing.get(key(edge.to));
      if (!next) throw new Error(`the outline is open at ${key(edge.to)}`);
      edge = next[0];
    }
    if (key(edge.from) !== start) throw new Error(`the outline is not a simple ring near ${key(edge.from)}`);
    outlines.push(ring);
  }

  const exteriors = outlines.filter((ring) => planarSignedArea(ring) > 0);
  const holes = outlines.filter((ring) => planarSignedArea(ring) < 0);
  if (exteriors.length !== 1) {
    throw new Error(`the polygons make ${exteriors.length} separate regions, not one`);
  }
  return [exteriors[0], ...holes].map(closeRing);
}
