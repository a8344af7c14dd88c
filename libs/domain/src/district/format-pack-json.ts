type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Display width as Prettier counts it: CJK and full-width characters take two columns. */
function width(text: string): number {
  let columns = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd);
    columns += wide ? 2 : 1;
  }
  return columns;
}

const isContainer = (value: Json): value is Json[] | { [key: string]: Json } =>
  typeof value === 'object' && value !== null;

const size = (value: Json): number =>
  Array.isArray(value) ? value.length : isContainer(value) ? Object.keys(value).length : 0;

/** The one-line form, or null when the value cannot be on one line (it holds an object). */
function flat(value: Json): string | null {
  if (!isContainer(value)) return JSON.stringify(value);
  if (!Array.isArray(value)) return Object.keys(value).length === 0 ? '{}' : null;
  const items = value.map(flat);
  return items.every((item) => item !== null) ? `[${items.join(', ')}]` : null;
}

function format(value: Json, indent: string, column: number, trailing: number, printWidth: number): string {
  if (!isContainer(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (!Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const lines = keys.map((key, i) => {
      const prefix = `${JSON.stringify(key)}: `;
      const comma = i < keys.length - 1 ? 1 : 0;
      return `${inner}${prefix}${format(value[key], inner, width(inner + prefix), comma, printWidth)}${comma ? ',' : ''}`;
    });
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
  if (value.length === 0) return '[]';
  // Prettier always breaks a list of two or more lists (or objects) that each hold two or more items.
  const forced =
    value.length > 1 &&
    value.every(
      (item) => isContainer(item) && size(item) > 1 && Array.isArray(item) === Array.isArray(value[0]),
    );
  const oneLine = forced ? null : flat(value);
  if (oneLine !== null && column + width(oneLine) + trailing <= printWidth) return oneLine;
  if (value.every((item) => typeof item === 'number')) {
    // Prettier fills lines with numbers rather than giving each its own line.
    const lines: string[] = [];
    let line = '';
    value.forEach((item, i) => {
      const text = `${JSON.stringify(item)}${i < value.length - 1 ? ',' : ''}`;
      if (line && width(inner + line + ' ' + text) > printWidth) {
        lines.push(line);
        line = text;
      } else line = line ? `${line} ${text}` : text;
    });
    lines.push(line);
    return `[\n${lines.map((l) => inner + l).join('\n')}\n${indent}]`;
  }
  const lines = value.map((item, i) => {
    const comma = i < value.length - 1 ? 1 : 0;
    return `${inner}${format(item, inner, width(inner), comma, printWidth)}${comma ? ',' : ''}`;
  });
  return `[\n${lines.join('\n')}\n${indent}]`;
}

/**
 * JSON laid out the way the repository's Prettier settings (printWidth 110) lay it out, so that a
 * regenerated pack passes `prettier --check` as written: objects one key a line, positions and
 * short lists on one line. Ends with a newline.
 */
export function formatPackJson(value: unknown, printWidth = 110): string {
  return `${format(JSON.parse(JSON.stringify(value)) as Json, '', 0, 0, printWidth)}\n`;
}
