import type { Response } from 'express';

/**
 * CSV for every table (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet software reads
 * the Chinese names). Nested objects become dotted columns: rates.disposal.rate.
 */
export function toCsv(items: readonly Record<string, unknown>[]): string {
  const flat = items.map((item) => flatten(item));
  const columns = [...new Set(flat.flatMap((row) => Object.keys(row)))];
  const lines = [columns, ...flat.map((row) => columns.map((c) => row[c]))].map((cells) =>
    cells.map(cell).join(','),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Answers with the items as CSV (the route returns what this returns). */
export function csvResponse(res: Response, items: readonly Record<string, unknown>[]): string {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  return toCsv(items);
}

function flatten(value: Record<string, unknown>, prefix = '', into: Record<string, unknown> = {}) {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v))
      flatten(v as Record<string, unknown>, name, into);
    else into[name] = v;
  }
  return into;
}

function cell(value: unknown): string {
  const text = textOf(value);
  // A cell that a spreadsheet would read as a formula is quoted as text (CSV injection).
  const safe = typeof value === 'string' && /^[=+@\t]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(textOf).join(';');
  if (typeof value === 'object') return JSON.stringify(value);
  return `${value as string | number | boolean}`;
}
