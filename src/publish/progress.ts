/**
 * A one-line progress bar on a terminal (stderr), and nothing at all when
 * stderr is not a TTY (logs, CI, pipes) or reports no usable width (0 columns,
 * as some terminals and emulators do), where only the summary is printed.
 * The bar is decoration: it never throws, so it can never fail a command.
 */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** Narrower than this, a bar and a count do not fit; draw nothing. */
const MIN_COLUMNS = 20;

export class Progress {
  private enabled: boolean;
  private lastDraw = 0;
  constructor(
    private readonly total: number,
    private readonly stream: ProgressStream = process.stderr,
    enabled: boolean = stream.isTTY === true,
  ) {
    this.enabled = enabled && total > 0;
  }

  /** The usable width now (terminals resize), or 0 when there is none. */
  private width(): number {
    const c = this.stream.columns;
    return typeof c === 'number' && Number.isFinite(c) && c >= MIN_COLUMNS ? Math.floor(c) : 0;
  }

  private write(text: string): void {
    try {
      this.stream.write(text);
    } catch {
      // A closed or broken terminal: stop drawing, carry on building.
      this.enabled = false;
    }
  }

  tick(done: number, label: string): void {
    if (!this.enabled) return;
    const columns = this.width();
    if (columns === 0) return;
    const now = Date.now();
    if (done < this.total && now - this.lastDraw < 100) return; // at most ten redraws a second
    this.lastDraw = now;
    const bar = 30;
    const filled = Math.max(0, Math.min(bar, Math.round((done / this.total) * bar)));
    const line = `[${'#'.repeat(filled)}${'.'.repeat(bar - filled)}] ${done}/${this.total} ${label}`;
    this.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`);
  }

  done(): void {
    if (!this.enabled || this.lastDraw === 0) return;
    const columns = this.width();
    if (columns > 0) this.write(`\r${' '.repeat(columns - 1)}\r`);
  }
}
