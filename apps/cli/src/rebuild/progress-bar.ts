const WIDTH = 30;

/**
 * A progress bar (a rebuild's events, an import's records) for a terminal (redrawn in place), or a line every tenth of the way when stderr
 * is not a terminal (CI logs).
 */
export function progressBar(
  write: (text: string) => void,
  started: number,
  tty = process.stderr.isTTY,
  unit = 'events',
) {
  let lastTenth = -1;
  return ({ done, total }: { done: number; total: number }): void => {
    // Events appended while the rebuild runs (a timer firing) may take `done` past the total counted at the start.
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const filled = Math.round(share * WIDTH);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${unit}, ${Math.round(done / seconds).toLocaleString('en')} ${unit}/s`;
    if (tty) {
      write(`\r${line}${done >= total ? '\n' : ''}`);
    } else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      write(`${line}\n`);
    }
  };
}
