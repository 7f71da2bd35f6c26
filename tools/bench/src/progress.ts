/**
 * Live progress on a TTY (stderr, one rewritten line): elapsed, rate, p99 so far, errors. Off when
 * stderr is not a terminal (CI, --json piped), so logs stay clean.
 */
export class Progress {
  private readonly tty = process.stderr.isTTY === true;
  private lastLen = 0;

  constructor(private readonly label: string) {}

  update(fields: { elapsedS: number; rate?: number; p99Ms?: number; errors?: number; extra?: string }): void {
    if (!this.tty) return;
    const parts = [`[${this.label}] ${fields.elapsedS.toFixed(1)}s`];
    if (fields.rate !== undefined) parts.push(`${Math.round(fields.rate).toLocaleString('en-US')}/s`);
    if (fields.p99Ms !== undefined) parts.push(`p99 ${fields.p99Ms.toFixed(1)} ms`);
    if (fields.errors !== undefined) parts.push(`errors ${fields.errors}`);
    if (fields.extra) parts.push(fields.extra);
    const line = parts.join('  ');
    process.stderr.write(`\r${line}${' '.repeat(Math.max(0, this.lastLen - line.length))}`);
    this.lastLen = line.length;
  }

  done(): void {
    if (this.tty && this.lastLen > 0) process.stderr.write('\n');
    this.lastLen = 0;
  }
}

/** Status lines (setup steps, server start): stderr, so stdout holds only the report. */
export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}
