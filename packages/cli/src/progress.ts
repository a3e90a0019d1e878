/** Where the progress bar draws: a terminal's stream, or a fake one in tests. */
export interface ProgressTarget {
  readonly write: (text: string) => void;
  /** Terminal width (default 80). */
  readonly columns?: number;
  /** Milliseconds; replaced in tests. */
  readonly now?: () => number;
}

/** `12s`, `3m05s`, `1h02m`: short enough for one terminal line. */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** Files per second with a precision that suits the size. */
export function formatRate(files: number, milliseconds: number): string {
  if (milliseconds <= 0) return '–';
  const rate = (files * 1000) / milliseconds;
  return rate >= 100 ? rate.toFixed(0) : rate >= 10 ? rate.toFixed(1) : rate.toFixed(2);
}

const REDRAW_INTERVAL_MS = 100;

/**
 * A one-line progress bar (`files done / total`, percentage, rate, ETA) redrawn in place with `\r`. Redraws are
 * throttled to ten a second, except the first and the last, so a fast run does not spend its time drawing.
 */
export class ProgressBar {
  private done = 0;
  private readonly started: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private readonly now: () => number;

  constructor(
    private readonly target: ProgressTarget,
    private readonly total: number,
    private readonly label = 'Migrating',
  ) {
    this.now = target.now ?? (() => performance.now());
    this.started = this.now();
  }

  /** Counts finished files and redraws when due. */
  tick(files = 1): void {
    this.done = Math.min(this.total, this.done + files);
    const time = this.now();
    if (this.done === this.total || time - this.lastDraw >= REDRAW_INTERVAL_MS) {
      this.lastDraw = time;
      this.draw(time);
    }
  }

  /** The line as it would be drawn now (without `\r`). */
  render(time = this.now()): string {
    const elapsed = time - this.started;
    const percent = this.total === 0 ? 100 : Math.floor((this.done * 100) / this.total);
    const rate = this.done > 0 ? `${formatRate(this.done, elapsed)} files/s` : '– files/s';
    const eta =
      this.done > 0 && this.done < this.total
        ? ` ETA ${formatDuration((elapsed / this.done) * (this.total - this.done))}`
        : '';
    const counts = `${this.done}/${this.total} files ${String(percent).padStart(3)}%  ${rate}${eta}`;
    const columns = Math.max(20, this.target.columns ?? 80);
    // Leave the last column free: writing into it makes some terminals wrap.
    const room = columns - 1 - this.label.length - counts.length - 4;
    if (room < 10) return `${this.label} ${counts}`.slice(0, columns - 1);
    const width = Math.min(40, room);
    const filled = this.total === 0 ? width : Math.floor((this.done * width) / this.total);
    return `${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${counts}`;
  }

  /** Erases the bar, so that what follows starts on a clean line. */
  clear(): void {
    if (!this.drawn) return;
    this.target.write('\r\u001B[K');
    this.drawn = false;
  }

  private draw(time: number): void {
    this.target.write(`\r${this.render(time)}\u001B[K`);
    this.drawn = true;
  }
}
