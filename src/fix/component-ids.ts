import type { Collection, JSCodeshift } from 'jscodeshift';

/**
 * Ids for the children a rewrite creates (`supervise.interval('jobs/flush:flushUsage', ...)`): derived
 * from the module and a name taken from the code, unique within the module (ids already in the file,
 * from an earlier run or written by hand, count as taken).
 */
export interface ComponentIds {
  /** `<module>:<name>`, with `-2`, `-3`... when taken. */
  allocate(name: string): string;
  /** The module part: the file's path relative to the root, without its extension. */
  readonly moduleLabel: string;
}

const SUPERVISE_METHODS = new Set(['interval', 'worker', 'process', 'cache', 'queue']);

function idsInFile(j: JSCodeshift, root: Collection): Set<string> {
  const taken = new Set<string>();
  root.find(j.CallExpression).forEach((path) => {
    const callee = path.node.callee;
    if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
    if (!SUPERVISE_METHODS.has(callee.property.name)) return;
    const [first] = path.node.arguments;
    if (first && (first.type === 'StringLiteral' || (first.type as string) === 'Literal')) {
      const value = (first as { value: unknown }).value;
      if (typeof value === 'string') taken.add(value);
    }
  });
  return taken;
}

export function moduleLabelOf(relativePath: string): string {
  return relativePath.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\.[cm]?[jt]sx?$/, '');
}

export function componentIds(j: JSCodeshift, root: Collection, relativePath: string): ComponentIds {
  const moduleLabel = moduleLabelOf(relativePath);
  let taken: Set<string> | undefined;
  return {
    moduleLabel,
    allocate(name: string): string {
      taken ??= idsInFile(j, root);
      const base = `${moduleLabel}:${name}`;
      let id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
      taken.add(id);
      return id;
    },
  };
}
