/**
 * A GeoJSON position, [longitude, latitude] in degrees. The pack's coordinates are in whatever
 * datum the district's base map uses (often GCJ-02 in China); points located against the pack must
 * come in the same datum, so nothing here converts between datums.
 */
export type Position = [number, number];

/** A ring of positions; GeoJSON closes it (last = first), the helpers accept it open or closed. */
export type Ring = Position[];

/** GeoJSON Polygon coordinates: the exterior ring first, then any holes. */
export type PolygonCoordinates = Ring[];

/** [minLng, minLat, maxLng, maxLat], the GeoJSON bbox order. */
export type BBox = [number, number, number, number];

/** A point as the API carries it (`location {lat, lng}`). */
export interface LatLng {
  lat: number;
  lng: number;
}

export const toPosition = (point: LatLng): Position => [point.lng, point.lat];
