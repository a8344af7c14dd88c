import type { PolygonCoordinates, Position, Ring } from './position';

export const samePosition = (a: Position, b: Position): boolean => a[0] === b[0] && a[1] === b[1];

/** The ring without its closing position, so that edges can be walked modulo its length. */
export function openRing(ring: Ring): Ring {
  if (ring.length > 1 && samePosition(ring[0], ring[ring.length - 1])) return ring.slice(0, -1);
  return ring.slice();
}

/** The ring closed as GeoJSON wants it; an empty ring stays empty. */
export function closeRing(ring: Ring): Ring {
  const open = openRing(ring);
  return open.length === 0 ? [] : [...open, [open[0][0], open[0][1]]];
}

/** Open ring with consecutive repeats removed (including the wrap-around), e.g. after rounding. */
export function withoutRepeats(ring: Ring): Ring {
  const result: Ring = [];
  for (const position of openRing(ring)) {
    if (result.length === 0 || !samePosition(result[result.length - 1], position)) result.push(position);
  }
  while (result.length > 1 && samePosition(result[0], result[result.length - 1])) result.pop();
  return result;
}

/**
 * Open ring without spikes: a vertex where the boundary runs out along a line and straight back.
 * Sutherland–Hodgman leaves them where a concave subject only touches the clip's edge; they add
 * no area but would poke a cell's outline out of its community.
 */
export function withoutSpikes(ring: Ring): Ring {
  let result = withoutRepeats(ring);
  for (let changed = true; changed && result.length >= 3;) {
    changed = false;
    for (let i = 0; i < result.length && result.length >= 3; i++) {
      const a = result[(i + result.length - 1) % result.length];
      const b = result[i];
      const c = result[(i + 1) % result.length];
      const abx = b[0] - a[0];
      const aby = b[1] - a[1];
      const bcx = c[0] - b[0];
      const bcy = c[1] - b[1];
      const cross = abx * bcy - aby * bcx;
      const turnsBack = abx * bcx + aby * bcy < 0;
      if (turnsBack && Math.abs(cross) <= 1e-9 * Math.hypot(abx, aby) * Math.hypot(bcx, bcy)) {
        result = withoutRepeats([...result.slice(0, i), ...result.slice(i + 1)]);
        changed = true;
      }
    }
  }
  return result;
}

/**
 * Shoelace area in square degrees, positive when counter-clockwise (north up). Good for orientation
 * only; areas in square metres come from polygon-area.
 */
export function planarSignedArea(ring: Ring): number {
  const open = openRing(ring);
  let twice = 0;
  for (let i = 0; i < open.length; i++) {
    const [x1, y1] = open[i];
    const [x2, y2] = open[(i + 1) % open.length];
    twice += x1 * y2 - x2 * y1;
  }
  return twice / 2;
}

/** RFC 7946 orientation: exterior counter-clockwise, holes clockwise, every ring closed. */
export function orientPolygon(polygon: PolygonCoordinates): PolygonCoordinates {
  return polygon.map((ring, index) => {
    const counterClockwise = planarSignedArea(ring) > 0;
    const wantCounterClockwise = index === 0;
    const open = openRing(ring);
    return closeRing(counterClockwise === wantCounterClockwise ? open : open.reverse());
  });
}

export function roundPosition(position: Position, decimals: number): Position {
  const factor = 10 ** decimals;
  // Adding 0 turns -0 into 0, so that equal positions print and compare the same.
  return [Math.round(position[0] * factor) / factor + 0, Math.round(position[1] * factor) / factor + 0];
}

/**
 * The polygon with every position rounded and the repeats this makes removed; a ring left with
 * fewer than three positions disappears, and null means the exterior did.
 */
export function roundPolygon(polygon: PolygonCoordinates, decimals: number): PolygonCoordinates | null {
  const rings = polygon.map((ring) =>
    withoutSpikes(ring.map((position) => roundPosition(position, decimals))),
  );
  if (!rings[0] || rings[0].length < 3) return null;
  return rings.filter((ring) => ring.length >= 3).map(closeRing);
}
