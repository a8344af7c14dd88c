// Figures as people read them: durations in h/min, rates in %, times in the district's time zone.
import { lang, t } from './i18n.js';

let timeZone = 'Asia/Shanghai';
export const setTimeZone = (zone) => {
  if (zone) timeZone = zone;
};
export const districtTimeZone = () => timeZone;

const DASH = '—';

/** Seconds as "3小时20分" / "3 h 20 min"; days past 48 hours. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return DASH;
  const total = Math.round(Math.abs(seconds));
  const sign = seconds < 0 ? '-' : '';
  if (total < 60) return sign + t('dur.s', { s: total });
  const minutes = Math.round(total / 60);
  if (minutes < 60) return sign + t('dur.m', { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const m = minutes % 60;
    return sign + (m === 0 ? t('dur.h', { h: hours }) : t('dur.hm', { h: hours, m }));
  }
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return sign + (h === 0 ? t('dur.d', { d }) : t('dur.dh', { d, h }));
}

/** 0.8765 → "87.7%"; null → "—". */
export function percent(rate, digits = 1) {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return DASH;
  const value = rate * 100;
  return `${value.toFixed(value === 100 || value === 0 ? 0 : digits)}%`;
}

export function number(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return DASH;
  return new Intl.NumberFormat(lang() === 'en' ? 'en-US' : 'zh-CN').format(n);
}

const formatters = new Map();
function formatter(options) {
  const key = `${lang()}|${timeZone}|${JSON.stringify(options)}`;
  if (!formatters.has(key))
    formatters.set(
      key,
      new Intl.DateTimeFormat(lang() === 'en' ? 'en-GB' : 'zh-CN', {
        timeZone,
        hourCycle: 'h23',
        ...options,
      }),
    );
  return formatters.get(key);
}

const parts = (date, options) =>
  Object.fromEntries(
    formatter(options)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );

/** "2026-07-02 13:00" in the district's time zone. */
export function dateTime(iso) {
  if (!iso) return DASH;
  const p = parts(new Date(iso), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "07-02 13:00": for lists where the year is obvious. */
export function shortDateTime(iso) {
  if (!iso) return DASH;
  const p = parts(new Date(iso), { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The local date YYYY-MM-DD of an instant in the district. */
export function localDate(date) {
  const p = parts(date, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${p.year}-${p.month}-${p.day}`;
}

/** The clock of the header: {date, time, weekday}. */
export function clock(date) {
  const p = parts(date, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const weekday = new Date(`${p.year}-${p.month}-${p.day}T12:00:00Z`).getUTCDay();
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    time: `${p.hour}:${p.minute}:${p.second}`,
    weekday: t('weekday')[weekday],
  };
}

export const dash = DASH;
