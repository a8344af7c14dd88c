import { csvLine, parseCsv } from './csv';

describe('CSV (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, and drops a BOM', () => {
    const text = '\ufeffid,details\r\n1,"a, ""quoted"" b"\r\n2,"two\nlines"\n3,plain\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'details'],
      ['1', 'a, "quoted" b'],
      ['2', 'two\nlines'],
      ['3', 'plain'],
    ]);
  });

  it('keeps empty fields and a last line without a line break, and skips blank lines', () => {
    expect(parseCsv('a,,c\n\n,b,')).toEqual([
      ['a', '', 'c'],
      ['', 'b', ''],
    ]);
  });

  it('writes what it reads back, and defuses spreadsheet formulas', () => {
    const line = csvLine([7, 'x,y', 'say "hi"', '=HYPERLINK("evil")']);
    expect(line).toBe('7,"x,y","say ""hi""","\'=HYPERLINK(""evil"")"');
    expect(parseCsv(line)[0]).toEqual(['7', 'x,y', 'say "hi"', '\'=HYPERLINK("evil")']);
  });
});
