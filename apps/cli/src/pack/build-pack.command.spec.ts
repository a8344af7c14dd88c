import { CliUsageError } from '../token/issue-token.command';
import { buildPackCommand } from './build-pack.command';

describe('build-pack command', () => {
  it('refuses missing paths, a --streets without its file and a bad cell size, before reading anything', () => {
    const noProgress = () => undefined;
    expect(() => buildPackCommand(['communities.geojson'], noProgress)).toThrow(CliUsageError);
    expect(() => buildPackCommand(['a', 'b', 'c', '--streets'], noProgress)).toThrow(CliUsageError);
    expect(() => buildPackCommand(['a', 'b', 'c', '--cell-size', '-5'], noProgress)).toThrow(CliUsageError);
  });
});
