import { describe, expect, it } from 'vitest';
import { choiceOf, optionsHelp, parseCommandArgs, UsageError, type ChoiceOption, type Command, type OptionTable } from '../../src/cli/command.js';

const commands: Record<string, () => Promise<Command>> = {
  audit: async () => (await import('../../src/cli/audit.js')).auditCommand,
  tree: async () => (await import('../../src/cli/tree.js')).treeCommand,
  fix: async () => (await import('../../src/cli/fix.js')).fixCommand,
  merge: async () => (await import('../../src/cli/merge.js')).mergeCommand,
};

/** The flags the `Options:` section of a help text names at the start of its lines (`-f, --format <format>`, `--color, --no-color`). */
function flagsListed(help: string): string[] {
  const section = help.slice(help.indexOf('\nOptions:\n')).split('\n\n')[0]!;
  return section
    .split('\n')
    .filter((line) => /^ {2}(-\w, |    )--/.test(line))
    .flatMap((line) => [...line.slice(0, line.search(/\S\s{2,}\S|$/) + 1).matchAll(/--([a-z][a-z-]*)/g)].map((match) => match[1]!));
}

describe('a command\'s options: one table for the parser and the help', () => {
  it.each(Object.keys(commands))('%s --help lists exactly the flags its parser takes, each once', async (name) => {
    const command = await commands[name]!();
    const listed = flagsListed(command.help);
    expect(new Set(listed).size, 'no flag listed twice').toBe(listed.length);
    expect([...listed].sort()).toEqual(Object.keys(command.options).sort());
    for (const [flag, option] of Object.entries(command.options)) {
      const argv = option.type === 'string' ? [`--${flag}`, option.choices?.[0] ?? 'x'] : [`--${flag}`];
      const { values } = parseCommandArgs(argv, command.options);
      expect((values as Record<string, unknown>)[flag], flag).toBe(option.type === 'string' ? argv[1] : true);
      if (option.short !== undefined) expect(command.help).toContain(`-${option.short}, --${flag}`);
    }
  });

  it.each(Object.keys(commands))('%s --help shows each choice option\'s values and default, and the command refuses any other value', async (name) => {
    const command = await commands[name]!();
    for (const [flag, option] of Object.entries(command.options)) {
      if (option.choices === undefined) continue;
      expect(command.help, flag).toContain(`--${flag}`);
      expect(command.help.replace(/\s+/g, ' '), flag).toContain(option.choices.join(' | '));
      if (option.default !== undefined) {
        const choice = option as ChoiceOption<string>;
        expect(command.help.replace(/\s+/g, ' '), flag).toContain(`(default: ${choice.default})`);
        for (const value of choice.choices) expect(choiceOf(flag, choice, value)).toBe(value);
        expect(choiceOf(flag, choice, undefined)).toBe(choice.default);
        expect(() => choiceOf(flag, choice, 'no-such-value')).toThrow(new UsageError(`--${flag} must be one of ${choice.choices.join(', ')} (got 'no-such-value')`));
      }
    }
  });

  it('lays out a table: short flags, value names, a negation beside its option, long labels on their own line, folded text', () => {
    const table = {
      output: { type: 'string', short: 'o', value: '<file>', help: 'where it goes' },
      color: { type: 'boolean', help: 'force colour on or off', default: 'on a terminal' },
      'no-color': { type: 'boolean' },
      'a-very-long-option-name': { type: 'string', value: '<value>', help: 'abcdefghi '.repeat(14).trim() },
      format: { type: 'string', short: 'f', value: '<format>', help: '', choices: ['text', 'json'], default: 'text' },
    } as const satisfies OptionTable;
    expect(optionsHelp(table)).toBe(
      [
        '  -o, --output <file>        where it goes',
        '      --color, --no-color    force colour on or off (default: on a terminal)',
        '      --a-very-long-option-name <value>',
        `${' '.repeat(29)}${'abcdefghi '.repeat(6).trim()}`,
        `${' '.repeat(29)}${'abcdefghi '.repeat(6).trim()}`,
        `${' '.repeat(29)}abcdefghi abcdefghi`,
        '  -f, --format <format>      text | json (default: text)',
      ].join('\n'),
    );
    const { values } = parseCommandArgs(['-o', 'out.txt', '--no-color', '-f', 'json'], table);
    expect(values).toEqual({ output: 'out.txt', 'no-color': true, format: 'json' });
    expect(() => parseCommandArgs(['--colour'], table)).toThrow(UsageError);
  });
});
