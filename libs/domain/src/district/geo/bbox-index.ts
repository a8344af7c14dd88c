import { bboxUnion } from './bbox';
import type { BBox } from './position';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/**
 * A uniform grid of buckets over a set of boxes: a query looks only at the buckets it covers, so
 * placing a report costs a handful of point-in-polygon tests whatever the district's size. Buckets
 * are about the median box's size, so a grid cell sits in one to four of them.
 */
export class BBoxIndex {
  private readonly buckets: number[][];
  private readonly stamp: Uint32Array;
  private generation = 0;

  private constructor(
    private readonly boxes: readonly BBox[],
    private readonly origin: [number, number],
    private readonly size: [number, number],
    private readonly columns: number,
    private readonly rows: number,
  ) {
    this.buckets = Array.from({ length: columns * rows }, () => []);
    this.stamp = new Uint32Array(boxes.length);
    boxes.forEach((box, index) => this.forBuckets(box, (bucket) => this.buckets[bucket].push(index)));
  }

  static build(boxes: readonly BBox[]): BBoxIndex {
    if (boxes.length === 0) return new BBoxIndex(boxes, [0, 0], [1, 1], 1, 1);
    const [west, south, east, north] = bboxUnion(boxes);
    const width = Math.max(median(boxes.map((b) => b[2] - b[0])), (east - west) / 1024, 1e-9);
    const height = Math.max(median(boxes.map((b) => b[3] - b[1])), (north - south) / 1024, 1e-9);
    const columns = Math.max(1, Math.ceil((east - west) / width));
    const rows = Math.max(1, Math.ceil((north - south) / height));
    return new BBoxIndex(boxes, [west, south], [width, height], columns, rows);
  }

  /** Indexes of the boxes that meet the query box grown by a tolerance (touching counts), ascending. */
  query(box: BBox, tolerance = 0): number[] {
    const grown: BBox = [box[0] - tolerance, box[1] - tolerance, box[2] + tolerance, box[3] + tolerance];
    const found: number[] = [];
    // Stamping visited boxes instead of a Set keeps a query allocation-free but for its result.
    if (++this.generation === 0xffffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    this.forBuckets(grown, (bucket) => {
      for (const index of this.buckets[bucket]) {
        if (this.stamp[index] === this.generation) continue;
        this.stamp[index] = this.generation;
        const other = this.boxes[index];
        if (other[0] <= grown[2] && grown[0] <= other[2] && other[1] <= grown[3] && grown[1] <= other[3]) {
          found.push(index);
        }
      }
    });
    return found.sort((a, b) => a - b);
  }

  /** Boxes on a bucket's edge go into both buckets, so touching boxes always share one. */
  private forBuckets(box: BBox, visit: (bucket: number) => void): void {
    const clamp = (value: number, limit: number) => Math.min(Math.max(value, 0), limit - 1);
    const firstColumn = clamp(Math.floor((box[0] - this.origin[0]) / this.size[0]), this.columns);
    const lastColumn = clamp(Math.floor((box[2] - this.origin[0]) / this.size[0]), this.columns);
    const firstRow = clamp(Math.floor((box[1] - this.origin[1]) / this.size[1]), this.rows);
    const lastRow = clamp(Math.floor((box[3] - this.origin[1]) / this.size[1]), this.rows);
    for (let row = firstRow; row <= lastRow; row++) {
      for (let column = firstColumn; column <= lastColumn; column++) visit(row * this.columns + column);
    }
  }
}
