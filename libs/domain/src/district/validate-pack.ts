import type { DistrictPack } from './district-pack';
import { checkCalendar } from './validate/check-calendar';
import { checkCatalogue } from './validate/check-catalogue';
import { checkGeometry } from './validate/check-geometry';
import { checkPlaces } from './validate/check-places';
import { checkRules } from './validate/check-rules';

export { COVERAGE_TOLERANCE, TINY_AREA_SQUARE_METRES } from './validate/check-geometry';

/**
 * Every problem that would make the pack mislead: codes that do not nest, overlapping or missing
 * cells, cells in two streets, unknown departments, categories without a usable time limit, a
 * calendar that cannot be read, rules or an evaluation scheme that do not add up. Each message names the item. An empty list means usable.
 */
export function validatePack(pack: DistrictPack): string[] {
  return [
    ...checkPlaces(pack),
    ...checkGeometry(pack),
    ...checkCatalogue(pack),
    ...checkCalendar(pack.calendar, pack.district.timeZone),
    ...checkRules(pack),
  ];
}
