import { DomainError } from '../domain-error';
import { createLocator } from './locate';
import { samplePack, samplePoint } from './testing/sample-district';

describe('createLocator on the sample district', () => {
  const locator = createLocator(samplePack());

  it('places a point in its cell, community and street (worked out by hand)', () => {
    expect(locator.locate(samplePoint(150, 150))).toEqual({
      cellCode: '310199001001005',
      communityId: '310199001001',
      streetId: '310199001',
    });
    expect(locator.locate(samplePoint(450, 50))?.cellCode).toBe('310199001002008');
    expect(locator.locate(samplePoint(550, 450))?.cellCode).toBe('310199002001006');
  });

  it('answers null outside the district and for impossible coordinates', () => {
    expect(locator.locate(samplePoint(-50, 50))).toBeNull();
    expect(locator.locate(samplePoint(300, 10_000))).toBeNull();
    expect(locator.locate({ lat: Number.NaN, lng: 121.47 })).toBeNull();
    expect(locator.locate({ lat: 100, lng: 121.47 })).toBeNull();
  });

  it('gives a point on the edge between two communities to one of them', () => {
    expect(['310199001001009', '310199001002007']).toContain(locator.locate(samplePoint(300, 50))?.cellCode);
  });

  it('takes a point a few centimetres off the edge into the nearest cell, unless told not to', () => {
    expect(locator.locate(samplePoint(-0.2, 150))?.cellCode).toBe('310199001001004');
    expect(createLocator(samplePack(), { toleranceMetres: 0 }).locate(samplePoint(-0.2, 150))).toBeNull();
  });

  it('lists the cells within a radius, nearest first', () => {
    const centre = samplePoint(150, 150);
    expect(locator.cellsWithin(centre, 0)).toEqual(['310199001001005']);
    // The four edge neighbours are 50 m away, the diagonal ones 70.7 m.
    const near = locator.cellsWithin(centre, 60);
    expect(near[0]).toBe('310199001001005');
    expect(near.slice(1).sort()).toEqual(['002', '004', '006', '008'].map((n) => `310199001001${n}`));
    expect(locator.cellsWithin(centre, 75)).toHaveLength(9);
    expect(locator.cellsWithin(samplePoint(-500, -500), 100)).toEqual([]);
  });

  it('finds a cell’s neighbours across community and street borders', () => {
    expect(locator.neighbourCells('310199001001005')).toEqual(
      ['001', '002', '003', '004', '006', '007', '008', '009'].map((n) => `310199001001${n}`),
    );
    expect(locator.neighbourCells('310199001001003')).toEqual([
      '310199001001002',
      '310199001001005',
      '310199001001006',
      '310199001002001',
      '310199001002004',
      '310199002001008',
      '310199002001009',
      '310199002001010',
    ]);
  });

  it('refuses an unknown cell with a 404', () => {
    expect(() => locator.neighbourCells('310199009009009')).toThrow(DomainError);
    try {
      locator.neighbourCells('310199009009009');
    } catch (error) {
      expect((error as DomainError).code).toBe('DISTRICT.UNKNOWN_CELL');
      expect((error as DomainError).status).toBe(404);
    }
  });
});
