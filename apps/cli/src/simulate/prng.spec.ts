import { Prng } from './prng';

const draws = (prng: Prng, n: number) => Array.from({ length: n }, () => prng.next());

describe('the seeded generator', () => {
  it('gives the same numbers for the same seed, and others for another seed', () => {
    expect(draws(new Prng('7'), 100)).toEqual(draws(new Prng('7'), 100));
    expect(draws(new Prng('7'), 100)).not.toEqual(draws(new Prng('8'), 100));
  });

  it('forks independent streams: drawing from one does not shift another', () => {
    const root = new Prng('7');
    const before = draws(root.fork('places'), 10);
    const other = root.fork('times');
    draws(other, 1000);
    draws(root, 1000);
    expect(draws(root.fork('places'), 10)).toEqual(before);
    expect(before).not.toEqual(draws(root.fork('times'), 10));
  });

  it('draws uniformly in [0, 1), integers within their bounds, and by weight', () => {
    const prng = new Prng('uniform');
    const values = draws(prng, 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    const ints = Array.from({ length: 5000 }, () => prng.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    const picks = Array.from({ length: 20_000 }, () => prng.weighted(['a', 'b'], (x) => (x === 'a' ? 3 : 1)));
    const shareA = picks.filter((x) => x === 'a').length / picks.length;
    expect(Math.abs(shareA - 0.75)).toBeLessThan(0.015);
    expect(() => prng.weighted(['a'], () => 0)).toThrow();
  });

  it('draws normal and log-normal values with the intended centre', () => {
    const prng = new Prng('normal');
    const normals = Array.from({ length: 20_000 }, () => prng.normal());
    const mean = normals.reduce((s, v) => s + v, 0) / normals.length;
    const variance = normals.reduce((s, v) => s + (v - mean) ** 2, 0) / normals.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    const logs = Array.from({ length: 20_001 }, () => prng.logNormal(Math.log(2), 0.5)).sort((a, b) => a - b);
    expect(Math.abs(logs[10_000] - 2)).toBeLessThan(0.05);
  });
});
