import { runAuditConcurrently } from '../audit/audit.js';
import { parseShard } from '../audit/shard.js';
import { collectTreeFacts, type TreeFileFacts } from '../tree/tree.js';
import type { AuditResult } from '../audit/types.js';
import { riskModel } from '../risk/model.js';
import { engineOption, EXIT_OK, lintRunOptions, parseCommandArgs, threadCount, projectOptions, projectRunOptions, UsageError, type Command } from './command.js';
import { gateOptions, gateSettings, reportAndGate } from './gate-report.js';
import { createProgress } from './progress.js';

const options = {
  ...projectOptions,
  ...gateOptions,
  ...lintRunOptions,
  shard: { type: 'string' },
  'changed-since': { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
} as const;

export const auditCommand: Command = {
  summary: 'find unsupervised spawns and print the risk matrix (the CI gate)',
  help: `Usage: spawnguard audit [paths or globs...] [options]

Loads the project (each tsconfig.json, every project of a monorepo) and runs the spawnguard
rules over it with the settings, ignores and files of the project's eslint.config.*, sharing
each TypeScript program between its files, then rates each finding (component, crash impact,
isolation, risk). Never executes the audited code.

Options:
  -p, --project <tsconfig>   tsconfig file or folder (default: the nearest tsconfig.json of each file)
  -c, --config <name>        recommended | strict: these rules instead of eslint.config.*'s
      --no-config-lookup     read no eslint.config.* (its rules and ignores): a fresh clone
                             whose config imports packages not installed yet
      --no-type-info         syntactic only: no TypeScript program, faster
      --include-tests        also audit test files (*.test.*, *.spec.*, test/, tests/, __tests__/)
      --max-file-size <size> skip larger or minified files found by walking (default 1m; 0: no limit)
  -f, --format <format>      table | json | sarif | markdown | html (default: table)
  -o, --output <file>        write the report to a file instead of stdout (folders are created)
      --color, --no-color    force colour on or off (default: on a terminal, FORCE_COLOR, NO_COLOR)
      --fail-on <level>      high | medium | low | none (default: high)
      --pass-on-file-errors  files that cannot be audited (parse errors, unreadable) do not fail the run
      --baseline <file>      findings listed there do not count toward --fail-on
      --update-baseline      write every current finding to the --baseline file
      --prune-baseline       drop the --baseline entries no finding matches any more
      --cache                keep each file's result and reuse it while neither the file nor
                             anything it imports changed (default file: .spawnguardcache)
      --cache-location <p>   the cache file, or a folder for it (implies --cache)
      --changed-since <ref>  audit only files changed since ref's merge base (a PR's files)
      --shard <i/n>          audit the i-th of n parts of the project; join the JSON
                             results with spawnguard merge
      --concurrency <n>      lint on n worker threads: a number, auto (one per core) or
                             off (default); with --no-type-info only
      --engine <name>        eslint (default) | oxlint: with --no-type-info, oxlint (when
                             installed) clears the files without findings and ESLint lints
                             the rest; the same findings, faster
  -h, --help                 show this help

Exit codes: 0 no finding at or above --fail-on and no file error; 1 there is one, or a file
could not be audited (unless --pass-on-file-errors); 2 usage error, no files matched, a broken
tsconfig or ESLint config, or a crash.
Excluded unless named explicitly: node_modules, fixtures, dist, build, out, coverage, vendor,
public, static, hidden folders, .d.ts files, files ignored by .gitignore, .git/info/exclude or
the ESLint config, and test files.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options);
    if (values.help) {
      io.stdout.write(auditCommand.help);
      return EXIT_OK;
    }
    const settings = gateSettings(values, argv, io);
    const shard = values.shard === undefined ? undefined : parseShard(values.shard);
    const cacheLocation = values['cache-location'] ?? (values.cache ? '.spawnguardcache' : undefined);
    const threads = threadCount(values.concurrency);
    if (threads > 1 && !values['no-type-info']) {
      throw new UsageError('--concurrency needs --no-type-info: a type-aware audit shares one program in one thread (use --shard to spread it)');
    }

    const engine = engineOption(values.engine, !values['no-type-info'], io.cwd);
    if (engine === 'oxlint' && settings.format === 'html') {
      throw new UsageError('--engine oxlint cannot draw the HTML report, whose tree needs every file parsed by ESLint: use -f json or table');
    }

    const progress = createProgress(io, 'spawnguard audit');
    // The HTML report draws the supervision tree: its facts are read while each AST is alive.
    const treeFacts: TreeFileFacts[] = [];
    let result: AuditResult;
    try {
      result = await runAuditConcurrently(
        {
          ...projectRunOptions(values, positionals, io),
          riskModel,
          ...(shard ? { shard } : {}),
          ...(values['changed-since'] === undefined ? {} : { changedSince: values['changed-since'] }),
          ...(cacheLocation === undefined ? {} : { cacheLocation }),
          engine,
          onProgress: (done, total) => progress.update(done, total),
          ...(settings.format === 'html'
            ? { onFileAst: (file: string, _ast: unknown, sourceCode: Parameters<typeof collectTreeFacts>[0]) => treeFacts.push(collectTreeFacts(sourceCode, file)) }
            : {}),
        },
        threads,
      );
    } finally {
      progress.finish();
    }
    const details =
      settings.format === 'html'
        ? (await import('./html-details.js')).gatherReportDetails(result, treeFacts, {
            cwd: io.cwd,
            ...(values.project === undefined ? {} : { tsconfig: values.project }),
            includeTests: values['include-tests'] ?? false,
            typeInfo: !values['no-type-info'],
          })
        : undefined;
    return reportAndGate(result, settings, io, details);
  },
};
