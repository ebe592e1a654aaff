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
