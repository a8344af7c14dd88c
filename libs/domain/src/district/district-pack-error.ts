/** A pack that cannot be used, with every problem found, so that its author fixes them in one go. */
export class DistrictPackError extends Error {
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, 50).map((problem) => `  - ${problem}`);
    if (problems.length > 50) shown.push(`  ... and ${problems.length - 50} more`);
    super(`invalid district pack (${problems.length} problems):\n${shown.join('\n')}`);
    this.name = 'DistrictPackError';
  }
}
