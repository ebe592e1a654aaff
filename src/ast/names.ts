import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { skipTransparentWrappers } from './wrappers.js';

/** The name an import specifier takes from its module: `x` in `import { x as y }` and `import { 'x' as y }`. */
export function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
}

/** The value of a string literal or of a template literal without substitutions; else null. */
export function staticString(node: TSESTree.Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : null;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? null;
  }
  return null;
}

/** The nodes that name a key: a member access, an object property, a class member. */
export type KeyedNode =
  | TSESTree.MemberExpression
  | TSESTree.Property
  | TSESTree.MethodDefinition
  | TSESTree.PropertyDefinition
  | TSESTree.AccessorProperty;

/**
 * The static name of a member access or key: `a.b`, `a['b']`, `` a[`b`] ``, `{ b: ... }`, `b() {}`
 * -> `b`; a private name keeps its `#` (`this.#b` -> `#b`, a different key from `b`); null when
 * computed from an expression. ESLint's `getPropertyName`, plus private names.
 */
export function keyName(node: KeyedNode): string | null {
  const key = node.type === AST_NODE_TYPES.MemberExpression ? node.property : node.key;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (node.type !== AST_NODE_TYPES.AccessorProperty) return ASTUtils.getPropertyName(node);
  // `accessor x = ...`: getPropertyName does not know the node type; its rule, applied to the key.
  if (node.computed) return ASTUtils.getStringIfConstant(key);
  return key.type === AST_NODE_TYPES.Identifier ? key.name : key.type === AST_NODE_TYPES.Literal ? String(key.value) : null;
}

/** The declarations whose `id` is the name they define: `function f`, `class C`, `const x`. */
type NamedDeclaration =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ClassDeclaration
  | TSESTree.ClassExpression
  | TSESTree.VariableDeclarator;
const NAMED_DECLARATION_TYPES: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.FunctionDeclaration,
  AST_NODE_TYPES.FunctionExpression,
  AST_NODE_TYPES.ClassDeclaration,
  AST_NODE_TYPES.ClassExpression,
  AST_NODE_TYPES.VariableDeclarator,
]);

/** The nodes whose `key` is the name they define: `{ k: v }`, `m() {}`, `x = 1` and `accessor x` in a class. */
type KeyDefinition = Exclude<KeyedNode, TSESTree.MemberExpression>;
const KEY_DEFINITION_TYPES: ReadonlySet<AST_NODE_TYPES> = new Set([AST_NODE_TYPES.Property, AST_NODE_TYPES.MethodDefinition, AST_NODE_TYPES.PropertyDefinition, AST_NODE_TYPES.AccessorProperty]);

/**
 * The identifier is the name its parent defines (`function f`, `class C`, `const x`, a key `{ k: v }`,
 * a class member `m() {}`), not a use of a value. A computed key (`{ [k]: v }`) reads `k`: a use.
 */
export function isDefinedName(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (!parent) return false;
  if (NAMED_DECLARATION_TYPES.has(parent.type)) return (parent as NamedDeclaration).id === identifier;
  if (!KEY_DEFINITION_TYPES.has(parent.type)) return false;
  const keyed = parent as KeyDefinition;
  return keyed.key === identifier && !keyed.computed;
}

/** The name a call is known by: `f()` -> `f`, `a.b.f()` -> `f`. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return keyName(callee);
  return null;
}

/**
 * A function's own name, or the name it is bound to: `const tick = () => ...`, a method or property
 * `tick() {}`, a property it is assigned to (`nodemon.reset = function () {...}`). `parent` is for a
 * tree walked without parent links (the risk model's paths).
 */
export function functionName(fn: TSESTree.FunctionLike, parent: TSESTree.Node | undefined = fn.parent): string | null {
  if (fn.id) return fn.id.name;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.id.name;
  }
  if (
    (parent?.type === AST_NODE_TYPES.MethodDefinition ||
      parent?.type === AST_NODE_TYPES.Property ||
      parent?.type === AST_NODE_TYPES.PropertyDefinition) &&
    parent.value === fn
  ) {
    return keyName(parent);
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    return keyName(parent.left);
  }
  return null;
}

/** `module.exports`, the object CommonJS exports hang on (`exports` alone is `isExportsObject`). */
export function isModuleExports(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === 'module' &&
    keyName(node) === 'exports'
  );
}

/** `module.exports` or `exports`, the objects CommonJS exports hang on. */
export function isExportsObject(node: TSESTree.Node): boolean {
  return isModuleExports(node) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'exports');
}

/** The first of `candidate(1)`, `candidate(2)`, ... that is not `taken`: a name a rewrite can introduce. */
export function firstFreeName(candidate: (attempt: number) => string, taken: (name: string) => boolean): string {
  for (let attempt = 1; ; attempt++) {
    const name = candidate(attempt);
    if (!taken(name)) return name;
  }
}

/** The reference hands the value to other modules: `export { c }`, `export default c`, `module.exports = { c }`, `exports.c = c`. */
export function isExportingReference(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.ExportSpecifier || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  const value = parent?.type === AST_NODE_TYPES.Property && parent.value === identifier ? parent.parent : identifier;
  // `export default { c }`
  if (value !== identifier && value.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  const assignment = value.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== value) return false;
  const target = assignment.left;
  return (
    isExportsObject(skipTransparentWrappers(target)) ||
    (target.type === AST_NODE_TYPES.MemberExpression && isExportsObject(skipTransparentWrappers(target.object)))
  );
}

/** For an exporting reference (`isExportingReference`): `module.exports = { f }`, `export { f }`, `exports.f = f` give other modules the function's own name. */
export function exportsUnderItsOwnName(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.Property) return parent.shorthand;
  if (parent?.type === AST_NODE_TYPES.ExportSpecifier) return parent.exported.type === AST_NODE_TYPES.Identifier && parent.exported.name === identifier.name;
  // `exports.f = f`; `exports.g = f` and `module.exports = f` give it another name.
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression) return parent.left.type === AST_NODE_TYPES.MemberExpression && keyName(parent.left) === identifier.name;
  return parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration ? false : true;
}
