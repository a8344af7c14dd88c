import {
  bboxOfPolygon,
  createLocator,
  interiorPoint,
  type DistrictPack,
  type GridCell,
  type LatLng,
  type Locator,
} from '@cityloop/domain';
import { RATES } from './district-mix';
import type { Prng } from './prng';

/**
 * The district's places as the simulator uses them: cells weighted by how busy their community
 * is, points that the services' own locator places in the intended cell, and the patrollers'
 * rounds (some cells are on nobody's round).
 */
export class DistrictPlaces {
  private readonly locator: Locator;
  private readonly cellWeights: number[];
  /** Cells on a patroller's round, by street, in code order. */
  readonly patrolled: Map<string, GridCell[]>;
  private readonly patrolledCells: GridCell[];
  private readonly patrolledWeights: number[];

  constructor(
    readonly pack: DistrictPack,
    prng: Prng,
  ) {
    this.locator = createLocator(pack);
    const activity = prng.fork('community-activity');
    // Busy communities (markets, old lanes) report far more than quiet ones.
    const communityWeight = new Map(pack.communities.map((c) => [c.id, activity.logNormal(0, 0.7)]));
    this.cellWeights = pack.cells.map((cell) => communityWeight.get(cell.communityId) ?? 1);
    const rounds = prng.fork('patrol-rounds');
    this.patrolled = new Map(pack.streets.map((s) => [s.id, [] as GridCell[]]));
    for (const cell of pack.cells) {
      if (!rounds.chance(RATES.unpatrolledCells)) this.patrolled.get(cell.streetId)?.push(cell);
    }
    this.patrolledCells = [...this.patrolled.values()].flat();
    this.patrolledWeights = this.patrolledCells.map((cell) => communityWeight.get(cell.communityId) ?? 1);
  }

  /** Any cell of the district, busy communities more often. */
  anyCell(prng: Prng): GridCell {
    return this.pack.cells[prng.weightedIndex(this.cellWeights)];
  }

  /** A cell on some patroller's round: where patrollers find problems. */
  patrolledCell(prng: Prng): GridCell {
    return this.patrolledCells[prng.weightedIndex(this.patrolledWeights)];
  }

  /**
   * A point inside the cell, to 6 decimals (about 0.1 m), that the locator places in that very
   * cell; an odd sliver of a cell falls back to its interior point.
   */
  pointIn(cell: GridCell, prng: Prng): LatLng {
    const [west, south, east, north] = bboxOfPolygon(cell.polygon);
    for (let attempt = 0; attempt < 50; attempt++) {
      const point = {
        lat: round6(prng.uniform(south, north)),
        lng: round6(prng.uniform(west, east)),
      };
      if (this.locator.locate(point)?.cellCode === cell.code) return point;
    }
    const inside = interiorPoint(cell.polygon);
    const point = inside && { lat: round6(inside[1]), lng: round6(inside[0]) };
    if (!point || this.locator.locate(point)?.cellCode !== cell.code) {
      throw new Error(`no point found inside cell ${cell.code}`);
    }
    return point;
  }

  /** A point near `around` (within about `metres`) still inside the cell: the same spot again. */
  pointNear(cell: GridCell, around: LatLng, metres: number, prng: Prng): LatLng {
    const degrees = metres / 111_000;
    for (let attempt = 0; attempt < 20; attempt++) {
      const point = {
        lat: round6(around.lat + prng.uniform(-degrees, degrees)),
        lng: round6(around.lng + prng.uniform(-degrees, degrees)),
      };
      if (this.locator.locate(point)?.cellCode === cell.code) return point;
    }
    return around;
  }

  streetName(streetId: string): string {
    return this.pack.streets.find((s) => s.id === streetId)?.name ?? streetId;
  }

  communityName(communityId: string): string {
    return this.pack.communities.find((c) => c.id === communityId)?.name ?? communityId;
  }
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;
