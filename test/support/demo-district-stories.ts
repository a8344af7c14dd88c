import { metricRulesOf } from '@cityloop/domain';
import { CaseProjection } from '@cityloop/read-models';
import { demoPackPath, DistrictReference } from '@cityloop/service-kit';
import { CaseStory, type StoryPlace } from '@cityloop/testing';

type Cell = DistrictReference['pack']['cells'][number];

/**
 * Hand-made cases in the demo district, for the projections' integration tests: the district, the
 * case projection with the district's rules, local wall time (+08:00), places in its cells, and
 * case stories numbered from `idPrefix`.
 */
export function demoDistrictStories(idPrefix = '00000000-0000-4000-8000-') {
  const district = DistrictReference.load(demoPackPath());
  let n = 0;
  return {
    district,
    timeZone: district.pack.district.timeZone,
    projection: new CaseProjection({ calendar: district.pack.calendar, rules: metricRulesOf(district.pack) }),
    local: (wallTime: string) => new Date(`${wallTime}+08:00`).toISOString(),
    /** A point `metresNorth` of the cell's centroid. */
    placeIn: (cell: Cell, categoryCode: string, metresNorth = 0): StoryPlace => ({
      categoryCode,
      gridCellCode: cell.code,
      lng: cell.centroid[0],
      lat: cell.centroid[1] + metresNorth / 111_195,
    }),
    story: (place: StoryPlace, source = 'hotline') =>
      new CaseStory(`${idPrefix}${String(++n).padStart(12, '0')}`, place, source),
  };
}
