import { demoPackPath, DistrictReference } from '@cityloop/service-kit';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RowReader } from './import-row';
import { loadMapping } from './mapping';

const district = DistrictReference.load(demoPackPath());
const mappingFile = join(mkdtempSync(join(tmpdir(), 'mapping-')), 'mapping.json');
const write = (mapping: Record<string, unknown>) => {
  writeFileSync(mappingFile, JSON.stringify(mapping));
  return loadMapping(mappingFile);
};
const mapping = {
  source: 'town',
  columns: {
    id: 'ID',
    created: 'Opened',
    closed: 'Closed',
    status: 'State',
    agency: 'Agency',
    type: 'Type',
    latitude: 'Lat',
    longitude: 'Lng',
    area: 'Area',
  },
  dateFormat: 'yyyy-MM-dd HH:mm',
  timeZone: 'Asia/Shanghai',
  categories: { Litter: '1102' },
  departments: { DPW: 'sanitation' },
  areas: { Riverside: '310199001' },
  statuses: { closed: ['Done'], open: ['New'], rejected: ['Dup'] },
};
const header = ['ID', 'Opened', 'Closed', 'State', 'Agency', 'Type', 'Lat', 'Lng', 'Area'];
const reader = () => new RowReader(header, write(mapping), district, new Date('2026-11-01T00:00:00Z'));
const [lng, lat] = district.pack.cells[10].centroid;

describe('reading an export row', () => {
  it('makes a case of a good row: mapped category and department, local times, its point', () => {
    const row = reader().read(
      ['A1', '2026-09-01 08:00', '2026-09-02 09:30', 'Done', 'DPW', 'Litter', String(lat), String(lng), ''],
      1,
    );
    expect(row).toEqual({
      ok: expect.objectContaining({
        externalId: 'A1',
        outcome: 'closed',
        createdAt: new Date('2026-09-01T00:00:00Z'),
        closedAt: new Date('2026-09-02T01:30:00Z'),
        categoryCode: '1102',
        departmentId: 'sanitation',
        location: { lat, lng },
      }),
    });
  });

  it("places a row without a point in its area's street, and leaves an unmapped agency to the matrix", () => {
    const row = reader().read(
      ['A2', '2026-09-01 08:00', '', 'New', 'Elsewhere', '1102', '', '', 'Riverside'],
      2,
    );
    if (!('ok' in row)) throw new Error(JSON.stringify(row));
    expect(district.place(row.ok.location).streetId).toBe('310199001');
    expect(row.ok.departmentId).toBeUndefined();
  });

  it('refuses bad rows with their reason', () => {
    const r = reader();
    const cases: [string[], RegExp][] = [
      [['B1', '2026-13-01 08:00', '', 'New', 'DPW', 'Litter', String(lat), String(lng), ''], /is not a date/],
      [
        ['B2', '2026-09-02 08:00', '2026-09-01 08:00', 'Done', 'DPW', 'Litter', String(lat), String(lng), ''],
        /is before created/,
      ],
      [
        ['B3', '2026-09-01 08:00', '', 'New', 'DPW', 'Graffiti', String(lat), String(lng), ''],
        /unknown category "Graffiti"/,
      ],
      [
        ['B4', '2026-09-01 08:00', '', 'Lost', 'DPW', 'Litter', String(lat), String(lng), ''],
        /status "Lost" has no mapping/,
      ],
      [['B5', '2026-09-01 08:00', '', 'New', 'DPW', 'Litter', '40.7', '-74.0', ''], /outside the district/],
      [
        ['B6', '2026-09-01 08:00', '', 'New', 'DPW', 'Litter', '', '', 'Hilltop'],
        /area "Hilltop" has no mapping/,
      ],
      [['B7', '2027-09-01 08:00', '', 'New', 'DPW', 'Litter', String(lat), String(lng), ''], /in the future/],
      [['B1', '2026-09-01 08:00', '', 'New', 'DPW', 'Litter', String(lat), String(lng), ''], /appears twice/],
    ];
    cases.forEach(([fields, reason], i) => {
      const row = r.read(fields, i + 1);
      expect(row).toEqual({
        bad: { rowNumber: i + 1, externalId: fields[0], reason: expect.stringMatching(reason) },
      });
    });
  });

  it('refuses a mapping that names what the district does not have, or lacks what it needs', () => {
    expect(
      () =>
        new RowReader(header, write({ ...mapping, departments: { DPW: 'nowhere' } }), district, new Date()),
    ).toThrow(/nowhere is not a department/);
    expect(() => new RowReader(['ID'], write(mapping), district, new Date())).toThrow(
      /no column for created/,
    );
    expect(() => write({ ...mapping, columns: { id: 'ID' }, timeZone: 'Mars/Base' })).toThrow(
      /columns.created: required[\s\S]*Mars\/Base|Invalid time zone/,
    );
  });
});
