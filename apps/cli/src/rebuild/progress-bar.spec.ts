import { progressBar } from './progress-bar';

describe('the rebuild progress bar', () => {
  it('draws a line every tenth of the way when not on a terminal, and copes with events that came in meanwhile', () => {
    const lines: string[] = [];
    const bar = progressBar((text) => lines.push(text), Date.now() - 1000, false);
    for (const done of [0, 50, 100, 102]) bar({ done, total: 100 });
    expect(lines).toHaveLength(3); // 0 %, 50 %, 100 %; 102 of 100 draws nothing more
    expect(lines[2]).toContain('[##############################] 100% 100/100 events');
    expect(() => bar({ done: 140, total: 100 })).not.toThrow();
  });

  it('redraws in place on a terminal and ends the line when done', () => {
    const lines: string[] = [];
    const bar = progressBar((text) => lines.push(text), Date.now(), true);
    bar({ done: 3, total: 4 });
    bar({ done: 5, total: 4 });
    expect(lines[0].startsWith('\r[')).toBe(true);
    expect(lines[1]).toMatch(/100% 5\/4 events, .*\n$/);
  });
});
