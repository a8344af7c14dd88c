import type { PolygonCoordinates, Position, Ring } from './position';
import { closeRing, openRing, planarSignedArea, withoutRepeats, withoutSpikes } from './ring';

/** > 0 when p is left of the directed line a→b. */
const side = (a: Position, b: Position, p: Position): number =>
  (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);

/**
 * Where segment p–q crosses the line a–b. The segment's ends are taken in a fixed order so that an
 * edge shared by two neighbouring polygons (walked in opposite directions) gives bit-identical
 * points on both sides; on the axis-aligned edges of a grid square the crossing coordinate is the
 * square's own, exactly.
 */
function crossing(p: Position, q: Position, a: Position, b: Position): Position {
  const [from, to] = p[0] < q[0] || (p[0] === q[0] && p[1] <= q[1]) ? [p, q] : [q, p];
  if (a[0] === b[0]) {
    const x = a[0];
    return [x, from[1] + ((to[1] - from[1]) * (x - from[0])) / (to[0] - from[0])];
  }
  if (a[1] === b[1]) {
    const y = a[1];
    return [from[0] + ((to[0] - from[0]) * (y - from[1])) / (to[1] - from[1]), y];
  }
  const sFrom = side(a, b, from);
  const t = sFrom / (sFrom - side(a, b, to));
  return [from[0] + t * (to[0] - from[0]), from[1] + t * (to[1] - from[1])];
}

/**
 * Sutherland–Hodgman: the part of a ring (convex or not) inside a convex ring, as an open ring, or
 * [] when nothing is left. Where a concave subject leaves and re-enters the clip, the parts come
 * back joined by zero-width seams along the clip's edge; they add no area and ray casting counts
 * them twice, so areas and point tests stay right. Spikes (a seam out to a part that is only a
 * point) are removed.
 */
export function clipRingToConvex(subject: Ring, convex: Ring): Ring {
  const clip = openRing(convex);
  const orientation = Math.sign(planarSignedArea(clip));
  if (orientation === 0) return [];
  let output = withoutRepeats(subject);
  for (let i = 0; i < clip.length && output.length > 0; i++) {
    const a = clip[i];
    const b = clip[(i + 1) % clip.length];
    const inside = (p: Position) => orientation * side(a, b, p) >= 0;
    const input = output;
    output = [];
    for (let j = 0; j < input.length; j++) {
      const current = input[j];
      const previous = input[(j + input.length - 1) % input.length];
      const currentInside = inside(current);
      const previousInside = inside(previous);
      if (currentInside) {
        if (!previousInside) output.push(crossing(previous, current, a, b));
        output.push(current);
      } else if (previousInside) {
        output.push(crossing(previous, current, a, b));
      }
    }
  }
  const cleaned = withoutSpikes(output);
  return cleaned.length >= 3 ? cleaned : [];
}

/**
 * The part of a polygon inside a convex ring (a grid square): its exterior and holes clipped one
 * by one, since (exterior − holes) ∩ square = exterior ∩ square − holes ∩ square. Null when the
 * exterior misses the square. Rings come back closed.
 */
export function clipPolygonToConvex(polygon: PolygonCoordinates, convex: Ring): PolygonCoordinates | null {
  const [exterior, ...holes] = polygon;
  if (!exterior) return null;
  const clippedExterior = clipRingToConvex(exterior, convex);
  if (clippedExterior.length === 0) return null;
  const clippedHoles = holes.map((hole) => clipRingToConvex(hole, convex)).filter((ring) => ring.length > 0);
  return [clippedExterior, ...clippedHoles].map(closeRing);
}
