/** A one-shot alarm clock: wait() resolves on the first wake() or after the timeout. */
export class WakeSignal {
  private pending: (() => void) | null = null;
  private woken = false;

  wake(): void {
    this.woken = true;
    this.pending?.();
  }

  async wait(timeoutMs: number): Promise<void> {
    if (!this.woken) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => this.pending?.(), timeoutMs);
        this.pending = () => {
          clearTimeout(timer);
          this.pending = null;
          resolve();
        };
      });
    }
    this.woken = false;
  }
}
