import type { PolygonCoordinates, Position } from '../geo/position';
import { planarSignedArea, samePosition } from '../geo/ring';

export const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Each value that occurs more than once, once. */
export function duplicates(values: readonly unknown[]): string[] {
  const seen = new Set<unknown>();
  const repeated = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) repeated.add(String(value));
    seen.add(value);
  }
  return [...repeated];
}

export function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1]) &&
    Math.abs(value[0]) <= 180 &&
    Math.abs(value[1]) <= 90
  );
}

/** What is wrong with a GeoJSON Polygon's coordinates, or null; geometry checks skip bad ones. */
export function polygonProblem(polygon: unknown): string | null {
  if (!Array.isArray(polygon) || polygon.length === 0) return 'polygon has no rings';
  for (const [index, ring] of (polygon as unknown[]).entries()) {
    const name = index === 0 ? 'exterior ring' : `hole ${index}`;
    if (!Array.isArray(ring)) return `polygon ${name} is not an array`;
    const positions = ring as unknown[];
    const bad = positions.findIndex((position) => !isPosition(position));
    if (bad >= 0) return `polygon ${name} position ${bad} is not [lng, lat] in range`;
    if (positions.length < 4) return `polygon ${name} has fewer than 4 positions`;
    if (!samePosition(positions[0] as Position, positions[positions.length - 1] as Position)) {
      return `polygon ${name} is not closed (last position differs from the first)`;
    }
    if (planarSignedArea(positions as Position[]) === 0) return `polygon ${name} has no area`;
  }
  return null;
}

export const isPolygon = (polygon: unknown): polygon is PolygonCoordinates =>
  polygonProblem(polygon) === null;

/** A value from unchecked JSON, readable in a problem message. */
export const show = (value: unknown): string =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
