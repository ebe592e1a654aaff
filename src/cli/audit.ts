import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runAudit } from '../audit/audit.js';
import { baselineOf, readBaseline, writeBaseline, type Baseline } from '../audit/baseline.js';
import { FAIL_ON_LEVELS, failsGate } from '../audit/gate.js';
import { collectTreeFacts, type TreeFileFacts } from '../audit/tree.js';
import type { AuditResult } from '../audit/types.js';
import { reportFormats, reporters } from '../report/index.js';
import { riskModel } from '../risk/model.js';
import { CONFIG_NAMES, EXIT_FINDINGS, EXIT_OK, oneOf, parseCommandArgs, projectOptions, UsageError, type Command } from './command.js';
import { wantsColor } from './io.js';
import { createProgress } from './progress.js';

const options = {
  ...projectOptions,
  'fail-on': { type: 'string' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
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
  -f, --format <format>      table | json | sarif | markdown | html (default: table)
  -o, --output <file>        write the report to a file instead of stdout
      --fail-on <level>      high | medium | low | none (default: high)
      --baseline <file>      findings listed there do not count toward --fail-on
      --update-baseline      write every current finding to the --baseline file
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
    const format = oneOf('format', values.format, reportFormats, 'table');
    const config = oneOf('config', values.config, CONFIG_NAMES, 'recommended');
    const failOn = oneOf('fail-on', values['fail-on'], FAIL_ON_LEVELS, 'high');
    const baselinePath = values.baseline === undefined ? undefined : resolve(io.cwd, values.baseline);
    if (values['update-baseline'] && !baselinePath) throw new UsageError('--update-baseline needs --baseline <file>');
    if (baselinePath && !values['update-baseline'] && !existsSync(baselinePath)) {
      throw new UsageError(`no baseline at ${values.baseline} (create it with --update-baseline)`);
    }
    const baseline: Baseline | undefined = baselinePath && !values['update-baseline'] ? readBaseline(baselinePath) : undefined;

    const progress = createProgress(io, 'spawnguard audit');
    // The HTML report draws the supervision tree: its facts are read while each AST is alive.
    const treeFacts: TreeFileFacts[] = [];
    let result: AuditResult;
    try {
      result = runAudit({
        cwd: io.cwd,
        paths: positionals,
        ...(values.project === undefined ? {} : { tsconfig: values.project }),
        includeTests: values['include-tests'] ?? false,
        typeInfo: !values['no-type-info'],
        config,
        riskModel,
        ...(baseline ? { baseline } : {}),
        onProgress: (done, total) => progress.update(done, total),
        ...(format === 'html' ? { onFileAst: (file: string, ast: Parameters<typeof collectTreeFacts>[0]) => treeFacts.push(collectTreeFacts(ast, file)) } : {}),
      });
    } finally {
      progress.finish();
    }

    if (values['update-baseline'] && baselinePath) {
      writeBaseline(baselinePath, baselineOf(result.findings));
      io.stderr.write(`spawnguard: wrote ${result.findings.length} finding(s) to the baseline ${values.baseline}\n`);
      result = { ...result, findings: [], summary: { HIGH: 0, MEDIUM: 0, LOW: 0 }, baselined: result.findings.length };
    }

    const color = values.output === undefined && format === 'table' && wantsColor(io.stdout, io.env);
    const details =
      format === 'html'
        ? (await import('../report/html-details.js')).gatherReportDetails(result, treeFacts, {
            cwd: io.cwd,
            ...(values.project === undefined ? {} : { tsconfig: values.project }),
            includeTests: values['include-tests'] ?? false,
            typeInfo: !values['no-type-info'],
          })
        : undefined;
    const report = withFinalNewline(
      reporters[format](result, { color, ...(io.stdout.columns ? { width: io.stdout.columns } : {}), ...(details ? { details } : {}) }),
    );
    if (values.output === undefined) io.stdout.write(report);
    else writeFileSync(resolve(io.cwd, values.output), report);
    if (result.baselined && format === 'table') {
      io.stderr.write(`spawnguard: ${result.baselined} finding(s) matched the baseline and do not count\n`);
    }
    return failsGate(result.findings, failOn) ? EXIT_FINDINGS : EXIT_OK;
  },
};

function withFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
