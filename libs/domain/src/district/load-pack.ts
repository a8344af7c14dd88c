import type { DistrictPack } from './district-pack';
import { DistrictPackError } from './district-pack-error';
import { validatePack } from './validate-pack';
import { isRecord } from './validate/shape';

const LISTS = ['departments', 'categories', 'responsibility', 'streets', 'communities', 'cells'] as const;

/** The structure validatePack relies on: objects where objects go, lists where lists go. */
function structureProblems(json: unknown): string[] {
  if (!isRecord(json)) return ['pack: not a JSON object'];
  const problems: string[] = [];
  if (!isRecord(json.district)) problems.push('pack: district is missing');
  if (!isRecord(json.calendar)) problems.push('pack: calendar is missing');
  else if (!Array.isArray(json.calendar.workingHours)) problems.push('calendar: workingHours is missing');
  for (const list of LISTS) {
    const value = json[list];
    if (!Array.isArray(value)) problems.push(`pack: ${list} is not a list`);
    else {
      const bad = (value as unknown[]).findIndex((item) => !isRecord(item));
      if (bad >= 0) problems.push(`pack: ${list}[${bad}] is not an object`);
    }
  }
  return problems;
}

/**
 * A pack from JSON (text or parsed), checked in full: throws a DistrictPackError listing every
 * problem, so a bad pack stops a service at start rather than misplacing cases later.
 */
export function loadPack(json: unknown): DistrictPack {
  let parsed = json;
  if (typeof json === 'string') {
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      throw new DistrictPackError([`pack: not JSON (${(error as Error).message})`]);
    }
  }
  // An absent list of overrides means none.
  if (isRecord(parsed) && parsed.responsibility === undefined) parsed = { ...parsed, responsibility: [] };
  const structure = structureProblems(parsed);
  if (structure.length > 0) throw new DistrictPackError(structure);
  const pack = parsed as DistrictPack;
  const problems = validatePack(pack);
  if (problems.length > 0) throw new DistrictPackError(problems);
  return pack;
}
