import type { RebuildProgress } from '@cityloop/read-models';

const WIDTH = 30;

/**
 * A progress bar for a terminal (redrawn in place), or a line every tenth of the way when stderr
 * is not a terminal (CI logs).
 */
export function progressBar(write: (text: string) => void, started: number, tty = process.stderr.isTTY) {
  let lastTenth = -1;
  return ({ done, total }: RebuildProgress): void => {
    // Events appended while the rebuild runs (a timer firing) may take `done` past the total counted at the start.
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const filled = Math.round(share * WIDTH);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} events, ${Math.round(done / seconds).toLocaleString('en')} events/s`;
    if (tty) {
      write(`\r${line}${done >= total ? '\n' : ''}`);
    } else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      write(`${line}\n`);
    }
  };
}
