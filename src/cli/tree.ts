import { resolve } from 'node:path';
import { runAudit } from '../audit/audit.js';
import { buildSupervisionTree, collectTreeFacts, type TreeFileFacts } from '../tree/tree.js';
import { treeFormatters, type TreeFormat } from '../report/tree.js';
import { riskModel } from '../risk/model.js';
import { EXIT_OK, oneOf, parseCommandArgs, projectOptions, projectRunOptions, type Command } from './command.js';
import { colorFlag, wantsColor, writeOutputFile } from './io.js';
import { createProgress } from './progress.js';

const FORMATS = Object.keys(treeFormatters) as TreeFormat[];

export const treeCommand: Command = {
  summary: 'show the supervision tree the code declares, with every unsupervised spawn hung under it',
  help: `Usage: spawnguard tree [paths...] [options]

Reconstructs the supervision tree declared with @spawnguard/runtime (Application.start,
new Supervisor({ children }), supervise.*, tasks.*) and lists, per module, the spawns
the rules found outside it under an (unsupervised) node. Loads the project like
\`spawnguard audit\`; never executes the audited code.

Options:
  -p, --project <tsconfig>   tsconfig file or folder (default: nearest tsconfig.json)
  -c, --config <name>        recommended | strict (default: the rules eslint.config.* sets)
      --no-config-lookup     read no eslint.config.* (its rules and ignores): a fresh clone
                             whose config imports packages not installed yet
      --no-type-info         syntactic only: no TypeScript program, faster
      --include-tests        also read test files
  -f, --format <format>      text | mermaid | json (default: text)
  -o, --output <file>        write the tree to a file instead of stdout
      --max-file-size <size>  skip larger or minified files found by walking (default 1m; 0: no limit)
      --color, --no-color    force colour on or off (default: on a terminal, FORCE_COLOR, NO_COLOR)
  -h, --help                 show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, projectOptions);
    if (values.help) {
      io.stdout.write(treeCommand.help);
      return EXIT_OK;
    }
    const format = oneOf('format', values.format, FORMATS, 'text');
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
