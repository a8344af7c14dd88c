import type { EvaluationScheme } from '../evaluation/evaluation-scheme';
import type { TimeLimit, WorkingCalendar } from '../calendar/working-calendar';
import type { PolygonCoordinates, Position } from './geo/position';

/**
 * A district's reference data: its places (streets, communities, grid cells), departments,
 * problem categories with their time limits, the responsibility overrides and the working
 * calendar. A district is data, not code: another district is another pack, built by build-pack
 * from its own boundaries and catalogue and checked by validatePack.
 */
export interface DistrictPack {
  district: District;
  calendar: WorkingCalendar;
  departments: Department[];
  categories: Category[];
  /** Where a street's responsibility matrix departs from the categories' default departments. */
  responsibility: ResponsibilityOverride[];
  streets: Street[];
  communities: Community[];
  cells: GridCell[];
  /** The district's own rules of the loop; absent ones take their defaults. */
  rules?: DistrictRules;
  /** The quarterly evaluation's scheme; absent: DEFAULT_EVALUATION_SCHEME. */
  evaluation?: EvaluationScheme;
}

export interface DistrictRules {
  /**
   * A passed on-site check closes the case only once the duty chief signs it off (值班长审核结案);
   * default false: the passed check closes it on the chief's behalf.
   */
  closureNeedsChiefSignOff?: boolean;
  /** Where time-to-dispose starts: at dispatch (派遣, default) or when the department signs (签收). */
  disposalClockFrom?: 'dispatch' | 'sign';
  /** Rebound (整治反弹): a later case of the same category this near, this soon after a closure. */
  rebound?: { radiusMetres?: number; windowDays?: number };
  /** Repeat-problem spots: a cell and category with at least this many reports in a period (default 5). */
  repeatSpotMinReports?: number;
}

/** The metric rules of a district with their defaults filled in (docs/METRICS.md). */
export interface MetricRules {
  disposalClockFrom: 'dispatch' | 'sign';
  reboundRadiusMetres: number;
  reboundWindowDays: number;
  repeatSpotMinReports: number;
}

export function metricRulesOf(pack: Pick<DistrictPack, 'rules'>): MetricRules {
  return {
    disposalClockFrom: pack.rules?.disposalClockFrom ?? 'dispatch',
    reboundRadiusMetres: pack.rules?.rebound?.radiusMetres ?? 250,
    reboundWindowDays: pack.rules?.rebound?.windowDays ?? 30,
    repeatSpotMinReports: pack.rules?.repeatSpotMinReports ?? 5,
  };
}

export interface District {
  /** 6-digit administrative division code (行政区划代码), the first digits of every place code. */
  code: string;
  name: string;
  nameEn: string;
  /** IANA time zone; working time and reporting periods are cut in it. */
  timeZone: string;
}

/** 街道: a street (sub-district), the unit that metrics and the quarterly ranking are cut by. */
export interface Street {
  /** 9 digits: the district's code and a 3-digit street number. */
  id: string;
  name: string;
  nameEn: string;
  polygon: PolygonCoordinates;
}

/** 社区: a community (residents' committee area) inside one street. */
export interface Community {
  /** 12 digits: the street's id and a 3-digit community number. */
  id: string;
  streetId: string;
  name: string;
  nameEn: string;
  polygon: PolygonCoordinates;
}

/**
 * 万米单元网格: a unit grid cell of about 100 m × 100 m, the place every case is filed in and
 * patrols are logged against. It is the part of one grid square inside one community, so it lies in
 * exactly one community and one street; where a community passes through a square twice, the two
 * parts form one cell joined by a zero-width seam on the square's edge.
 */
export interface GridCell {
  /** 15 digits: the community's id and a 3-digit sequence (numbered north to south, west to east). */
  code: string;
  communityId: string;
  streetId: string;
  polygon: PolygonCoordinates;
  /** Area centroid; it can fall outside a concave cell, so never use it to place a point. */
  centroid: Position;
}

export type DepartmentKind = 'department' | 'street-office';

/** 专业部门 or 街道办: who receives dispatched orders. */
export interface Department {
  /** Short slug, stable across packs (e.g. "sanitation"); tokens and orders carry it. */
  id: string;
  name: string;
  nameEn: string;
  kind: DepartmentKind;
  /** The street a street office (街道办) answers for. */
  streetId?: string;
}

export type CategoryFamily = 'component' | 'event';

/**
 * A minor class of problem (after CJ/T 214 / GB/T 30428.2). Code scheme: 4 digits, major class then
 * minor class. Components (部件) use the standard's major classes 01-06 (公用设施, 道路交通, 市容环境,
 * 园林绿化, 房屋土地, 其他); events (事件) take their major class plus 10, so the two families never
 * share a code: 11 市容环境, 12 宣传广告, 13 施工管理, 14 街面秩序, 15 突发事件. Minor classes run 01-99.
 */
export interface Category {
  code: string;
  name: string;
  nameEn: string;
  family: CategoryFamily;
  /** 2-digit major class (大类); the code's first two digits. */
  majorClass: string;
  majorName: string;
  /** 2-digit minor class (小类); the code's last two digits. */
  minorClass: string;
  defaultDepartmentId: string;
  timeLimit: TimeLimit;
  /** For reports marked urgent; shorter than timeLimit. */
  urgentTimeLimit: TimeLimit;
  /** Safety cases (a missing manhole cover) run on calendar hours, round the clock. */
  safety: boolean;
}

/** One cell of a street's responsibility matrix that is not the category's default. */
export interface ResponsibilityOverride {
  categoryCode: string;
  streetId: string;
  departmentId: string;
}
