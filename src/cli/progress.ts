import type { CliIO } from './io.js';

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

const BAR_WIDTH = 24;
const REDRAW_EVERY_MS = 100;

/**
 * A one-line progress bar on stderr (files done / total, elapsed), redrawn in place. Only on a
 * terminal and outside CI: piped or logged output gets no control characters.
 */
export function createProgress(io: CliIO, label: string): Progress {
  if (!io.stderr.isTTY || io.env['CI'] === 'true') return { update() {}, finish() {} };
  const started = performance.now();
  let lastDrawn = 0;
  io.stderr.write(`${label}: loading the project…`);
  return {
    update(done, total) {
      const now = performance.now();
      if (done < total && now - lastDrawn < REDRAW_EVERY_MS) return;
      lastDrawn = now;
      const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
      const seconds = ((now - started) / 1000).toFixed(1);
      io.stderr.write(`\r\x1b[K${label}: [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total} files ${seconds}s`);
    },
    finish() {
      io.stderr.write('\r\x1b[K');
    },
  };
}
