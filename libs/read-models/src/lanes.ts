/**
 * Runs `run` over every part, at most `lanes` parts at a time, in the parts' order: each lane takes
 * the next part when it is done with its last (give the largest first, and the lanes end close
 * together). After a failure no lane takes another part; the first failure is thrown once the
 * parts running have ended, so nothing is left running behind the caller.
 */
export async function inLanes<T>(
  parts: readonly T[],
  lanes: number,
  run: (part: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | undefined;
  const lane = async () => {
    while (!failed && next < parts.length) {
      const part = parts[next++];
      try {
        await run(part);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, parts.length) }, lane));
  if (failed) throw failed.error;
}
