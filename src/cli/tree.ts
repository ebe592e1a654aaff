import { resolve } from 'node:path';
import { runAudit } from '../audit/audit.js';
import { buildSupervisionTree, collectTreeFacts, type TreeFileFacts } from '../tree/tree.js';
import { treeFormatters, type TreeFormat } from '../report/tree.js';
import { riskModel } from '../risk/model.js';
import { choiceOf, EXIT_OK, formatOption, helpOption, optionsHelp, parseCommandArgs, projectOptions, projectRunOptions, reportOptions, type Command, type OptionTable } from './command.js';
import { colorFlag, wantsColor, writeOutputFile } from './io.js';
import { createProgress } from './progress.js';

const options = {
  ...projectOptions,
  ...formatOption(Object.keys(treeFormatters) as TreeFormat[], 'text'),
  ...reportOptions,
  ...helpOption,
} as const satisfies OptionTable;

export const treeCommand: Command = {
  summary: 'show the supervision tree the code declares, with every unsupervised spawn hung under it',
  options,
  help: `Usage: spawnguard tree [paths...] [options]

Reconstructs the supervision tree declared with @spawnguard/runtime (Application.start,
new Supervisor({ children }), supervise.*, tasks.*) and lists, per module, the spawns
the rules found outside it under an (unsupervised) node. Loads the project like
\`spawnguard audit\`; never executes the audited code.

Options:
${optionsHelp(options)}
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options);
    if (values.help) {
      io.stdout.write(treeCommand.help);
      return EXIT_OK;
    }
    const format = choiceOf('format', options.format, values.format);
    const facts: TreeFileFacts[] = [];
    const progress = createProgress(io, 'spawnguard tree');
    let findings;
    try {
      ({ findings } = await runAudit({
        ...projectRunOptions(values, positionals, io),
        riskModel,
        onProgress: (done, total) => progress.update(done, total),
        // Only the facts are kept: each AST is dropped once its file is read.
        onFileAst: (file, _ast, sourceCode) => facts.push(collectTreeFacts(sourceCode, file)),
      }));
    } finally {
      progress.finish();
    }
    const tree = buildSupervisionTree(facts, findings);
    const flag = colorFlag(values, argv);
    const color = format === 'text' && (values.output === undefined ? wantsColor(io.stdout, io.env, flag) : flag === true);
    const text = treeFormatters[format](tree, { color });
    if (values.output === undefined) io.stdout.write(text);
    else writeOutputFile(resolve(io.cwd, values.output), text);
    return EXIT_OK;
  },
};
