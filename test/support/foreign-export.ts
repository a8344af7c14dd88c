import { bboxOfPolygon, type GridCell, interiorPoint, pointInPolygon, type Position } from '@cityloop/domain';
import { categoryNamed, demoDistrict } from './service-processes';
import { seededRandom } from './seeded-random';

/**
 * A generated export of another city's 311 system (the kind `npm run import` takes): its own
 * column names, US-style 12-hour timestamps in the district's time zone, its own agency, category,
 * status and neighbourhood names, a share of rows without a point (a neighbourhood instead), and a
 * share of bad rows (an impossible date, closed before created, a category with no mapping).
 * Rows come in id order, which is the order they were opened, as real exports do. They span the
 * 81 days before 2026-09-20, or, for a larger export, as many days as keep it to
 * {@link CASES_PER_DAY} (100,000 rows span 834 days), so that a big export is a long history and
 * not a denser district. Each point lies at random inside its cell. Deterministic for a seed.
 */
export interface ForeignExport {
  csv: string;
  mapping: Record<string, unknown>;
  rows: number;
  badRows: number;
  /** The instants its records were opened between; each closes within ten days of opening. */
  opened: { from: Date; to: Date };
}

const TIME_ZONE = 'Asia/Shanghai';
const HEADER = [
  'CaseID',
  'Opened',
  'Closed',
  'Status',
  'Responsible Agency',
  'Category',
  'Latitude',
  'Longitude',
  'Neighborhood',
  'Request Details',
];
const AGENCIES: Record<string, string> = {
  'DPW Street Cleaning': 'sanitation',
  'Parks and Trees': 'greening',
  'Water Department': 'water',
  'Public Works Roads': 'municipal-roads',
};
const CATEGORIES = {
  'Street Cleaning': '暴露垃圾',
  'Litter Receptacle': '垃圾箱损坏',
  Pothole: '道路破损',
  'Fallen Tree': '行道树倒伏',
};
const STATUSES = { closed: ['Closed'], open: ['Open', 'Assigned'], rejected: ['Duplicate'] };

/** "09/07/2026 02:05:09 PM" in the district's zone (+08:00, no daylight saving). */
export function usTimestamp(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = local.getUTCHours();
  return (
    `${pad(local.getUTCMonth() + 1)}/${pad(local.getUTCDate())}/${local.getUTCFullYear()} ` +
    `${pad(hours % 12 === 0 ? 12 : hours % 12)}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`
  );
}

/** Cases a day, on average, of an export past 81 days' worth: a busy district's 12345 and patrol intake. */
export const CASES_PER_DAY = 120;
const DAY = 86_400_000;
const END = Date.parse('2026-09-20T00:00:00+08:00');

const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function foreignExport(rows: number, seed: number, badShare = 0.01): ForeignExport {
  const next = seededRandom(seed);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const district = demoDistrict().pack;
  const neighbourhoods = Object.fromEntries(district.streets.map((s) => [`${s.nameEn} Neighborhood`, s.id]));
  const categories = Object.fromEntries(
    Object.entries(CATEGORIES).map(([external, name]) => [external, categoryNamed(name).code]),
  );
  const cells = district.cells;
  const span = Math.max(81, Math.ceil(rows / CASES_PER_DAY)) * DAY;
  const start = END - span;
  const openings = Array.from({ length: rows }, () => start + Math.floor((next() * span) / 1000) * 1000);
  openings.sort((a, b) => a - b);
  const pointIn = randomPointIn(next);
  const badEvery = badShare > 0 ? Math.round(1 / badShare) : Infinity;
  const lines = [HEADER.join(',')];
  let badRows = 0;
  for (let i = 1; i <= rows; i++) {
    const opened = new Date(openings[i - 1]);
    const closed = new Date(opened.getTime() + Math.floor(3600 + next() * 10 * 86_400) * 1000);
    const roll = next();
    let status = roll < 0.85 ? 'Closed' : roll < 0.95 ? pick(['Open', 'Assigned']) : 'Duplicate';
    let category = pick(Object.keys(CATEGORIES));
    let openedText = usTimestamp(opened);
    let closedText = status === 'Closed' ? usTimestamp(closed) : '';
    if (i % badEvery === 0) {
      badRows++;
      const kind = badRows % 3;
      if (kind === 0) openedText = '13/45/2026 25:61:00 PM';
      else if (kind === 1) {
        status = 'Closed';
        closedText = usTimestamp(new Date(opened.getTime() - 3_600_000));
      } else category = 'Abandoned Vehicle';
    }
    const cell = pick(cells);
    const [lng, lat] = pointIn(cell);
    const street = district.streets.find((s) => s.id === cell.streetId)!;
    const withPoint = next() >= 0.1;
    lines.push(
      [
        `SR-${seed}-${String(i).padStart(6, '0')}`,
        openedText,
        closedText,
        status,
        pick(Object.keys(AGENCIES)),
        category,
        withPoint ? lat.toFixed(7) : '',
        withPoint ? lng.toFixed(7) : '',
        `${street.nameEn} Neighborhood`,
        quote(`${category}, reported by a caller "near no. ${i}"`),
      ].join(','),
    );
  }
  return {
    csv: `${lines.join('\r\n')}\r\n`,
    rows,
    badRows,
    opened: { from: new Date(start), to: new Date(END) },
    mapping: {
      source: `city311-${seed}`,
      columns: {
        id: 'CaseID',
        created: 'Opened',
        closed: 'Closed',
        status: 'Status',
        agency: 'Responsible Agency',
        type: 'Category',
        latitude: 'Latitude',
        longitude: 'Longitude',
        area: 'Neighborhood',
        description: 'Request Details',
      },
      dateFormat: 'MM/dd/yyyy hh:mm:ss a',
      timeZone: TIME_ZONE,
      categories,
      departments: AGENCIES,
      areas: neighbourhoods,
      statuses: STATUSES,
    },
  };
}

/**
 * A random point inside a cell, as written (7 decimals, about a centimetre): drawn in the cell's box
 * until one falls inside, or after a few misses the cell's interior point (found once per cell).
 */
function randomPointIn(next: () => number): (cell: GridCell) => Position {
  const interior = new Map<string, Position>();
  return (cell) => {
    const [west, south, east, north] = bboxOfPolygon(cell.polygon);
    for (let attempt = 0; attempt < 16; attempt++) {
      const point: Position = [
        Number((west + next() * (east - west)).toFixed(7)),
        Number((south + next() * (north - south)).toFixed(7)),
      ];
      if (pointInPolygon(point, cell.polygon)) return point;
    }
    if (!interior.has(cell.code)) interior.set(cell.code, interiorPoint(cell.polygon)!);
    return interior.get(cell.code)!;
  };
}

export interface CloseFigures {
  count: number;
  median: number;
  p90: number;
}

/**
 * Per department, from the CSV text alone: the closed records whose closure falls in [from, to),
 * with the count and the median and 90th percentile (linear interpolation, as percentile_cont) of
 * closed − opened in seconds. Bad rows are left out as the import leaves them out.
 */
export function closeFiguresFromCsv(csv: string, from: Date, to: Date): Record<string, CloseFigures> {
  const [header, ...rows] = csv.trim().split('\r\n').map(splitCsvLine);
  const col = (name: string) => header.indexOf(name);
  const parse = (text: string): number | null => {
    const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2}) (AM|PM)$/.exec(text);
    if (!m) return null;
    const [, mo, d, y, h, mi, s, ampm] = m;
    if (Number(mo) > 12 || Number(d) > 31 || Number(h) > 12 || Number(mi) > 59) return null;
    const hour = (Number(h) % 12) + (ampm === 'PM' ? 12 : 0);
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), hour, Number(mi), Number(s)) - 8 * 3_600_000;
  };
  const durations: Record<string, number[]> = {};
  for (const row of rows) {
    if (row[col('Status')] !== 'Closed') continue;
    if (!(row[col('Category')] in CATEGORIES)) continue;
    const opened = parse(row[col('Opened')]);
    const closed = parse(row[col('Closed')]);
    if (opened === null || closed === null || closed < opened) continue;
    if (closed < from.getTime() || closed >= to.getTime()) continue;
    const department = AGENCIES[row[col('Responsible Agency')]];
    (durations[department] ??= []).push((closed - opened) / 1000);
  }
  return Object.fromEntries(
    Object.entries(durations).map(([department, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const at = (q: number) => {
        const rank = (sorted.length - 1) * q;
        const low = Math.floor(rank);
        return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (rank - low);
      };
      return [department, { count: sorted.length, median: at(0.5), p90: at(0.9) }];
    }),
  );
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}
