// The reporting period: a quarter (default: the quarter of the district's today), a month or an
// ISO week, remembered in localStorage. Names are the API's: 2026-Q3, 2026-07, 2026-W29.

const STORAGE_KEY = 'cityloop.period';

const pad = (n) => String(n).padStart(2, '0');
const utc = (y, m, d) => new Date(Date.UTC(y, m - 1, d));
const ymd = (date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
const addDays = (date, n) => new Date(date.getTime() + n * 86400000);

/** ISO week of a UTC date: {year, week}. */
function isoWeek(date) {
  const thursday = addDays(date, 3 - ((date.getUTCDay() + 6) % 7));
  const year = thursday.getUTCFullYear();
  const firstThursday = addDays(utc(year, 1, 4), 3 - ((utc(year, 1, 4).getUTCDay() + 6) % 7));
  return { year, week: 1 + Math.round((thursday - firstThursday) / (7 * 86400000)) };
}

function mondayOfWeek(year, week) {
  const jan4 = utc(year, 1, 4);
  return addDays(jan4, (week - 1) * 7 - ((jan4.getUTCDay() + 6) % 7));
}

export function kindOf(name) {
  if (/^\d{4}-Q[1-4]$/.test(name)) return 'quarter';
  if (/^\d{4}-W\d{2}$/.test(name)) return 'week';
  if (/^\d{4}-\d{2}$/.test(name)) return 'month';
  return null;
}

/** {from, to} local dates (both inclusive) of a named period. */
export function rangeOf(name) {
  const kind = kindOf(name);
  const year = Number(name.slice(0, 4));
  if (kind === 'quarter') {
    const q = Number(name.slice(6));
    return { from: ymd(utc(year, q * 3 - 2, 1)), to: ymd(addDays(utc(year, q * 3 + 1, 1), -1)) };
  }
  if (kind === 'month') {
    const m = Number(name.slice(5));
    return { from: ymd(utc(year, m, 1)), to: ymd(addDays(utc(year, m + 1, 1), -1)) };
  }
  const monday = mondayOfWeek(year, Number(name.slice(6)));
  return { from: ymd(monday), to: ymd(addDays(monday, 6)) };
}

/** The quarter a period lies in (the evaluation is quarterly); a week by its Thursday. */
export function quarterOf(name) {
  const { from, to } = rangeOf(name);
  const pivot =
    kindOf(name) === 'week' ? addDays(new Date(`${from}T00:00:00Z`), 3) : new Date(`${to}T00:00:00Z`);
  return `${pivot.getUTCFullYear()}-Q${Math.floor(pivot.getUTCMonth() / 3) + 1}`;
}

/** The periods to offer, newest first, ending with the one that holds today (YYYY-MM-DD). */
export function optionsFor(kind, today) {
  const [y, m, d] = today.split('-').map(Number);
  const out = [];
  if (kind === 'quarter') {
    let q = Math.floor((m - 1) / 3) + 1;
    let year = y;
    for (let i = 0; i < 8; i += 1) {
      out.push(`${year}-Q${q}`);
      q -= 1;
      if (q === 0) [q, year] = [4, year - 1];
    }
  } else if (kind === 'month') {
    for (let i = 0; i < 18; i += 1) {
      const date = utc(y, m - i, 1);
      out.push(`${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`);
    }
  } else {
    let monday = addDays(utc(y, m, d), -((utc(y, m, d).getUTCDay() + 6) % 7));
    for (let i = 0; i < 40; i += 1) {
      const { year, week } = isoWeek(monday);
      out.push(`${year}-W${pad(week)}`);
      monday = addDays(monday, -7);
    }
  }
  return out;
}

export const currentQuarter = (today) => optionsFor('quarter', today)[0];

/** The period of #period=2026-Q3 (kiosks), else the one chosen last on this screen. */
export function rememberedPeriod() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('period');
  if (fromHash && kindOf(fromHash)) {
    rememberPeriod(fromHash);
    return fromHash;
  }
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored && kindOf(stored) ? stored : null;
}

export const rememberPeriod = (name) => localStorage.setItem(STORAGE_KEY, name);

/** "2026-W29 (07-13 – 07-19)": weeks get their dates, the rest are plain. */
export function labelOf(name) {
  if (kindOf(name) !== 'week') return name;
  const { from, to } = rangeOf(name);
  return `${name} (${from.slice(5)} – ${to.slice(5)})`;
}

export const isoWeekOf = (dateString) => {
  const { year, week } = isoWeek(new Date(`${dateString}T00:00:00Z`));
  return `${year}-W${pad(week)}`;
};
