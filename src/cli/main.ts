import { packageJson } from '../package-info.js';
import { AuditSetupError } from '../audit/project.js';
import { EXIT_ERROR, EXIT_OK, UsageError, type Command } from './command.js';
import { processIO, type CliIO } from './io.js';

/**
 * The subcommands, by name: adding one is one line here and one module beside this one. Each is
 * loaded only when run, so `audit` does not pay for loading jscodeshift and Babel, and a broken
 * command cannot take the others down.
 */
const commands: Record<string, () => Promise<Command>> = {
  audit: async () => (await import('./audit.js')).auditCommand,
  tree: async () => (await import('./tree.js')).treeCommand,
  fix: async () => (await import('./fix.js')).fixCommand,
  merge: async () => (await import('./merge.js')).mergeCommand,
};

async function mainHelp(): Promise<string> {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const summaries = await Promise.all(
    Object.values(commands).map((load) => load().then((command) => command.summary, (error: Error) => `(cannot load: ${error.message})`)),
  );
  const lines = Object.keys(commands).map((name, i) => `  ${name.padEnd(width)}  ${summaries[i]}`);
  return `Usage: spawnguard <command> [options]

Commands:
${lines.join('\n')}

Options:
  -h, --help     show this help (spawnguard <command> --help for a command's options)
  -v, --version  print the version

Exit codes: 0 success, 1 findings at or above --fail-on, 2 usage error or crash.
`;
}

/**
 * The CLI: dispatches to a command and turns every failure into an exit code, never a stack trace
 * on a usage error. Returns the exit code; bin/spawnguard.js sets it on the process.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(await mainHelp());
    return EXIT_ERROR;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(await mainHelp());
    return EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${packageJson.version}\n`);
    return EXIT_OK;
  }
  const loadCommand = Object.hasOwn(commands, first) ? commands[first] : undefined;
  if (!loadCommand) {
    io.stderr.write(`spawnguard: unknown command '${first}'. Commands: ${Object.keys(commands).join(', ')}; see spawnguard --help\n`);
    return EXIT_ERROR;
  }
  try {
    return await (await loadCommand()).run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`spawnguard ${first}: ${error.message}\nSee spawnguard ${first} --help\n`);
      return EXIT_ERROR;
    }
    if (error instanceof AuditSetupError) {
      io.stderr.write(`spawnguard ${first}: ${error.message}\n`);
      return EXIT_ERROR;
    }
    io.stderr.write(`spawnguard ${first} crashed: ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT_ERROR;
  }
}
