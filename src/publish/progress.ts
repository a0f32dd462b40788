/**
 * A one-line progress bar on a terminal (stderr), and nothing at all when
 * stderr is not a TTY (logs, CI, pipes), where only the summary is printed.
 */
export class Progress {
  private readonly enabled: boolean;
  private lastDraw = 0;
  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    enabled: boolean = stream.isTTY === true,
  ) {
    this.enabled = enabled && total > 0;
  }

  tick(done: number, label: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (done < this.total && now - this.lastDraw < 100) return; // at most ten redraws a second
    this.lastDraw = now;
    const width = 30;
    const filled = Math.round((done / this.total) * width);
    const columns = this.stream.columns ?? 80;
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} ${label}`;
    this.stream.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`);
  }

  done(): void {
    if (this.enabled) this.stream.write(`\r${' '.repeat((this.stream.columns ?? 80) - 1)}\r`);
  }
}
