import { readFileSync } from 'node:fs';
import type { DistrictPack } from './district-pack';
import { loadPack } from './load-pack';

/** Reads and checks a pack file; the one place in this library that touches the file system. */
export function readPackFile(path: string): DistrictPack {
  return loadPack(readFileSync(path, 'utf8'));
}
