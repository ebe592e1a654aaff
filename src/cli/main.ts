import { packageJson } from '../package-info.js';
import { AuditSetupError } from '../audit/project.js';
import { auditCommand } from './audit.js';
import { EXIT_ERROR, EXIT_OK, UsageError, type Command } from './command.js';
import { fixCommand } from './fix.js';
import { processIO, type CliIO } from './io.js';
import { treeCommand } from './tree.js';

/** The subcommands, by name: adding one is one line here and one module beside this one. */
const commands: Record<string, Command> = {
  audit: auditCommand,
  tree: treeCommand,
  fix: fixCommand,
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
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
    io.stderr.write(mainHelp());
    return EXIT_ERROR;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(mainHelp());
    return EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${packageJson.version}\n`);
    return EXIT_OK;
  }
  const command = Object.hasOwn(commands, first) ? commands[first] : undefined;
  if (!command) {
    io.stderr.write(`spawnguard: unknown command '${first}'. Commands: ${Object.keys(commands).join(', ')}; see spawnguard --help\n`);
    return EXIT_ERROR;
  }
  try {
    return await command.run(rest, io);
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
