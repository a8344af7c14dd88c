import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildPackInput } from './build/build-input';
import { buildPack } from './build-pack';
import type { DistrictPack } from './district-pack';
import { formatPackJson } from './format-pack-json';
import { bboxOfPolygon } from './geo/bbox';
import { haversineMetres } from './geo/haversine';
import { interiorPoint } from './geo/interior-point';
import { pointInPolygon } from './geo/point-in-polygon';
import { polygonAreaSquareMetres } from './geo/polygon-area';
import { createLocator } from './locate';
import { readPackFile } from './read-pack-file';
import { responsibleDepartment } from './responsibility';
import { validatePack } from './validate-pack';

const DEMO = join(__dirname, 'demo');

describe('the demo district (江滨区)', () => {
  const pack: DistrictPack = readPackFile(join(DEMO, 'demo-district.pack.json'));
  const locator = createLocator(pack);

  it('loads and validates with no problems', () => {
    expect(validatePack(pack)).toEqual([]);
    expect(pack.district).toEqual({
      code: '310199',
      name: '江滨区',
      nameEn: 'Jiangbin District',
      timeZone: 'Asia/Shanghai',
    });
  });

  it('is the pack its inputs build (regenerate it with `npm run pack:build` when they change)', () => {
    const read = (file: string): unknown => JSON.parse(readFileSync(join(DEMO, file), 'utf8'));
    const input = {
      communities: read('communities.geojson'),
      catalogue: read('catalogue.json'),
    } as BuildPackInput;
    expect(formatPackJson(buildPack(input))).toBe(
      readFileSync(join(DEMO, 'demo-district.pack.json'), 'utf8'),
    );
  });

  it('has 6+ streets, 20+ communities, 10+ departments and 40+ categories', () => {
    expect(pack.streets.length).toBeGreaterThanOrEqual(6);
    expect(pack.communities.length).toBeGreaterThanOrEqual(20);
    expect(pack.departments.length).toBeGreaterThanOrEqual(10);
    expect(pack.categories.length).toBeGreaterThanOrEqual(40);
    expect(pack.cells.length).toBeGreaterThan(300);
    expect(pack.cells.length).toBeLessThan(1600);
    for (const id of [
      'sanitation',
      'enforcement',
      'housing',
      'greening',
      'water',
      'traffic-police',
      'municipal-roads',
    ]) {
      expect(pack.departments.map((d) => d.id)).toContain(id);
    }
    expect(pack.departments.filter((d) => d.kind === 'street-office')).toHaveLength(pack.streets.length);
  });

  it('carries the five time limits of the brief', () => {
    const limit = (name: string) => {
      const category = pack.categories.find((c) => c.name === name)!;
      return { ...category.timeLimit, safety: category.safety };
    };
    expect(limit('暴露垃圾')).toEqual({ amount: 4, unit: 'workingHours', safety: false });
    expect(limit('道路不洁')).toEqual({ amount: 5, unit: 'workingHours', safety: false });
    expect(limit('积存垃圾渣土')).toEqual({ amount: 4, unit: 'workingDays', safety: false });
    expect(limit('违法搭建')).toEqual({ amount: 15, unit: 'workingDays', safety: false });
    expect(limit('井盖缺失')).toEqual({ amount: 6, unit: 'calendarHours', safety: true });
  });

  it('covers both families and all eleven major classes', () => {
    const majors = new Set(pack.categories.map((c) => `${c.family} ${c.majorClass} ${c.majorName}`));
    expect([...majors].sort()).toEqual([
      'component 01 公用设施',
      'component 02 道路交通',
      'component 03 市容环境',
      'component 04 园林绿化',
      'component 05 房屋土地',
      'component 06 其他',
      'event 11 市容环境',
      'event 12 宣传广告',
      'event 13 施工管理',
      'event 14 街面秩序',
      'event 15 突发事件',
    ]);
  });

  it('sends exposed garbage in 南浦街道 to its street office, elsewhere to sanitation', () => {
    expect(responsibleDepartment(pack, '1102', '310199006')).toBe('office-nanpu');
    expect(responsibleDepartment(pack, '1102', '310199001')).toBe('sanitation');
  });

  it('is about 3.5 km across, centred near 31.23 N 121.47 E', () => {
    const positions = pack.streets.flatMap((s) => s.polygon[0]);
    const west = Math.min(...positions.map((p) => p[0]));
    const east = Math.max(...positions.map((p) => p[0]));
    const south = Math.min(...positions.map((p) => p[1]));
    const north = Math.max(...positions.map((p) => p[1]));
    expect(haversineMetres([west, south], [east, south])).toBeGreaterThan(3_000);
    expect(haversineMetres([west, south], [east, south])).toBeLessThan(4_000);
    expect((west + east) / 2).toBeCloseTo(121.47, 2);
    expect((south + north) / 2).toBeCloseTo(31.23, 2);
  });

  it('has a concave street: 东湖街道 is an L filling little more than half its bounding box', () => {
    const donghu = pack.streets.find((s) => s.name === '东湖街道')!;
    const [west, south, east, north] = bboxOfPolygon(donghu.polygon);
    const boxArea =
      haversineMetres([west, south], [east, south]) * haversineMetres([west, south], [west, north]);
    expect(polygonAreaSquareMetres(donghu.polygon) / boxArea).toBeLessThan(0.6);
  });

  it('locates a point in the middle of each street in that street', () => {
    for (const street of pack.streets) {
      const [lng, lat] = interiorPoint(street.polygon)!;
      expect(locator.locate({ lat, lng })?.streetId).toBe(street.id);
    }
  });

  it('puts a point 10 km away outside the district', () => {
    expect(locator.locate({ lat: 31.23 + 10_000 / 111_195, lng: 121.47 })).toBeNull();
  });

  it('locates like a scan of every cell would, for 3,000 random points', () => {
    const exact = createLocator(pack, { toleranceMetres: 0 });
    let seed = 42;
    const random = () => ((seed = (seed * 16807) % 2147483647), seed / 2147483647);
    for (let n = 0; n < 3_000; n++) {
      const point = { lng: 121.448 + random() * 0.044, lat: 31.214 + random() * 0.032 };
      const scanned = pack.cells.find((c) => pointInPolygon([point.lng, point.lat], c.polygon));
      const located = exact.locate(point);
      expect(located?.cellCode).toBe(scanned?.code);
    }
  });
});
