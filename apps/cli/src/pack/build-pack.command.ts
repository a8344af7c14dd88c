import {
  buildPack,
  DistrictPackError,
  formatPackJson,
  validatePack,
  type BuildPackInput,
} from '@cityloop/domain';
import { readFileSync, writeFileSync } from 'node:fs';
import { CliUsageError } from '../token/issue-token.command';

const USAGE =
  'usage: build-pack <communities.geojson> <catalogue.json> <out.json> [--streets <streets.geojson>] [--cell-size <metres>]';

function parseArguments(args: string[]) {
  const positional: string[] = [];
  let streets: string | undefined;
  let cellSize = 100;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--streets') streets = args[++i];
    else if (args[i] === '--cell-size') cellSize = Number(args[++i]);
    else positional.push(args[i]);
  }
  if (positional.length !== 3 || (streets === undefined && args.includes('--streets')) || !(cellSize > 0)) {
    throw new CliUsageError(USAGE);
  }
  const [communities, catalogue, out] = positional;
  return { communities, catalogue, out, streets, cellSize };
}

/**
 * `build-pack`: a district pack from any city's community boundaries and a catalogue (departments,
 * categories, calendar): the ~100 m unit grid clipped to the communities, checked, then written.
 * Progress goes to stderr; a pack with problems is not written (DistrictPackError lists them).
 */
export function buildPackCommand(argv: string[], progress: (line: string) => void): string {
  const args = parseArguments(argv);
  const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
  const input = {
    communities: readJson(args.communities),
    catalogue: readJson(args.catalogue),
    streets: args.streets === undefined ? undefined : readJson(args.streets),
  } as BuildPackInput;
  const started = Date.now();
  const pack = buildPack(input, { cellSizeMetres: args.cellSize, onProgress: progress });
  progress('validating...');
  const problems = validatePack(pack);
  if (problems.length > 0) throw new DistrictPackError(problems);
  const text = formatPackJson(pack);
  writeFileSync(args.out, text);
  return (
    `wrote ${args.out}: ${pack.streets.length} streets, ${pack.communities.length} communities, ` +
    `${pack.cells.length} cells, ${pack.departments.length} departments, ${pack.categories.length} categories, ` +
    `${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB in ${Date.now() - started} ms`
  );
}
