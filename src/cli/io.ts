/** Where a command writes and what it knows of its terminal: the real process, or a test's capture. */
export interface CliStream {
  write(text: string): void;
  isTTY: boolean;
  /** Terminal width, when a terminal. */
  columns?: number;
}

export interface CliIO {
  stdout: CliStream;
  stderr: CliStream;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

export function processIO(): CliIO {
  const stream = (target: NodeJS.WriteStream): CliStream => ({
    write: (text) => void target.write(text),
    get isTTY() {
      return target.isTTY === true;
    },
    get columns() {
      return target.columns;
    },
  });
  return { stdout: stream(process.stdout), stderr: stream(process.stderr), cwd: process.cwd(), env: process.env };
}

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColor(stream: CliStream, env: CliIO['env']): boolean {
  return stream.isTTY && !env['NO_COLOR'];
}
