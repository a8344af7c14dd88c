import {
  createLocator,
  DomainError,
  loadPack,
  type Category,
  type CellPlacement,
  type Department,
  type DistrictPack,
  type Locator,
  type TimeLimit,
} from '@cityloop/domain';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const DEMO_PACK = join('libs', 'domain', 'src', 'district', 'demo', 'demo-district.pack.json');

/** The demo district shipped in the repository, found from wherever this module runs (src or dist). */
export function demoPackPath(from: string = __dirname): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, DEMO_PACK))) return join(dir, DEMO_PACK);
    if (dirname(dir) === dir)
      throw new Error(`the demo district pack (${DEMO_PACK}) is not found above ${from}`);
  }
}

/**
 * The district this service runs for (its pack: streets, communities, the unit grid, departments,
 * categories, the calendar), validated when loaded, with the look-ups every service needs.
 */
export class DistrictReference {
  private readonly locator: Locator;
  private readonly categories: Map<string, Category>;
  private readonly departments: Map<string, Department>;

  constructor(readonly pack: DistrictPack) {
    this.locator = createLocator(pack);
    this.categories = new Map(pack.categories.map((c) => [c.code, c]));
    this.departments = new Map(pack.departments.map((d) => [d.id, d]));
  }

  /** Loads and validates a pack file; every problem is listed, naming the item. */
  static load(path: string): DistrictReference {
    return new DistrictReference(loadPack(JSON.parse(readFileSync(path, 'utf8')) as unknown));
  }

  get calendar() {
    return this.pack.calendar;
  }

  /** Whether a passed on-site check waits for the duty chief's sign-off before closing the case. */
  get closureNeedsChiefSignOff(): boolean {
    return this.pack.rules?.closureNeedsChiefSignOff === true;
  }

  get timeZone(): string {
    return this.pack.district.timeZone;
  }

  category(code: string): Category | undefined {
    return this.categories.get(code);
  }

  /** The category, or a 422 naming the field: a well-formed code the district does not have. */
  requireCategory(code: string, field = 'categoryCode'): Category {
    const found = this.categories.get(code);
    if (!found) {
      throw new DomainError('CATEGORY.UNKNOWN', `no category ${code} in the district's catalogue`, 422, [
        { field, problems: ['must be a category code of GET /api/v1/reference/categories'] },
      ]);
    }
    return found;
  }

  department(id: string): Department | undefined {
    return this.departments.get(id);
  }

  /** The department, or a 422 naming the field: a well-formed id the district does not have. */
  requireDepartment(id: string, field = 'departmentId'): Department {
    const found = this.departments.get(id);
    if (!found) {
      throw new DomainError('DEPARTMENT.UNKNOWN', `no department ${id} in the district`, 422, [
        { field, problems: ['must be a department id of GET /api/v1/reference/district'] },
      ]);
    }
    return found;
  }

  /** The cell, community and street of a point, or a 422 for a valid point outside the district. */
  place(point: { lat: number; lng: number }, field = 'location'): CellPlacement {
    const placement = this.locator.locate(point);
    if (!placement) {
      throw new DomainError(
        'LOCATION.OUTSIDE_DISTRICT',
        `(${point.lat}, ${point.lng}) is outside ${this.pack.district.name}`,
        422,
        [{ field, problems: ['the point is not inside the district'] }],
      );
    }
    return placement;
  }

  cellsWithin(point: { lat: number; lng: number }, radiusMetres: number): string[] {
    return this.locator.cellsWithin(point, radiusMetres);
  }

  /** The disposal time limit of a category for a report of this urgency. */
  timeLimit(categoryCode: string, urgency: string): TimeLimit {
    const category = this.requireCategory(categoryCode);
    return urgency === 'urgent' ? category.urgentTimeLimit : category.timeLimit;
  }
}
