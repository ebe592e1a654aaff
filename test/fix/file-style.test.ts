import { describe, expect, it } from 'vitest';
import { fixSource, type FixOptions } from '../../src/fix/transform.js';
import { sourceStyleOf } from '../../src/detect/source-style.js';
import { taskNameOptions } from '../../src/rewrite/shapes.js';

/**
 * Code written into a file follows the file's style, so that the project's formatter check stays
 * green after a fix (issue 13: 9 of 13 changed files failed `prettier --check`). Multi-line lists and
 * their trailing commas here (a list edited keeps its own layout, which says more than the file's
 * habit); quotes and semicolons in fuzz-defects.test.ts.
 */
const fix = (source: string, rules?: FixOptions['rules']) =>
  fixSource(source, '/tmp/spawnguard-style/probe.ts', undefined, { root: '/tmp/spawnguard-style', rules });

describe('multi-line lists and their trailing commas', () => {
  it('a name merged into a multi-line import goes on a line of its own, the list keeping its trailing comma', () => {
    const source = [
      'import {',
      '  report,',
      '  type TaskOptions,',
      "} from '@spawnguard/runtime';",
      '',
      "export const options: TaskOptions = { name: 'x' };",
      'export function ping(): void {',
      "  fetch('https://example.test/ping');",
      "  report('ping');",
      '}',
      '',
    ].join('\n');
    expect(fix(source).output).toContain(['import {', '  report,', '  type TaskOptions,', '  tasks,', "} from '@spawnguard/runtime';"].join('\n'));
  });

  it('a multi-line call keeps its layout and its trailing comma when it is rewritten', () => {
    const source = [
      'export function start(flush: () => void): void {',
      '  setInterval(',
      '    () => {',
      '      flush();',
      '    },',
      '    1000,',
      '  );',
      '}',
      '',
    ].join('\n');
    const output = fix(source, ['no-stray-timer']).output;
    expect(output).toContain(["  supervise.interval(", "    'probe.interval',", '    () => {', '      flush();', '    },', '    1000,', '  );'].join('\n'));
  });
});

describe('spacing inside the braces of an import', () => {
  // Found on p-queue, whose linter (xo) wants `{PriorityQueue}`: `import { tasks }` failed
  // @stylistic/object-curly-spacing, and the project has no prettier for the fix to follow.
  const body = ['', 'async function save(): Promise<void> {}', 'export function run(): void {', '  save();', '}', ''];

  it('a new import has no spaces inside its braces in a file whose imports have none', () => {
    const source = ["import {EventEmitter} from 'node:events';", "import {type Queue} from './queue.js';", ...body].join('\n');
    const output = fix(source, ['no-floating-promise']).output;
    expect(output).toContain("import {tasks} from '@spawnguard/runtime';");
  });

  // Found on p-queue again (session 6), once the import was placed and the arrow made async: the task's
  // `{ name: 'index.job' }` failed the same rule; `--verify-lint` put the rewrite back.
  it('the task name options follow the file’s brace spacing too, in the codemod and the rule’s suggestion', () => {
    const source = ["import {EventEmitter} from 'node:events';", "import {type Queue} from './queue.js';", ...body].join('\n');
    const output = fix(source, ['no-floating-promise']).output;
    expect(output).toContain("tasks.start(async () => save(), {name: 'probe.save'});");
    const spaced = ["import { EventEmitter } from 'node:events';", ...body].join('\n');
    expect(fix(spaced, ['no-floating-promise']).output).toContain("tasks.start(async () => save(), { name: 'probe.save' });");
    expect(taskNameOptions('probe.save', sourceStyleOf(source))).toBe("{name: 'probe.save'}");
  });

  // p-queue's bench.ts: its one braced import also brings a default (`import Benchmark, {type Event}`).
  it('reads the spacing of an import that brings a default and named bindings', () => {
    const source = ["import process from 'node:process';", "import Benchmark, {type Deferred, type Event} from 'benchmark';", ...body].join('\n');
    const output = fix(source, ['no-floating-promise']).output;
    expect(output).toContain("import {tasks} from '@spawnguard/runtime';");
    expect(output).toContain("tasks.start(async () => save(), {name: 'probe.save'});");
  });

  it('a new import keeps spaces inside its braces in a file whose imports have them, or that has none', () => {
    const spaced = ["import { EventEmitter } from 'node:events';", ...body].join('\n');
    expect(fix(spaced, ['no-floating-promise']).output).toContain("import { tasks } from '@spawnguard/runtime';");
    expect(fix(body.join('\n'), ['no-floating-promise']).output).toContain("import { tasks } from '@spawnguard/runtime';");
  });
});
