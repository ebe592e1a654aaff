import { runAuditConcurrently } from '../audit/audit.js';
import { parseShard } from '../audit/shard.js';
import { collectTreeFacts, type TreeFileFacts } from '../tree/tree.js';
import type { AuditResult } from '../audit/types.js';
import { riskModel } from '../risk/model.js';
import { engineOption, EXIT_OK, helpOption, lintRunOptions, optionsHelp, parseCommandArgs, projectOptions, projectRunOptions, threadCount, UsageError, type Command, type OptionTable } from './command.js';
import { gateOptions, gateSettings, reportAndGate } from './gate-report.js';
import { createProgress } from './progress.js';

const options = {
  ...projectOptions,
  ...gateOptions,
  cache: { type: 'boolean', help: "keep each file's result (in --cache-location) and reuse it while neither the file nor anything it imports changed" },
  'cache-location': { type: 'string', value: '<path>', help: 'the cache file, or a folder for it (implies --cache)', default: '.spawnguardcache' },
  'changed-since': { type: 'string', value: '<ref>', help: "audit only files changed since ref's merge base (a PR's files)" },
  shard: { type: 'string', value: '<i/n>', help: 'audit the i-th of n parts of the project; join the JSON results with spawnguard merge' },
  ...lintRunOptions,
  ...helpOption,
} as const satisfies OptionTable;

export const auditCommand: Command = {
  summary: 'find unsupervised spawns and print the risk matrix (the CI gate)',
  options,
  help: `Usage: spawnguard audit [paths or globs...] [options]

Loads the project (each tsconfig.json, every project of a monorepo) and runs the spawnguard
rules over it with the settings, ignores and files of the project's eslint.config.*, sharing
each TypeScript program between its files, then rates each finding (component, crash impact,
isolation, risk). Never executes the audited code.

Options:
${optionsHelp(options)}

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
    const cacheLocation = values['cache-location'] ?? (values.cache ? options['cache-location'].default : undefined);
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
