import type { WorkingCalendar } from '../../calendar/working-calendar';
import type { Category, Department, District, ResponsibilityOverride } from '../district-pack';
import type { PolygonCoordinates } from '../geo/position';

/** A GeoJSON Feature with a Polygon geometry (MultiPolygons are refused: a place is one piece). */
export interface PolygonFeature<P> {
  type: 'Feature';
  properties: P;
  geometry: { type: 'Polygon'; coordinates: PolygonCoordinates };
}

export interface FeatureCollection<P> {
  type: 'FeatureCollection';
  features: PolygonFeature<P>[];
}

/**
 * One community's boundary and the street it belongs to. Ids are optional: without them streets
 * are numbered in order of first appearance and communities in file order within their street;
 * give them to keep codes stable when a boundary file is revised, or when the catalogue names
 * streets (street offices, responsibility rows).
 */
export interface CommunityProperties {
  streetId?: string;
  streetName: string;
  streetNameEn: string;
  communityId?: string;
  communityName: string;
  communityNameEn: string;
}

/** A street's own outline, when its communities do not share their edges exactly. */
export interface StreetProperties {
  streetId?: string;
  streetName: string;
  streetNameEn?: string;
}

/** Everything of a pack that is not geometry (catalogue.json). */
export interface PackCatalogue {
  district: District;
  calendar: WorkingCalendar;
  departments: Department[];
  categories: Category[];
  responsibility?: ResponsibilityOverride[];
}

export interface BuildPackInput {
  communities: FeatureCollection<CommunityProperties>;
  /** Optional: without it each street's outline is the union of its communities. */
  streets?: FeatureCollection<StreetProperties>;
  catalogue: PackCatalogue;
}

export interface BuildPackOptions {
  /** Side of a grid square; 100 m makes the 万米单元网格 (10,000 m²). */
  cellSizeMetres?: number;
  /** Smaller pieces of a square are dropped as slivers (they are left by imperfect boundaries). */
  minCellAreaSquareMetres?: number;
  /** Decimals kept in coordinates; 6 is about 0.1 m and keeps the pack small. */
  decimals?: number;
  onProgress?: (message: string) => void;
}
