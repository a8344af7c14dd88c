/** Mean Earth radius (IUGG), the sphere every distance and area here is measured on. */
export const EARTH_RADIUS_METRES = 6_371_008.8;

/** Length of one degree of latitude (and of longitude on the equator) on that sphere. */
export const METRES_PER_DEGREE = (Math.PI * EARTH_RADIUS_METRES) / 180;

export const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Length of one degree of longitude at a latitude. */
export const metresPerDegreeLng = (latitude: number): number =>
  METRES_PER_DEGREE * Math.cos(toRadians(latitude));
