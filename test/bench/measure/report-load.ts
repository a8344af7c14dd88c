import { demoPackPath, DEVELOPMENT_JWT_SECRET, DistrictReference, Tokens } from '@cityloop/service-kit';
import { postJson } from './http-client';

const district = DistrictReference.load(process.env.DISTRICT_PACK || demoPackPath());
const { cells, categories } = district.pack;

/** The importer's identity: the load runs under the limits configured for integrations. */
export const asImporter = {
  authorization: `Bearer ${new Tokens(process.env.JWT_SECRET || DEVELOPMENT_JWT_SECRET).sign({ id: 'bench', role: 'importer' })}`,
};

/** A token for the command centre's live stream and reads. */
export const commandToken = new Tokens(process.env.JWT_SECRET || DEVELOPMENT_JWT_SECRET).sign({
  id: 'bench-command',
  role: 'command',
});

const inside = (point: { lat: number; lng: number }): boolean => {
  try {
    district.place(point);
    return true;
  } catch {
    return false;
  }
};

/**
 * Report n of a load: every category in turn over every cell, each point moved up to 20 m from the
 * cell's centre (a different spread for every n), so that duplicate detection runs on every report
 * but rarely finds an open case of the same category that close.
 */
export function reportOf(n: number): Record<string, unknown> {
  const cell = cells[(n * 7919) % cells.length];
  const category = categories[Math.floor(n / cells.length) % categories.length];
  const jitter = (k: number) => (((n * k) % 1000) / 1000 - 0.5) * 0.00036; // about ±20 m
  const moved = { lat: cell.centroid[1] + jitter(7), lng: cell.centroid[0] + jitter(13) };
  return {
    source: 'hotline',
    categoryCode: category.code,
    // A cell on the boundary keeps its centre: the load is about intake, not about 422s.
    location: inside(moved) ? moved : { lat: cell.centroid[1], lng: cell.centroid[0] },
    description: `bench report ${n}`,
  };
}

/** POSTs report n to intake; resolves with the status (201: committed). */
export const fileReport = (intakeUrl: string, n: number): Promise<number> =>
  postJson(`${intakeUrl}/api/v1/reports`, reportOf(n), asImporter);
