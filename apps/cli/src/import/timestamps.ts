import { instantOf } from '@cityloop/domain';

/**
 * Timestamps of another system's export: a pattern of yyyy, MM, dd, HH (24 h) or hh with a (12 h,
 * AM/PM), mm, ss, and literal characters; or "iso" (ISO 8601 with its own offset). Local times are
 * read in the mapping's time zone. Anything that does not match, or names a date that does not
 * exist (2026-02-30), is refused.
 */
export type TimestampReader = (text: string) => Date | null;

const TOKENS = ['yyyy', 'MM', 'dd', 'HH', 'hh', 'mm', 'ss', 'a'] as const;
type Token = (typeof TOKENS)[number];
const TOKEN_PATTERN: Record<Token, string> = {
  yyyy: '(\\d{4})',
  MM: '(\\d{1,2})',
  dd: '(\\d{1,2})',
  HH: '(\\d{1,2})',
  hh: '(\\d{1,2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
  a: '([AaPp][Mm])',
};

export function timestampReader(format: string, timeZone: string): TimestampReader {
  if (format === 'iso') {
    return (text) => {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text.trim()))
        return null;
      const at = new Date(text.trim());
      return Number.isNaN(at.getTime()) ? null : at;
    };
  }
  const order: Token[] = [];
  let pattern = '';
  for (let i = 0; i < format.length;) {
    const token = TOKENS.find((t) => format.startsWith(t, i));
    if (token) {
      order.push(token);
      pattern += TOKEN_PATTERN[token];
      i += token.length;
    } else {
      pattern += format[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  for (const needed of ['yyyy', 'MM', 'dd'] as const)
    if (!order.includes(needed)) throw new Error(`dateFormat "${format}" has no ${needed}`);
  if (order.includes('hh') !== order.includes('a'))
    throw new Error(`dateFormat "${format}": hh (12-hour) goes with a (AM/PM)`);
  const regex = new RegExp(`^${pattern}$`);
  return (text) => {
    const match = regex.exec(text.trim());
    if (!match) return null;
    const part = (t: Token) => match[order.indexOf(t) + 1];
    const number = (t: Token, fallback = 0) => (order.includes(t) ? Number(part(t)) : fallback);
    let hour = order.includes('hh') ? number('hh') % 12 : number('HH');
    if (order.includes('a') && /p/i.test(part('a'))) hour += 12;
    const [year, month, day, minute, second] = [
      number('yyyy'),
      number('MM'),
      number('dd'),
      number('mm'),
      number('ss'),
    ];
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) return null; // 02-30
    const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`;
    return instantOf(date, time, timeZone);
  };
}
