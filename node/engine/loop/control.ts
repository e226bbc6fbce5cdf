/**
 * Steering a run from outside the loop: stop, pause and resume take effect between two batches.
 * `const control = new RunControl(); train(doc, options, emit, control); control.pause();`
 */
export class RunControl {
  stopped = false;
  paused = false;
  private wake: (() => void) | undefined;

  stop(): void {
    this.stopped = true;
    this.release();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.release();
  }

  /** Resolves at once unless paused; then when resumed or stopped. */
  async untilResumed(): Promise<void> {
    while (this.paused && !this.stopped) await new Promise<void>((resolve) => (this.wake = resolve));
  }

  private release() {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
