/**
 * The rewrite shapes, each written once: the rules' suggestions and the codemods (src/fix/rewriters)
 * both build their text here, from the code as written and the file's style, so what an editor offers
 * and what `spawnguard fix` writes cannot drift apart.
 */
import type { SourceStyle } from '../detect/source-style.js';

export type ShapeStyle = Pick<SourceStyle, 'quote' | 'semicolons'>;

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
const SERVES = /\b(?:serve|server|watch|watcher|daemon|dev|start|listen|worker)\b|--watch/i;

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
