import type { TimeLimit } from '../../calendar/working-calendar';
import type { DistrictPack } from '../district-pack';
import { duplicates, isRecord, isText } from './shape';

const UNITS: readonly string[] = ['workingHours', 'workingDays', 'calendarHours'];

function limitProblem(limit: unknown): string | null {
  if (!isRecord(limit)) return 'is missing';
  if (!UNITS.includes(limit.unit as string))
    return `has unit "${String(limit.unit)}", not one of ${UNITS.join(', ')}`;
  if (typeof limit.amount !== 'number' || !Number.isFinite(limit.amount) || limit.amount <= 0) {
    return `has amount ${String(limit.amount)}, not a positive number`;
  }
  return null;
}

/**
 * Hours a limit stands for, to compare a normal and an urgent limit. Working and calendar hours
 * are not comparable (a night has none of the one and twelve of the other), so each says which.
 */
function comparableHours(limit: TimeLimit, hoursPerWorkingDay: number): { hours: number; working: boolean } {
  if (limit.unit === 'workingDays') return { hours: limit.amount * hoursPerWorkingDay, working: true };
  return { hours: limit.amount, working: limit.unit === 'workingHours' };
}

function hoursPerWorkingDay(pack: DistrictPack): number {
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const hours = (pack.calendar.workingHours ?? []).reduce(
    (sum, period) => sum + Math.max(0, minutes(String(period?.end)) - minutes(String(period?.start))) / 60,
    0,
  );
  return Number.isFinite(hours) && hours > 0 ? hours : 8;
}

/** Departments, categories and the responsibility overrides, and every department they name. */
export function checkCatalogue(pack: DistrictPack): string[] {
  const problems: string[] = [];
  const streetIds = new Set(pack.streets.map((street) => street.id));
  const departmentIds = new Set<string>();

  for (const department of pack.departments) {
    const label = `department ${String(department.id)}`;
    if (typeof department.id !== 'string' || !/^[a-z][a-z0-9-]{0,39}$/.test(department.id)) {
      problems.push(`${label}: id is not a short lower-case slug`);
    }
    if (!isText(department.name) || !isText(department.nameEn))
      problems.push(`${label}: name and nameEn are required`);
    if (department.kind === 'street-office') {
      if (!streetIds.has(department.streetId as string)) {
        problems.push(`${label}: street office of unknown street ${String(department.streetId)}`);
      }
    } else if (department.kind === 'department') {
      if (department.streetId !== undefined) problems.push(`${label}: only a street office has a streetId`);
    } else {
      problems.push(`${label}: kind "${String(department.kind)}" is not department or street-office`);
    }
    departmentIds.add(department.id);
  }
  for (const id of duplicates(pack.departments.map((d) => d.id)))
    problems.push(`department ${id}: id used more than once`);

  const dayHours = hoursPerWorkingDay(pack);
  const majorNames = new Map<string, string>();
  for (const category of pack.categories) {
    const label = `category ${String(category.code)}${isText(category.name) ? ` (${category.name})` : ''}`;
    const { code, majorClass, minorClass } = category;
    if (typeof code !== 'string' || !/^\d{4}$/.test(code)) problems.push(`${label}: code is not 4 digits`);
    if (
      typeof majorClass !== 'string' ||
      !/^\d{2}$/.test(majorClass) ||
      typeof minorClass !== 'string' ||
      !/^\d{2}$/.test(minorClass)
    ) {
      problems.push(`${label}: majorClass and minorClass must be 2 digits each`);
    } else {
      if (code !== majorClass + minorClass)
        problems.push(`${label}: code is not majorClass ${majorClass} + minorClass ${minorClass}`);
      if (minorClass === '00') problems.push(`${label}: minor class 00 is not a class`);
      const range = category.family === 'component' ? /^0[1-9]$/ : /^1[1-9]$/;
      if (category.family !== 'component' && category.family !== 'event') {
        problems.push(`${label}: family "${String(category.family)}" is not component or event`);
      } else if (!range.test(majorClass)) {
        problems.push(
          `${label}: major class ${majorClass} is not in the ${category.family} range (${category.family === 'component' ? '01-09' : '11-19'})`,
        );
      }
      const known = majorNames.get(majorClass);
      if (known !== undefined && known !== category.majorName) {
        problems.push(
          `${label}: major class ${majorClass} is named "${String(category.majorName)}" here and "${known}" elsewhere`,
        );
      }
      if (known === undefined) majorNames.set(majorClass, category.majorName);
    }
    if (!isText(category.name) || !isText(category.nameEn) || !isText(category.majorName)) {
      problems.push(`${label}: name, nameEn and majorName are required`);
    }
    if (!departmentIds.has(category.defaultDepartmentId)) {
      problems.push(`${label}: unknown default department ${String(category.defaultDepartmentId)}`);
    }
    if (typeof category.safety !== 'boolean') problems.push(`${label}: safety must be true or false`);
    const normal = limitProblem(category.timeLimit);
    const urgent = limitProblem(category.urgentTimeLimit);
    if (normal) problems.push(`${label}: time limit ${normal}`);
    if (urgent) problems.push(`${label}: urgent time limit ${urgent}`);
    if (normal || urgent) continue;
    if (
      category.safety === true &&
      (category.timeLimit.unit !== 'calendarHours' || category.urgentTimeLimit.unit !== 'calendarHours')
    ) {
      problems.push(`${label}: a safety category runs on calendar hours`);
    }
    const a = comparableHours(category.timeLimit, dayHours);
    const b = comparableHours(category.urgentTimeLimit, dayHours);
    if (a.working === b.working && b.hours >= a.hours) {
      problems.push(`${label}: urgent time limit is not shorter than the normal one`);
    }
  }
  for (const code of duplicates(pack.categories.map((c) => c.code)))
    problems.push(`category ${code}: code used more than once`);

  const categoryCodes = new Set(pack.categories.map((category) => category.code));
  for (const row of pack.responsibility) {
    const label = `responsibility ${String(row.categoryCode)} in street ${String(row.streetId)}`;
    if (!categoryCodes.has(row.categoryCode))
      problems.push(`${label}: unknown category ${String(row.categoryCode)}`);
    if (!streetIds.has(row.streetId)) problems.push(`${label}: unknown street ${String(row.streetId)}`);
    if (!departmentIds.has(row.departmentId))
      problems.push(`${label}: unknown department ${String(row.departmentId)}`);
  }
  for (const key of duplicates(
    pack.responsibility.map((row) => `${row.categoryCode} in street ${row.streetId}`),
  )) {
    problems.push(`responsibility ${key}: listed more than once`);
  }
  return problems;
}
