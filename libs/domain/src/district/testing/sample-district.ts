import type {
  BuildPackInput,
  CommunityProperties,
  PackCatalogue,
  PolygonFeature,
} from '../build/build-input';
import { buildPack } from '../build-pack';
import type { Category, DistrictPack } from '../district-pack';
import { METRES_PER_DEGREE, metresPerDegreeLng } from '../geo/earth';
import type { LatLng, Position } from '../geo/position';
import { roundPosition } from '../geo/ring';

/**
 * A tiny district for tests, laid out on the 100 m grid itself so that every cell is a whole
 * square and codes can be worked out by hand (x east and y north in metres from the south-west
 * corner, 600 m × 500 m):
 *
 *   y 500 +-----------------------------+
 *         |  B1 (street 002), 6 × 2     |
 *   y 300 +--------------+--------------+
 *         |  A1, 3 × 3   |  A2, 3 × 3   |   street 001
 *   y   0 +--------------+--------------+
 *         x 0          x 300          x 600
 *
 * Cells are numbered per community north to south, west to east: A1's are 001-003 (y 200-300),
 * 004-006 (y 100-200), 007-009 (y 0-100).
 */
const ORIGIN: Position = [121.47, 31.23];
const STEP_LAT = 100 / METRES_PER_DEGREE;
const TOP = roundPosition([ORIGIN[0], ORIGIN[1] + 5 * STEP_LAT], 6)[1];
const STEP_LNG = 100 / metresPerDegreeLng((ORIGIN[1] + TOP) / 2);

/** A grid corner, computed exactly as the builder computes it, so boundaries and squares coincide. */
const corner = (column: number, row: number): Position =>
  roundPosition([ORIGIN[0] + column * STEP_LNG, ORIGIN[1] + row * STEP_LAT], 6);

/** A point at (x, y) metres from the sample district's south-west corner. */
export const samplePoint = (x: number, y: number): LatLng => ({
  lng: ORIGIN[0] + (x / 100) * STEP_LNG,
  lat: ORIGIN[1] + (y / 100) * STEP_LAT,
});

function rectangle(
  [x0, y0, x1, y1]: [number, number, number, number],
  properties: CommunityProperties,
): PolygonFeature<CommunityProperties> {
  const ring = [corner(x0, y0), corner(x1, y0), corner(x1, y1), corner(x0, y1), corner(x0, y0)];
  return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } };
}

const category = (
  code: string,
  name: string,
  nameEn: string,
  defaultDepartmentId: string,
  timeLimit: Category['timeLimit'],
  urgentTimeLimit: Category['urgentTimeLimit'],
  safety = false,
): Category => ({
  code,
  name,
  nameEn,
  family: code.startsWith('0') ? 'component' : 'event',
  majorClass: code.slice(0, 2),
  majorName: code.startsWith('0') ? '公用设施' : '市容环境',
  minorClass: code.slice(2),
  defaultDepartmentId,
  timeLimit,
  urgentTimeLimit,
  safety,
});

export const sampleCatalogue = (): PackCatalogue => ({
  district: { code: '310199', name: '样例区', nameEn: 'Sample District', timeZone: 'Asia/Shanghai' },
  calendar: {
    timeZone: 'Asia/Shanghai',
    workingHours: [
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ],
    weekendDays: [0, 6],
    holidays: ['2026-10-01', '2026-10-02'],
    makeUpWorkdays: ['2026-10-10'],
  },
  departments: [
    { id: 'sanitation', name: '区环卫所', nameEn: 'Sanitation', kind: 'department' },
    { id: 'water', name: '区水务局', nameEn: 'Water Affairs', kind: 'department' },
    { id: 'enforcement', name: '区城管执法局', nameEn: 'Enforcement', kind: 'department' },
    {
      id: 'office-b',
      name: '乙街道办事处',
      nameEn: 'Yi Subdistrict Office',
      kind: 'street-office',
      streetId: '310199002',
    },
  ],
  categories: [
    category(
      '0101',
      '井盖缺失',
      'Missing manhole cover',
      'water',
      { amount: 6, unit: 'calendarHours' },
      { amount: 2, unit: 'calendarHours' },
      true,
    ),
    category(
      '1101',
      '违法搭建',
      'Illegal construction',
      'enforcement',
      { amount: 15, unit: 'workingDays' },
      { amount: 5, unit: 'workingDays' },
    ),
    category(
      '1102',
      '暴露垃圾',
      'Exposed garbage',
      'sanitation',
      { amount: 4, unit: 'workingHours' },
      { amount: 2, unit: 'workingHours' },
    ),
  ],
  responsibility: [{ categoryCode: '1102', streetId: '310199002', departmentId: 'office-b' }],
});

export const sampleInput = (): BuildPackInput => {
  const street = (id: string, name: string, nameEn: string) => ({
    streetId: id,
    streetName: name,
    streetNameEn: nameEn,
  });
  return {
    communities: {
      type: 'FeatureCollection',
      features: [
        rectangle([0, 0, 3, 3], {
          ...street('310199001', '甲街道', 'Jia'),
          communityName: '甲一社区',
          communityNameEn: 'Jia 1',
        }),
        rectangle([3, 0, 6, 3], {
          ...street('310199001', '甲街道', 'Jia'),
          communityName: '甲二社区',
          communityNameEn: 'Jia 2',
        }),
        rectangle([0, 3, 6, 5], {
          ...street('310199002', '乙街道', 'Yi'),
          communityName: '乙一社区',
          communityNameEn: 'Yi 1',
        }),
      ],
    },
    catalogue: sampleCatalogue(),
  };
};

export const samplePack = (): DistrictPack => buildPack(sampleInput());
