import type { CliIO } from '../../src/cli/io.js';

/** An in-memory CliIO: what a command wrote to stdout and stderr, and the terminal it believes it has. */
export function captureIO(cwd: string, options: { tty?: boolean; env?: Record<string, string> } = {}) {
  const written = { stdout: '', stderr: '' };
  const io: CliIO = {
    stdout: { write: (text) => void (written.stdout += text), isTTY: options.tty ?? false, columns: 100 },
    stderr: { write: (text) => void (written.stderr += text), isTTY: options.tty ?? false },
    cwd,
    env: options.env ?? {},
  };
  return { io, written };
}
