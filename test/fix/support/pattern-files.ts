import { SeededRandom } from './seeded-random.js';

/**
 * Generates source files that mix the anti-patterns of every rule (and supervised, clean code) with
 * nesting, comments next to the patterns and odd formatting, for the codemods' fuzz test. Every
 * comment carries a unique tag (`c<number>`), so a test can check that each one survives the rewrite.
 */
export type Dialect = 'ts' | 'tsx' | 'esm' | 'cjs';

export interface GeneratedFile {
  /** Relative path; its extension says the dialect (.ts, .tsx, .mjs, .cjs). */
  path: string;
  source: string;
  dialect: Dialect;
  /** The file holds only supervised or harmless code: no rule should report anything. */
  clean: boolean;
  seed: number;
  /** The formatting and import quirks this file has: `crlf`, `no-semicolons`, `tabs`, `runtime-imported`, ... */
  traits: string[];
}

interface Unit {
  /** Top-level declarations the statements rely on (helpers, module state). */
  declarations: string[];
  /** Statements placed in the chosen context. */
  statements: string[];
  /** Imports the unit needs: module -> names. */
  imports: Record<string, string[]>;
  /** The statements use `await`, or must sit in an async function to mean what they say. */
  needsAsync?: boolean;
  /** The statements only make sense at module top level (module state). */
  topLevelOnly?: boolean;
}

interface Style {
  dialect: Dialect;
  typed: boolean;
  semicolons: boolean;
  indent: string;
  trailingCommas: boolean;
  extraParens: boolean;
  crlf: boolean;
  comments: number;
  random: SeededRandom;
  runtimeImported: false | 'plain' | 'aliased';
}

const RUNTIME = '@spawnguard/runtime';

function comment(style: Style, block = style.random.chance(0.4)): string {
  const tag = `c${++style.comments}`;
  return block ? `/* ${tag} note */` : `// ${tag} why this is here`;
}

/** A parameter or return type in TypeScript dialects, nothing in JavaScript. */
function type(style: Style, text: string): string {
  return style.typed ? `: ${text}` : '';
}

function args(style: Style, ...items: string[]): string {
  return items.join(', ') + (style.trailingCommas && items.length > 0 ? ',' : '');
}

function parens(style: Style, expression: string): string {
  return style.extraParens && style.random.chance(0.5) ? `(${expression})` : expression;
}

/** An async helper the anti-patterns call, so the promise is visible to the syntactic detectors. */
function asyncHelper(style: Style, name: string): string {
  const body = style.random.pick([
    `await new Promise((resolve) => setTimeout(resolve, 1));`,
    `if (!value) throw new Error('missing value');`,
    `await Promise.resolve(value);`,
  ]);
  return `async function ${name}(value${type(style, 'string')})${type(style, 'Promise<void>')} {\n  ${body}\n}`;
}

type Template = (style: Style, n: number) => Unit;

const antiPatterns: Record<string, Template[]> = {
  'no-floating-promise': [
    (s, n) => ({
      declarations: [asyncHelper(s, `track${n}`)],
      statements: [`${parens(s, `track${n}(${args(s, `'usage-${n}'`)})`)};`],
      imports: {},
    }),
    (s, n) => ({
      declarations: [asyncHelper(s, `send${n}`)],
      statements: [`void ${s.random.chance(0.5) ? `send${n}(${args(s, `'mail'`)})` : `(send${n}('mail'))`}; ${comment(s)}`],
      imports: {},
    }),
    (s, n) => ({
      declarations: [asyncHelper(s, `flush${n}`)],
      statements: [`${s.random.chance(0.3) ? 'void ' : ''}(async () => {`, `  ${comment(s)}`, `  await flush${n}('all');`, `})();`],
      imports: {},
    }),
    (s, n) => ({
      declarations: [asyncHelper(s, `load${n}`)],
      statements: [`load${n}('a').then((${s.typed ? 'result: void' : 'result'}) => console.log(result));`],
      imports: {},
    }),
    (s, n) => ({
      declarations: [asyncHelper(s, `first${n}`), asyncHelper(s, `second${n}`)],
      statements: [`Promise.all([${args(s, `first${n}('x')`, `/* c${++s.comments} inline */ second${n}('y')`)}]);`],
      imports: {},
    }),
    (s) => ({
      declarations: [],
      statements: [`${comment(s, false)}`, `writeFile('/tmp/out-${s.comments}.txt', 'data');`],
      imports: { 'node:fs/promises': ['writeFile'] },
    }),
    (s, n) => ({
      declarations: [asyncHelper(s, `close${n}`)],
      statements: [`close${n}('db').finally(() => console.log('closed'));`],
      imports: {},
    }),
  ],
  'no-swallowed-error': [
    (s, n) => ({
      declarations: [asyncHelper(s, `save${n}`)],
      statements: [`save${n}('record').catch(() => {});`],
      imports: {},
    }),
    (s, n) => ({
      declarations: [asyncHelper(s, `store${n}`)],
      statements: [`await store${n}('row')`, `  ${comment(s, false)}`, `  .catch(() => {});`],
      imports: {},
      needsAsync: true,
    }),
    (s, n) => ({
      declarations: [asyncHelper(s, `write${n}`)],
      statements: [`try {`, `  await write${n}('x');`, `} catch {}`],
      imports: {},
      needsAsync: true,
    }),
  ],
  'no-detached-async-callback': [
    (s, n) => ({
      declarations: [asyncHelper(s, `persist${n}`), `const bus${n} = new EventEmitter();`],
      statements: [`bus${n}.on('data', async (${s.typed ? 'chunk: string' : 'chunk'}) => {`, `  await persist${n}(chunk);`, `});`],
      imports: { 'node:events': ['EventEmitter'] },
    }),
    (s, n) => ({
      declarations: [asyncHelper(s, `notify${n}`)],
      statements: [`['a', 'b'].forEach(async (item) => {`, `  ${comment(s)}`, `  await notify${n}(item);`, `});`],
      imports: {},
    }),
    (s, n) => ({
      declarations: [asyncHelper(s, `later${n}`)],
      statements: [`setTimeout(async () => { await later${n}('t'); }, ${args(s, '10')});`],
      imports: {},
    }),
  ],
  'no-stray-timer': [
    (s, n) => ({
      declarations: [asyncHelper(s, `poll${n}`)],
      statements: [`setInterval(() => {`, `  void poll${n}('tick');`, `}, ${args(s, '1000')});`],
      imports: {},
    }),
    (s) => ({
      declarations: [],
      statements: [`const beat${s.comments} = setInterval(() => console.log('beat'), 500); ${comment(s)}`],
      imports: {},
    }),
  ],
  'no-orphan-worker': [
    (s) => ({
      declarations: [],
      statements: [`new Worker(${args(s, `'./worker-${s.comments}.js'`)});`],
      imports: { 'node:worker_threads': ['Worker'] },
    }),
    (s) => ({
      declarations: [],
      statements: [`spawn('ls', ${s.random.chance(0.5) ? `['-la']` : `[${args(s, `'-l'`, `'-a'`)}]`});`],
      imports: { 'node:child_process': ['spawn'] },
    }),
    (_s, n) => ({
      declarations: [],
      statements: [`const child${n} = fork('./child-${n}.js');`, `child${n}.send('start');`],
      imports: { 'node:child_process': ['fork'] },
    }),
  ],
  'no-unowned-state': [
    (s, n) => ({
      declarations: [
        `${comment(s)}`,
        `const cache${n} = new Map${s.typed ? '<string, number>' : ''}();`,
        `export function remember${n}(key${type(s, 'string')}, value${type(s, 'number')}) {\n  cache${n}.set(key, value);\n}`,
      ],
      statements: [],
      imports: {},
      topLevelOnly: true,
    }),
    (s, n) => ({
      declarations: [`const seen${n} = new Set();`, `export function mark${n}(id${type(s, 'string')}) {\n  seen${n}.add(id);\n}`],
      statements: [],
      imports: {},
      topLevelOnly: true,
    }),
  ],
  'require-cancellation': [
    // Floating: once put under tasks.start, the task's signal can be passed to it (a second pass).
    (_s, n) => ({
      declarations: [],
      statements: [`fetch('https://example.com/ping-${n}').then((response) => console.log(response.status));`],
      imports: {},
    }),
    (s, n) => ({
      declarations: [],
      statements: [`const response${n} = await fetch(${args(s, `'https://example.com/${n}'`)});`, `console.log(response${n}.status);`],
      imports: {},
      needsAsync: true,
    }),
    (s, n) => ({
      declarations: [],
      statements: [`await fetch('https://example.com/post', {`, `  method: 'POST', ${comment(s, true)}`, `  body: 'x${n}'${s.trailingCommas ? ',' : ''}`, `});`],
      imports: {},
      needsAsync: true,
    }),
  ],
  'no-unbounded-buffer': [
    (s, n) => ({
      declarations: [],
      statements: [
        `const out${n} = createWriteStream('/tmp/out-${n}.log');`,
        `for (const line of ['a', 'b', 'c']) {`,
        `  out${n}.write(line); ${comment(s)}`,
        `}`,
      ],
      imports: { 'node:fs': ['createWriteStream'] },
      needsAsync: true,
    }),
  ],
};

/** Code no rule should flag: awaited, returned, handled, cleared, supervised. */
const cleanPatterns: Template[] = [
  (s, n) => ({
    declarations: [asyncHelper(s, `job${n}`)],
    statements: [`await job${n}('x'); ${comment(s)}`],
    imports: {},
    needsAsync: true,
  }),
  (s, n) => ({
    declarations: [asyncHelper(s, `fetchAll${n}`), `export function all${n}() {\n  return fetchAll${n}('y');\n}`],
    statements: [],
    imports: {},
    topLevelOnly: true,
  }),
  (_s, n) => ({
    declarations: [`export function stopAfter${n}() {\n  const timer = setInterval(() => console.log('x'), 10);\n  clearInterval(timer);\n}`],
    statements: [],
    imports: {},
    topLevelOnly: true,
  }),
  (s, n) => ({
    declarations: [],
    statements: [`const total${n} = [1, 2, 3].reduce((sum, value) => sum + value, 0); ${comment(s)}`, `console.log(total${n});`],
    imports: {},
  }),
  (_s, n) => ({
    declarations: [`const LIMITS${n} = Object.freeze({ max: ${n} });`],
    statements: [`console.log(LIMITS${n}.max);`],
    imports: {},
  }),
];

const families = Object.keys(antiPatterns);

function importLines(style: Style, imports: Map<string, Set<string>>): string[] {
  const lines: string[] = [];
  for (const [module, names] of [...imports].sort(([a], [b]) => a.localeCompare(b))) {
    const list = [...names].sort().join(', ');
    lines.push(style.dialect === 'cjs' ? `const { ${list} } = require('${module}');` : `import { ${list} } from '${module}';`);
  }
  return lines;
}

function indentLines(lines: readonly string[], indent: string): string[] {
  return lines.flatMap((line) => line.split('\n')).map((line) => (line === '' ? line : indent + line));
}

/** Puts statements into a context: module top level, a function, a method, a nested block. */
function placeInContext(style: Style, n: number, statements: string[], needsAsync: boolean): { declarations: string[]; topLevel: string[] } {
  const { random, indent } = style;
  const topLevelAllowed = !needsAsync || (style.dialect !== 'cjs' && random.chance(0.3));
  const choice = topLevelAllowed && random.chance(0.3) ? 'top' : random.pick(['function', 'arrow', 'method', 'nested']);
  const asyncKeyword = needsAsync || random.chance(0.5) ? 'async ' : '';
  const inner = indentLines(statements, indent);
  switch (choice) {
    case 'top':
      return { declarations: [], topLevel: statements };
    case 'function':
      return { declarations: [`export ${asyncKeyword}function run${n}() {`, ...inner, `}`], topLevel: [] };
    case 'arrow':
      return { declarations: [`export const handle${n} = ${asyncKeyword}(${args(style, style.typed ? 'input: string' : 'input')}) => {`, ...inner, `};`], topLevel: [] };
    case 'method':
      return {
        declarations: [`export class Service${n} {`, `${indent}${asyncKeyword}start() {`, ...indentLines(inner, indent), `${indent}}`, `}`],
        topLevel: [],
      };
    default:
      return {
        declarations: [
          `export ${asyncKeyword}function nested${n}(flag${type(style, 'boolean')}) {`,
          `${indent}if (flag) {`,
          `${indent}${indent}${comment(style, false)}`,
          ...indentLines(statements, indent + indent),
          `${indent}}`,
          `}`,
        ],
        topLevel: [],
      };
  }
}

/** Drops statement-ending semicolons and guards lines that would join the previous statement (ASI). */
function withoutSemicolons(lines: readonly string[]): string[] {
  return lines.map((line) => {
    let text = line.replace(/;(\s*(\/\/.*|\/\*[^*]*\*\/)?)$/, '$1');
    const code = text.trimStart().replace(/^(\/\*[^*]*\*\/\s*)+/, '');
    if (/^[([`]/.test(code)) text = text.replace(/^(\s*)/, '$1;');
    return text;
  });
}

const extensions: Record<Dialect, string> = { ts: 'ts', tsx: 'tsx', esm: 'mjs', cjs: 'cjs' };

export function generateFile(seed: number, index = seed): GeneratedFile {
  const random = new SeededRandom(seed);
  const dialect = random.pick<Dialect>(['ts', 'ts', 'tsx', 'esm', 'cjs']);
  const style: Style = {
    dialect,
    typed: dialect === 'ts' || dialect === 'tsx',
    semicolons: random.chance(0.6),
    indent: random.pick(['  ', '    ', '\t']),
    trailingCommas: random.chance(0.4),
    extraParens: random.chance(0.3),
    crlf: random.chance(0.2),
    comments: 0,
    random,
    runtimeImported: random.chance(0.25) ? random.pick(['plain', 'aliased'] as const) : false,
  };
  const clean = random.chance(0.15);
  const imports = new Map<string, Set<string>>();
  const declarations: string[] = [];
  const topLevel: string[] = [];
  const unitCount = random.int(1, 6);
  for (let n = 1; n <= unitCount; n++) {
    const template = clean ? random.pick(cleanPatterns) : random.pick(antiPatterns[random.pick(families)]!);
    const unit = template(style, n);
    for (const [module, names] of Object.entries(unit.imports)) {
      const set = imports.get(module) ?? new Set<string>();
      for (const name of names) set.add(name);
      imports.set(module, set);
    }
    declarations.push(...unit.declarations);
    if (random.chance(0.3)) declarations.push(comment(style));
    if (unit.statements.length === 0) continue;
    if (unit.topLevelOnly) {
      topLevel.push(...unit.statements);
      continue;
    }
    const placed = placeInContext(style, n, unit.statements, unit.needsAsync ?? false);
    declarations.push(...placed.declarations);
    topLevel.push(...placed.topLevel);
  }
  const header = [`/* c${++style.comments} generated module ${index} */`, ...importLines(style, imports)];
  if (style.runtimeImported) {
    const local = style.runtimeImported === 'aliased' ? 'tasks as jobs' : 'tasks';
    header.push(dialect === 'cjs' ? `const { ${local.replace(' as ', ': ')} } = require('${RUNTIME}');` : `import { ${local} } from '${RUNTIME}';`);
    declarations.push(`${style.runtimeImported === 'aliased' ? 'jobs' : 'tasks'}.start(() => Promise.resolve('supervised'));`);
  }
  if (dialect === 'tsx') declarations.push(`export const View = () => <div className="status">{${comment(style, true)} 'ok'}</div>;`);
  if (dialect === 'cjs') declarations.push(`module.exports = {};`);
  let lines = [...header, '', ...declarations, '', ...topLevel, ''];
  if (!style.semicolons) lines = withoutSemicolons(lines);
  let source = lines.join('\n');
  // CommonJS files export through module.exports.
  if (dialect === 'cjs') source = source.replace(/^export /gm, '');
  if (style.crlf) source = source.replace(/\n/g, '\r\n');
  const traits = [
    dialect,
    ...(style.crlf ? ['crlf'] : []),
    ...(style.semicolons ? [] : ['no-semicolons']),
    ...(style.indent === '\t' ? ['tabs'] : []),
    ...(style.trailingCommas ? ['trailing-commas'] : []),
    ...(style.extraParens ? ['extra-parentheses'] : []),
    ...(style.runtimeImported ? ['runtime-imported'] : []),
  ];
  return { path: `src/gen/module-${index}.${extensions[dialect]}`, source, dialect, clean, seed, traits };
}
