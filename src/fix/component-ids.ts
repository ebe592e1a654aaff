import type { Collection, JSCodeshift } from 'jscodeshift';

/**
 * The ids of the children a rewrite creates are named by src/detect/component-names.ts (the same
 * names the rules' suggestions write); this keeps them unique within the module: an id already in the
 * file (from an earlier run, or written by hand) or given to an earlier rewrite gets `-2`, `-3`...
 */
export interface ComponentIds {
  claim(id: string): string;
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

export function componentIds(j: JSCodeshift, root: Collection): ComponentIds {
  let taken: Set<string> | undefined;
  return {
    claim(base: string): string {
      taken ??= idsInFile(j, root);
      let id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
      taken.add(id);
      return id;
    },
  };
}
