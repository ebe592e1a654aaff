// The flags every corpus-based bench section takes. bench/run.mjs passes the same flags to every
// section, so flags meant for another section are ignored rather than refused.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `--project <dir>` (a real project instead of the generated corpus), `--lines N`, `--seed S`,
 * `--runs N`, plus the section's own `extra` flags (node:util parseArgs option specs).
 */
export function benchOptions(argv, defaults, extra = {}) {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    options: {
      project: { type: 'string' },
      lines: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      ...extra,
    },
  });
  const number = (name) => (typeof values[name] === 'string' ? Number(values[name]) : defaults[name]);
  return {
    ...defaults,
    ...Object.fromEntries(Object.keys(extra).filter((name) => values[name] !== undefined).map((name) => [name, values[name]])),
    project: typeof values.project === 'string' ? resolve(values.project) : defaults.project,
    lines: number('lines'),
    seed: number('seed'),
    runs: number('runs'),
  };
}
