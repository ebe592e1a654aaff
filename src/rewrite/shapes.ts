/**
 * The rewrite shapes, each written once: the rules' suggestions and the codemods (src/fix/rewriters)
 * both build their text here, from the code as written and the file's style, so what an editor offers
 * and what `spawnguard fix` writes cannot drift apart.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { SourceStyle } from '../detect/source-style.js';
import { enclosingFunction, isFunctionNode } from '../ast/functions.js';
import { walk } from '../ast/walk.js';
import { firstFreeName } from '../ast/names.js';
import { isNeverReassigned } from '../detect/module-bindings.js';
import { isTypeScript } from '../detect/runtime-import.js';

export type ShapeStyle = Pick<SourceStyle, 'quote' | 'semicolons'> & Partial<Pick<SourceStyle, 'bracketSpacing'>>;

export const quoted = (text: string, style: Pick<ShapeStyle, 'quote'>): string => {
  const quote = style.quote === 'single' ? "'" : '"';
  return `${quote}${text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`)}${quote}`;
};

/** Parents whose body is a statement list: a statement replaced there needs no braces of its own. */
const STATEMENT_LISTS = new Set(['BlockStatement', 'Program', 'SwitchCase', 'StaticBlock', 'TSModuleBlock']);

/**
 * A statement that is the body of an `if`, a loop or a label and is replaced by an `if`: braces keep a
 * following `else` with the `if` it belonged to (`if (a) s.write(x); else ...`).
 */
export const needsBraces = (parentType: string | undefined): boolean => parentType !== undefined && !STATEMENT_LISTS.has(parentType);

/** no-unbounded-buffer `ignoredWriteInAsyncLoop`: `s.write(x);` -> `if (!s.write(x)) await once(s, 'drain');`. */
export function awaitDrainStatement(call: string, receiver: string, once: string, style: ShapeStyle, braced: boolean): string {
  const statement = `if (!${call}) await ${once}(${receiver}, ${quoted('drain', style)})${style.semicolons ? ';' : ''}`;
  return braced ? `{ ${statement} }` : statement;
}

/**
 * no-unowned-state `moduleContainer`: `new Map()` -> `supervise.cache('<id>', () => new Map())`. A
 * declared type is passed on as the type argument (`const m: Record<string, number> = {}`), so the
 * handle keeps it instead of the factory's inferred `{}`.
 */
export function superviseCacheCall(supervise: string, id: string, init: string, isObjectLiteral: boolean, declaredType: string | undefined, style: ShapeStyle): string {
  const body = isObjectLiteral ? `(${init})` : init;
  return `${supervise}.cache${declaredType ? `<${declaredType}>` : ''}(${quoted(id, style)}, () => ${body})`;
}

/**
 * The declared type a cache can take as its type argument: absent without an annotation; the object
 * member of `T | undefined` or `T | null` (the cache is never either); null (do not rewrite) when the
 * annotation admits other non-objects (`any`, `number | Map<K, V>`) or functions, which a cache cannot be.
 */
export function cacheTypeArgument(
  annotation: { type: string; types?: { type: string }[] } | undefined,
  text: (node: { type: string }) => string,
): string | undefined | null {
  if (!annotation) return undefined;
  const members = annotation.type === 'TSUnionType' ? annotation.types!.filter((member) => !/^TS(?:Undefined|Null)Keyword$/.test(member.type)) : [annotation];
  const [only] = members;
  if (members.length !== 1 || !only || /^TS(?:Union|Function|Constructor)Type$|^TS\w+Keyword$/.test(only.type)) return null;
  return text(only);
}

/** How long a spawned process is meant to run, which decides whether its supervisor re-runs it. */
export type SpawnLifetime = 'one-shot' | 'long-running';

/** Spawn APIs that run a command to completion and buffer its output: one-shots by nature. */
const RUNS_TO_COMPLETION = new Set(['child_process.exec', 'child_process.execFile']);
/** Words of a command line that say it serves or watches until stopped (`redis-server`, `--watch`, `npm run dev`). */
const SERVES = /\b(?:serve|server|watch|watcher|daemon|dev|start|preview|listen|worker)\b|--watch/i;

/**
 * From the call's shape: `exec`/`execFile` run once; a forked Node child (IPC, a worker or server
 * by design) runs long; a `spawn` runs long when its command line says it serves or watches, once
 * otherwise (the conservative reading: a one-shot is not re-run, as without the runtime).
 */
export function spawnLifetime(api: string, argumentsText: string): SpawnLifetime {
  if (RUNS_TO_COMPLETION.has(api)) return 'one-shot';
  if (api === 'child_process.fork') return 'long-running';
  return SERVES.test(argumentsText) ? 'long-running' : 'one-shot';
}

/**
 * no-orphan-worker: `new Worker(...)` -> `supervise.worker('<id>', () => new Worker(...))`, `spawn(...)`
 * -> `supervise.process('<id>', () => spawn(...))`. A one-shot process is `temporary`: its failure is
 * reported, and it is never run again; a long-running one keeps the default (`transient`: restarted
 * after a crash, done after exit 0).
 */
export function superviseSpawnCall(supervise: string, kind: 'worker' | 'process', id: string, spawn: string, lifetime: SpawnLifetime, style: ShapeStyle): string {
  const options = kind === 'process' && lifetime === 'one-shot' ? `, { restart: ${quoted('temporary', style)} }` : '';
  return `${supervise}.${kind}(${quoted(id, style)}, () => ${spawn}${options})`;
}

/**
 * A value `tasks.start(() => X)` would read inside its arrow although the code around narrowed it
 * (`if (this.url) fetch(this.url)`, `if (!conn) return; conn.send()` with `let conn` assigned again
 * later): TypeScript does not carry that narrowing into a closure, so the rewrite reads it once,
 * before the arrow, into a const (`const url = this.url; tasks.start(() => fetch(url))`).
 */
export interface NarrowedValue {
  /** Where it is in the file: every occurrence inside X is replaced by `name`. */
  ranges: [number, number][];
  text: string;
  name: string;
}

type SourceCode = Readonly<TSESLint.SourceCode>;

/** `this.a.b`, `a.b`: a member path with no call, computed key or optional link, rooted at `this` or a name. */
function isMemberPath(node: TSESTree.Node): node is TSESTree.MemberExpression {
  let current: TSESTree.Node = node;
  if (current.type !== AST_NODE_TYPES.MemberExpression) return false;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    if (current.computed || current.optional) return false;
    current = current.object;
  }
  return current.type === AST_NODE_TYPES.ThisExpression || current.type === AST_NODE_TYPES.Identifier;
}

/** A `let`/`var` or parameter assigned after its declaration: TypeScript drops its narrowing in closures. */
function assignedAgain(identifier: TSESTree.Identifier, sourceCode: SourceCode): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
  const definition = variable?.defs[0];
  if (!variable || !definition) return false;
  if (definition.type !== 'Parameter' && (definition.type !== 'Variable' || definition.parent.kind === 'const')) return false;
  return !isNeverReassigned(variable);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The texts of the conditions that run before `at` in the same function (or module): where narrowing comes from. */
function guardsBefore(at: TSESTree.Node, sourceCode: SourceCode): string[] {
  const container: TSESTree.Node = enclosingFunction(at) ?? sourceCode.ast;
  const guards: string[] = [];
  walk(container, (node) => {
    if (node !== container && isFunctionNode(node)) return 'skip';
    if (node.range[0] >= at.range[0]) return 'skip';
    const test =
      node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression || node.type === AST_NODE_TYPES.WhileStatement
        ? node.test
        : node.type === AST_NODE_TYPES.LogicalExpression
          ? node.left
          : null;
    if (test && test.range[1] <= at.range[0]) guards.push(sourceCode.getText(test));
    return undefined;
  });
  return guards;
}

/** `name`, or `name2`, `name3`...: the first that no variable in scope and no identifier of the function uses. */
function freeName(base: string, at: TSESTree.Node, sourceCode: SourceCode): string {
  const container: TSESTree.Node = enclosingFunction(at) ?? sourceCode.ast;
  const used = new Set<string>();
  for (const token of sourceCode.getTokens(container)) {
    if (token.type === 'Identifier' && sourceCode.getTokenBefore(token)?.value !== '.') used.add(token.value);
  }
  const scope = sourceCode.getScope(at);
  return firstFreeName(
    (attempt) => (attempt === 1 ? base : `${base}${attempt}`),
    (name) => used.has(name) || ASTUtils.findVariable(scope, name) !== null,
  );
}

/** The narrowed values `expression` reads (see {@link NarrowedValue}); empty when nothing needs reading first. */
export function narrowedValues(expression: TSESTree.Node, sourceCode: SourceCode): NarrowedValue[] {
  const candidates: TSESTree.Node[] = [];
  walk(expression, (node) => {
    if (node !== expression && isFunctionNode(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.Property && node.shorthand) return 'skip';
    if (isMemberPath(node)) {
      const parent = node.parent;
      // `this.conn.send(x)`: the method stays on its receiver; the receiver is the value.
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === node) {
        if (isMemberPath(node.object)) candidates.push(node.object);
        else if (node.object.type === AST_NODE_TYPES.Identifier && assignedAgain(node.object, sourceCode)) candidates.push(node.object);
      } else {
        candidates.push(node);
      }
      return 'skip';
    }
    const parent = node.parent;
    if (
      node.type === AST_NODE_TYPES.Identifier &&
      !(parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) &&
      !(parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed) &&
      assignedAgain(node, sourceCode)
    ) {
      candidates.push(node);
    }
    return undefined;
  });
  if (candidates.length === 0) return [];
  const guards = guardsBefore(expression, sourceCode);
  const byText = new Map<string, NarrowedValue>();
  for (const candidate of candidates) {
    const text = sourceCode.getText(candidate);
    const mentioned = new RegExp(`(?<![\\w$.])${escapeRegExp(text)}(?![\\w$])`);
    if (!guards.some((guard) => mentioned.test(guard))) continue;
    const known = byText.get(text);
    if (known) {
      known.ranges.push([...candidate.range]);
      continue;
    }
    const base = candidate.type === AST_NODE_TYPES.MemberExpression && candidate.property.type === AST_NODE_TYPES.Identifier ? candidate.property.name : text;
    byText.set(text, { ranges: [[...candidate.range]], text, name: '' });
    byText.get(text)!.name = freeName(base, expression, sourceCode);
  }
  // Two values given the same free name: number the later ones.
  const taken = new Set<string>();
  for (const value of byText.values()) {
    let name = value.name;
    for (let n = 2; taken.has(name); n++) name = `${value.name}${n}`;
    value.name = name;
    taken.add(name);
  }
  return [...byText.values()];
}

/** `text` (the code at `start` in the file) with each narrowed value's occurrences replaced by its const. */
export function withNarrowedValues(text: string, start: number, values: readonly NarrowedValue[]): string {
  const edits = values.flatMap((value) => value.ranges.map((range) => ({ range, name: value.name }))).sort((a, b) => b.range[0] - a.range[0]);
  let result = text;
  for (const { range, name } of edits) result = result.slice(0, range[0] - start) + name + result.slice(range[1] - start);
  return result;
}

/**
 * The statement that reads the narrowed values first: `const url = this.url;` lines before it at its
 * indentation, or all in one braced block where the statement is the body of an `if` or a loop.
 */
export function readingNarrowedValuesFirst(values: readonly NarrowedValue[], statement: string, indent: string, style: ShapeStyle, braced: boolean): string {
  const declarations = values.map((value) => `const ${value.name} = ${value.text}`);
  if (braced) return `{ ${declarations.map((declaration) => `${declaration}; `).join('')}${statement} }`;
  const end = style.semicolons ? ';' : '';
  return [...declarations.map((declaration) => declaration + end), statement].join(`\n${indent}`);
}

/**
 * `call` (the code of `callee(...)`) calling `newCallee` with `argument` put first, laid out as the
 * call was: in a list written one argument per line the argument gets a line of its own at the same
 * indentation (the list's trailing comma, if any, stays last); null for a call on one line, which
 * an AST rewrite prints as it stood.
 */
export function withFirstArgumentOnItsLine(call: string, callee: string, newCallee: string, argument: string): string | null {
  if (!call.startsWith(callee)) return null;
  const open = /^\s*\(/.exec(call.slice(callee.length));
  if (!open) return null;
  const rest = call.slice(callee.length + open[0].length);
  const layout = /^[ \t]*(\r?\n)([ \t]*)/.exec(rest);
  if (!layout) return null;
  return `${newCallee}(${layout[1]}${layout[2]}${argument},${rest}`;
}

/** The options that name a task for telemetry: `{ name: 'server.message' }`, `{name: ...}` in a file whose braces go without spaces. */
export function taskNameOptions(name: string, style: ShapeStyle): string {
  const entry = `name: ${quoted(name, style)}`;
  return style.bracketSpacing === false ? `{${entry}}` : `{ ${entry} }`;
}

/** no-detached-async-callback: `cb` -> `tasks.callback(cb, { name: '<module>.<event>' })` (component-names.ts names it). */
export function tasksCallbackCall(tasks: string, callback: string, name: string, style: ShapeStyle): string {
  return `${tasks}.callback(${callback}, ${taskNameOptions(name, style)})`;
}

/**
 * Whether the function a floating promise is started in is `async`: `tasks.start(async () => X)` in
 * TypeScript, `tasks.start(() => X)` in JavaScript. Common lint configs then stay clean:
 * - TypeScript: `@typescript-eslint/promise-function-async` (xo, and a common strict addition) wants
 *   a function that returns a promise marked `async`; `@typescript-eslint/require-await` accepts an
 *   async function that returns a promise without `await` (its docs: the type information is used for
 *   exactly that); `return-await` (in-try-catch by default) has nothing to ask of an arrow outside a try.
 * - JavaScript: no typed rule sees the promise, and the base `require-await` reports an async arrow
 *   without `await`.
 * Behaviour is the same: X still runs synchronously when the task starts; a synchronous throw becomes a
 * rejection, which the task reports as it reported the throw. Passing the function itself
 * (`tasks.start(job)`) is never written: the task calls it with an AbortSignal, which a function with
 * optional parameters (or one reading `arguments`) would take.
 */
export const startsTaskAsync = (filePath: string): boolean => isTypeScript(filePath);

/** The function a floating promise `X` is started in, written for `filePath` (startsTaskAsync). */
export function startedTaskArrow(expression: string, filePath: string): string {
  return `${startsTaskAsync(filePath) ? 'async ' : ''}() => ${expression}`;
}

/** no-floating-promise: `X` -> `tasks.start(() => X, { name: '<module>.<callee>' })` (component-names.ts names it; startedTaskArrow writes the arrow). */
export function tasksStartCall(tasks: string, fn: string, name: string, style: ShapeStyle): string {
  return `${tasks}.start(${fn}, ${taskNameOptions(name, style)})`;
}
