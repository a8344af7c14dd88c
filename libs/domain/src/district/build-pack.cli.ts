/**
 * Builds a district pack from community boundaries and a catalogue, checks it, and writes it.
 *
 *   node dist/libs/domain/src/district/build-pack.cli.js <communities.geojson> <catalogue.json> <out.json>
 *        [--streets <streets.geojson>] [--cell-size <metres>]
 *
 * Progress and problems go to stderr. Exit codes: 0 written; 1 the pack has problems (nothing
 * written); 64 wrong arguments.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildPack } from './build-pack';
import type { BuildPackInput } from './build/build-input';
import { DistrictPackError } from './district-pack-error';
import { formatPackJson } from './format-pack-json';
import { validatePack } from './validate-pack';

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
  if (positional.length !== 3 || (streets === undefined && args.includes('--streets')) || !(cellSize > 0))
    return null;
  const [communities, catalogue, out] = positional;
  return { communities, catalogue, out, streets, cellSize };
}

function main(): number {
  const args = parseArguments(process.argv.slice(2));
  if (!args) {
    process.stderr.write(`${USAGE}\n`);
    return 64;
  }
  const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
  const input = {
    communities: readJson(args.communities),
    catalogue: readJson(args.catalogue),
    streets: args.streets === undefined ? undefined : readJson(args.streets),
  } as BuildPackInput;
  const started = Date.now();
  try {
    const pack = buildPack(input, {
      cellSizeMetres: args.cellSize,
      onProgress: (message) => process.stderr.write(`${message}\n`),
    });
    process.stderr.write('validating...\n');
    const problems = validatePack(pack);
    if (problems.length > 0) throw new DistrictPackError(problems);
    const text = formatPackJson(pack);
    writeFileSync(args.out, text);
    process.stderr.write(
      `wrote ${args.out}: ${pack.streets.length} streets, ${pack.communities.length} communities, ` +
        `${pack.cells.length} cells, ${pack.departments.length} departments, ${pack.categories.length} categories, ` +
        `${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB in ${Date.now() - started} ms\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof DistrictPackError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}

process.exitCode = main();
