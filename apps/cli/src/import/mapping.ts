import { readFileSync } from 'node:fs';
import { CliUsageError } from '../token/issue-token.command';
import { timestampReader, type TimestampReader } from './timestamps';

/**
 * How another system's export maps onto the district (mapping.json):
 *
 * {
 *   "source": "sf311",                        // names the system: ids are unique within it
 *   "columns": { "id": "CaseID", "created": "Opened", "closed": "Closed", "status": "Status",
 *                "agency": "Responsible Agency", "type": "Category", "latitude": "Latitude",
 *                "longitude": "Longitude", "area": "Neighborhood", "description": "Details" },
 *   "dateFormat": "MM/dd/yyyy hh:mm:ss a",    // or "iso"; see timestamps.ts
 *   "timeZone": "America/Los_Angeles",
 *   "categories": { "Graffiti": "0201", ... },     // external type → the district's category code
 *   "departments": { "DPW": "sanitation", ... },   // external agency → department id
 *   "areas": { "Mission": "310199001", ... },      // external area → street id (when a row has no point)
 *   "statuses": { "closed": ["Closed"], "open": ["Open", "Assigned"], "rejected": ["Duplicate"] }
 * }
 *
 * Required columns: id, created, status, type, and either latitude/longitude or area. An agency
 * with no mapping leaves the case to the district's responsibility matrix.
 */
export interface ImportMapping {
  source: string;
  columns: Record<ColumnName, string | undefined>;
  readTimestamp: TimestampReader;
  categories: Record<string, string>;
  departments: Record<string, string>;
  areas: Record<string, string>;
  statuses: Record<string, 'closed' | 'open' | 'rejected'>;
}

export const COLUMN_NAMES = [
  'id',
  'created',
  'closed',
  'status',
  'agency',
  'type',
  'latitude',
  'longitude',
  'area',
  'description',
] as const;
export type ColumnName = (typeof COLUMN_NAMES)[number];

const OUTCOMES = ['closed', 'open', 'rejected'] as const;

export function loadMapping(path: string): ImportMapping {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new CliUsageError(`mapping ${path}: ${(error as Error).message}`);
  }
  const problems: string[] = [];
  const object = (name: string) => {
    const value = raw[name] ?? {};
    if (typeof value !== 'object' || Array.isArray(value)) problems.push(`${name}: expected an object`);
    return value as Record<string, unknown>;
  };
  const strings = (name: string) => {
    const value = object(name);
    for (const [k, v] of Object.entries(value))
      if (typeof v !== 'string') problems.push(`${name}.${k}: expected a string`);
    return value as Record<string, string>;
  };
  const source = typeof raw.source === 'string' && /^[\w.-]{1,40}$/.test(raw.source) ? raw.source : '';
  if (!source) problems.push('source: a name for the system (letters, digits, ._-)');
  const columns = strings('columns') as Record<ColumnName, string | undefined>;
  for (const key of Object.keys(columns))
    if (!(COLUMN_NAMES as readonly string[]).includes(key))
      problems.push(`columns.${key}: unknown; known: ${COLUMN_NAMES.join(', ')}`);
  for (const needed of ['id', 'created', 'status', 'type'] as const)
    if (!columns[needed]) problems.push(`columns.${needed}: required`);
  if (!(columns.latitude && columns.longitude) && !columns.area)
    problems.push('columns: latitude and longitude, or area, are required');
  const statuses: Record<string, 'closed' | 'open' | 'rejected'> = {};
  for (const [outcome, values] of Object.entries(object('statuses'))) {
    if (!(OUTCOMES as readonly string[]).includes(outcome))
      problems.push(`statuses.${outcome}: expected one of ${OUTCOMES.join(', ')}`);
    else if (!Array.isArray(values) || values.some((v) => typeof v !== 'string'))
      problems.push(`statuses.${outcome}: expected a list of the export's status values`);
    else
      for (const value of values as string[])
        statuses[value.trim().toLowerCase()] = outcome as 'closed' | 'open' | 'rejected';
  }
  let readTimestamp: TimestampReader = () => null;
  try {
    if (typeof raw.timeZone !== 'string')
      throw new Error('timeZone: required (an IANA zone such as Asia/Shanghai)');
    new Intl.DateTimeFormat('en', { timeZone: raw.timeZone });
    readTimestamp = timestampReader(
      typeof raw.dateFormat === 'string' ? raw.dateFormat : 'iso',
      raw.timeZone,
    );
  } catch (error) {
    problems.push((error as Error).message);
  }
  const mapping = {
    source,
    columns,
    readTimestamp,
    categories: strings('categories'),
    departments: strings('departments'),
    areas: strings('areas'),
    statuses,
  };
  if (problems.length > 0) throw new CliUsageError(`mapping ${path}:\n  - ${problems.join('\n  - ')}`);
  return mapping;
}
