import { interiorPoint } from '@cityloop/domain';
import type { DistrictReference } from '@cityloop/service-kit';
import type { ColumnName, ImportMapping } from './mapping';

/** A good row, as it will go through the services: a case with its original business times. */
export interface ImportCase {
  rowNumber: number;
  externalId: string;
  outcome: 'closed' | 'open' | 'rejected';
  createdAt: Date;
  closedAt?: Date;
  categoryCode: string;
  location: { lat: number; lng: number };
  /** The department the source system named (mapped); none: the district's responsibility matrix. */
  departmentId?: string;
  description: string;
}

/** A bad row: reported with its number and why, never sent. */
export interface BadRow {
  rowNumber: number;
  externalId: string;
  reason: string;
}

/** Reads rows of one export: each row is an ImportCase or a BadRow. */
export class RowReader {
  private readonly index: Partial<Record<ColumnName, number>> = {};
  private readonly seen = new Set<string>();
  /** Each street's interior point, found once (a grid search over its polygon: milliseconds). */
  private readonly streetPoints = new Map<string, ReturnType<typeof interiorPoint>>();

  constructor(
    header: string[],
    private readonly mapping: ImportMapping,
    private readonly district: DistrictReference,
    private readonly now: Date,
  ) {
    const positions = new Map(header.map((name, i) => [name.trim(), i]));
    const missing: string[] = [];
    for (const [column, name] of Object.entries(mapping.columns) as [ColumnName, string | undefined][]) {
      if (!name) continue;
      const at = positions.get(name);
      if (at === undefined) missing.push(`${column} → "${name}"`);
      else this.index[column] = at;
    }
    if (missing.length > 0) throw new Error(`the export has no column for ${missing.join(', ')}`);
    for (const [from, to] of Object.entries(mapping.departments))
      if (!district.department(to))
        throw new Error(`mapping departments."${from}": ${to} is not a department of the district`);
    for (const [from, to] of Object.entries(mapping.categories))
      if (!district.category(to))
        throw new Error(`mapping categories."${from}": ${to} is not a category of the district`);
  }

  read(fields: string[], rowNumber: number): { ok: ImportCase } | { bad: BadRow } {
    const get = (column: ColumnName) => {
      const at = this.index[column];
      return at === undefined ? '' : (fields[at] ?? '').trim();
    };
    const externalId = get('id');
    const bad = (reason: string) => ({ bad: { rowNumber, externalId, reason } });
    if (!externalId) return bad('no id');
    if (this.seen.has(externalId)) return bad(`id ${externalId} appears twice in the export`);
    this.seen.add(externalId);

    const outcome = this.mapping.statuses[get('status').toLowerCase()];
    if (!outcome) return bad(`status "${get('status')}" has no mapping (statuses)`);
    const createdAt = this.mapping.readTimestamp(get('created'));
    if (!createdAt) return bad(`created "${get('created')}" is not a date of the mapping's dateFormat`);
    if (createdAt > this.now) return bad(`created ${createdAt.toISOString()} is in the future`);
    let closedAt: Date | undefined;
    if (outcome === 'closed') {
      const closed = this.mapping.readTimestamp(get('closed'));
      if (!closed) return bad(`closed "${get('closed')}" is not a date of the mapping's dateFormat`);
      if (closed < createdAt)
        return bad(`closed ${closed.toISOString()} is before created ${createdAt.toISOString()}`);
      if (closed > this.now) return bad(`closed ${closed.toISOString()} is in the future`);
      closedAt = closed;
    }

    const type = get('type');
    const categoryCode = this.mapping.categories[type] ?? (this.district.category(type) ? type : undefined);
    if (!categoryCode) return bad(`unknown category "${type}" (no mapping in categories)`);
    const agency = get('agency');
    const departmentId = agency ? this.mapping.departments[agency] : undefined;

    const location = this.locationOf(get('latitude'), get('longitude'), get('area'));
    if (typeof location === 'string') return bad(location);
    const description = get('description') || `${type} (${this.mapping.source} ${externalId})`;
    return {
      ok: {
        rowNumber,
        externalId,
        outcome,
        createdAt,
        closedAt,
        categoryCode,
        location,
        departmentId,
        description,
      },
    };
  }

  /** The row's point, checked to lie in the district; else its area's street (a point inside it). */
  private locationOf(latText: string, lngText: string, area: string): { lat: number; lng: number } | string {
    if (latText || lngText) {
      const [lat, lng] = [Number(latText), Number(lngText)];
      if (
        !latText ||
        !lngText ||
        !Number.isFinite(lat) ||
        !Number.isFinite(lng) ||
        Math.abs(lat) > 90 ||
        Math.abs(lng) > 180
      )
        return `latitude/longitude "${latText}", "${lngText}" is not a point`;
      try {
        this.district.place({ lat, lng });
      } catch {
        return `(${lat}, ${lng}) is outside the district`;
      }
      return { lat, lng };
    }
    const streetId = this.mapping.areas[area];
    if (!area || !streetId)
      return area ? `area "${area}" has no mapping (areas)` : 'no location: neither a point nor an area';
    const point = this.interiorPointOf(streetId);
    if (!point) return `area "${area}" maps to ${streetId}, which is not a street of the district`;
    return { lat: point[1], lng: point[0] };
  }

  private interiorPointOf(streetId: string): ReturnType<typeof interiorPoint> {
    if (!this.streetPoints.has(streetId)) {
      const street = this.district.pack.streets.find((s) => s.id === streetId);
      this.streetPoints.set(streetId, street ? interiorPoint(street.polygon) : null);
    }
    return this.streetPoints.get(streetId)!;
  }
}
