import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mergeResults } from '../audit/merge.js';
import { AuditSetupError } from '../audit/project.js';
import type { AuditResult } from '../audit/types.js';
import { EXIT_OK, helpOption, optionsHelp, parseCommandArgs, UsageError, type Command, type OptionTable } from './command.js';
import { gateOptions, gateSettings, reportAndGate } from './gate-report.js';

const options = { ...gateOptions, ...helpOption } as const satisfies OptionTable;

export const mergeCommand: Command = {
  summary: 'join the JSON results of audit shards into one report and gate',
  options,
  help: `Usage: spawnguard merge <result.json...> [options]

Joins the JSON results of 'spawnguard audit --shard i/n --format json' (one per CI
job) into the report of the whole project, then applies the baseline and the gate to
the whole, as one unsharded audit would. Every shard must be there, once.

Options:
${optionsHelp(options)}

Exit codes: 0 no finding at or above --fail-on, 1 there is one, 2 usage error (a
missing or repeated shard, a file that is not an audit result).
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options);
    if (values.help) {
      io.stdout.write(mergeCommand.help);
      return EXIT_OK;
    }
    if (positionals.length === 0) throw new UsageError('give the JSON results to merge');
    const settings = gateSettings(values, argv, io);
    const results = positionals.map((path) => readResult(resolve(io.cwd, path), path));
    return reportAndGate(mergeResults(results), settings, io);
  },
};

function readResult(path: string, shown: string): AuditResult {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as AuditResult;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AuditSetupError(`cannot read ${shown}: ${reason}`);
  }
}
