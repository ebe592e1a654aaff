import { availableParallelism } from 'node:os';
import { runAuditConcurrently } from '../audit/audit.js';
import { parseShard } from '../audit/shard.js';
import type { AuditResult } from '../audit/types.js';
import { riskModel } from '../risk/model.js';
import { CONFIG_NAMES, EXIT_OK, oneOf, parseCommandArgs, projectOptions, UsageError, type Command } from './command.js';
import { gateOptions, gateSettings, reportAndGate } from './gate-report.js';
import { createProgress } from './progress.js';

const options = {
  ...projectOptions,
  ...gateOptions,
  shard: { type: 'string' },
  'changed-since': { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  concurrency: { type: 'string' },
} as const;

export const auditCommand: Command = {
  summary: 'find unsupervised spawns and print the risk matrix (the CI gate)',
  help: `Usage: spawnguard audit [paths...] [options]

Loads the project (tsconfig.json) and runs the spawnguard rules over it with the
TypeScript program shared by every file, then rates each finding (component, crash
impact, isolation, risk). Never executes the audited code.

Options:
  -p, --project <tsconfig>   tsconfig file or folder (default: nearest tsconfig.json)
  -c, --config <name>        recommended | strict (default: recommended)
      --no-type-info         syntactic only: no TypeScript program, faster
      --include-tests        also audit test files (*.test.*, *.spec.*, test/, tests/, __tests__/)
  -f, --format <format>      table | json | sarif | markdown (default: table)
  -o, --output <file>        write the report to a file instead of stdout
      --fail-on <level>      high | medium | low | none (default: high)
      --baseline <file>      findings listed there do not count toward --fail-on
      --update-baseline      write every current finding to the --baseline file
      --cache                keep each file's result and reuse it while neither the file nor
                             anything it imports changed (default file: .spawnguardcache)
      --cache-location <p>   the cache file, or a folder for it (implies --cache)
      --changed-since <ref>  audit only files changed since ref's merge base (a PR's files)
      --shard <i/n>          audit the i-th of n parts of the project; join the JSON
                             results with spawnguard merge
      --concurrency <n>      lint on n worker threads: a number, auto (one per core) or
                             off (default); with --no-type-info only
  -h, --help                 show this help

Exit codes: 0 no finding at or above --fail-on, 1 there is one, 2 usage error or crash.
Excluded unless named explicitly: node_modules, fixtures, dist, build, out, coverage,
hidden folders, .d.ts files, files ignored by .gitignore, and test files.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options);
    if (values.help) {
      io.stdout.write(auditCommand.help);
      return EXIT_OK;
    }
    const config = oneOf('config', values.config, CONFIG_NAMES, 'recommended');
    const settings = gateSettings(values, io);
    const shard = values.shard === undefined ? undefined : parseShard(values.shard);
    const cacheLocation = values['cache-location'] ?? (values.cache ? '.spawnguardcache' : undefined);
    const threads = threadCount(values.concurrency);
    if (threads > 1 && !values['no-type-info']) throw new UsageError('--concurrency needs --no-type-info: a type-aware audit shares one program in one thread (use --shard to spread it)');

    const progress = createProgress(io, 'spawnguard audit');
    let result: AuditResult;
    try {
      result = await runAuditConcurrently({
        cwd: io.cwd,
        paths: positionals,
        ...(values.project === undefined ? {} : { tsconfig: values.project }),
        includeTests: values['include-tests'] ?? false,
        typeInfo: !values['no-type-info'],
        config,
        riskModel,
        ...(shard ? { shard } : {}),
        ...(values['changed-since'] === undefined ? {} : { changedSince: values['changed-since'] }),
        ...(cacheLocation === undefined ? {} : { cacheLocation }),
        onProgress: (done, total) => progress.update(done, total),
      }, threads);
    } finally {
      progress.finish();
    }
    return reportAndGate(result, settings, io);
  },
};

/** `--concurrency n|auto|off`, as ESLint's: how many threads lint. */
function threadCount(value: string | undefined): number {
  if (value === undefined || value === 'off') return 1;
  if (value === 'auto') return availableParallelism();
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new UsageError(`--concurrency must be a positive number, auto or off (got '${value}')`);
  return count;
}
