/**
 * Runs `run` over every part, at most `lanes` parts at a time, in the parts' order: each lane takes
 * the next part when it is done with its last (give the largest first, and the lanes end close
 * together). After a failure no lane takes another part, and `stopped()` (given to each run) turns
 * true, so that a part of many batches can end between two; the first failure is thrown once the
 * parts running have ended, so nothing is left running behind the caller.
 */
export async function inLanes<T>(
  parts: readonly T[],
  lanes: number,
  run: (part: T, stopped: () => boolean) => Promise<void>,
): Promise<void> {
  if (!Number.isInteger(lanes) || lanes < 1)
    throw new RangeError(`lanes must be a whole number from 1, not ${lanes}`);
  let next = 0;
  let failed: { error: unknown } | undefined;
  const stopped = () => failed !== undefined;
  const lane = async () => {
    while (!failed && next < parts.length) {
      const part = parts[next++];
      try {
        await run(part, stopped);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, parts.length) }, lane));
  if (failed) throw failed.error;
}
