/**
 * Where a rewrite shape would change what the code does, and so is left to a human. Each check gives
 * the reason in words (null when the rewrite is safe): the rules offer no suggestion there, and
 * `spawnguard fix` lists the finding as needing a human, with that reason.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { swallowExplainedByComment } from '../detect/error-handling.js';
import { nearestManifest } from '../detect/nearest-manifest.js';
import { keyName } from '../ast/names.js';
import { pathTo, walk } from '../ast/walk.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** What a refusal is decided from: the rule and shape reported, and the node the rule reported. */
export interface RefusableFinding {
  ruleId: string;
  messageId: string;
  node: TSESTree.Node | undefined;
}

/**
 * Why a finding whose shape has a rewrite is left to a human, because the rewrite would change what
 * the code does: the rule declined to suggest it, or (for a module-level cache, which an editor user
 * may still choose) the bulk fix declines to apply it. Undefined otherwise. `spawnguard fix` leaves the
 * finding with this reason, and the audit marks it not fixable with the same reason: one decision.
 */
export function rewriteRefusal(finding: RefusableFinding, sourceCode: SourceCode, filePath: string): string | undefined {
  const node = finding.node;
  if (!node) return undefined;
  switch (finding.ruleId) {
    case 'no-unowned-state': {
      const declarator = node.parent;
      if (finding.messageId !== 'moduleContainer' || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
      return notASupervisableCache(declarator.id.name, node, filePath) ?? undefined;
    }
    case 'no-detached-async-callback':
      return listenerIdentityInUse(node, sourceCode) ?? undefined;
    case 'no-swallowed-error':
      return intentionalSwallow(node, sourceCode) ?? undefined;
    case 'no-floating-promise':
      return insideTryBlock(node) ?? constructorReadiness(node) ?? undefined;
    case 'no-orphan-worker':
      return declaredSpawnType(node, sourceCode) ?? undefined;
    default:
      return undefined;
  }
}

/** The node a rule reported at `range`: the outermost one with exactly that range that is not a statement (a statement without `;` shares its expression's range). */
export function reportedNode(program: TSESTree.Program, range: readonly [number, number]): TSESTree.Node | undefined {
  return pathTo(program, range).find((node) => node.range[0] === range[0] && node.range[1] === range[1] && !node.type.endsWith('Statement') && node.type !== AST_NODE_TYPES.Program);
}

/**
 * `emitter.on('x', handler)` -> `tasks.callback(handler)` hands the emitter a new function: a later
 * `off('x', handler)` / `removeListener` removes nothing. Refused when the handler is a name used
 * anywhere else, or a parameter (an `on()` wrapper forwarding its caller's listener).
 */
export function listenerIdentityInUse(callback: TSESTree.Node, sourceCode: SourceCode): string | null {
  if (callback.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(callback), callback.name);
  if (!variable) return null;
  if (variable.defs.some((definition) => definition.type === 'Parameter')) {
    return `\`${callback.name}\` is a parameter: its caller may remove the same listener later, and the wrapper tasks.callback returns is another function`;
  }
  // Registered again elsewhere is fine (each registration gets its wrapper); removed, stored, returned
  // or compared elsewhere, the identity matters.
  const identityUse = variable.references.find(
    (reference) => reference.identifier !== callback && reference.isRead() && !isRegistration(reference.identifier),
  );
  if (!identityUse) return null;
  const line = identityUse.identifier.loc.start.line;
  return `\`${callback.name}\` is also used on line ${line}: wrapping it here changes the listener's identity, so removing it (off/removeListener) would remove nothing; wrap it where it is defined`;
}

const REMOVALS = new Set(['off', 'removeListener', 'removeEventListener']);

/** `x.on(event, name)`-like: `name` is an argument (not the callee) of a method call that is not a removal. */
function isRegistration(identifier: TSESTree.Node): boolean {
  const call = identifier.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee === identifier || !call.arguments.includes(identifier as TSESTree.Expression)) return false;
  const callee = call.callee;
  const method = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : null;
  return method !== null && !REMOVALS.has(method);
}

/**
 * `// the peer may have closed already` above `socket.end().catch(() => {})`, or a comment inside the
 * handler: a swallow someone meant; report(...) would publish an expected error on every close. The
 * judgement is no-swallowed-error's own (`swallowExplainedByComment`), so the fix refuses exactly
 * what the audit accepts.
 */
export function intentionalSwallow(handler: TSESTree.Node, sourceCode: SourceCode): string | null {
  return swallowExplainedByComment(handler, sourceCode)
    ? 'a commented, intentional swallow: reporting it would publish an expected error every time'
    : null;
}

/**
 * `try { send(); } catch (error) { logger.error(error); }`: inside `tasks.start(() => send())` a
 * synchronous throw no longer reaches the project's catch.
 */
export function insideTryBlock(node: TSESTree.Node): string | null {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (
      parent.type === AST_NODE_TYPES.FunctionDeclaration ||
      parent.type === AST_NODE_TYPES.FunctionExpression ||
      parent.type === AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      return null;
    }
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === child && parent.handler) {
      return 'inside a try block with a catch: tasks.start would take its errors away from that catch (the project’s own error path)';
    }
  }
  return null;
}

const CACHE_NAME = /cache|memo|lru/i;

/**
 * `supervise.cache` empties a container when its owner restarts, and at module level it starts the
 * supervision tree when the module is imported: right for a cache in an application, wrong for a
 * registry of live things, a scratch object, or anything in a library (its importer did not ask for
 * a tree or for signal handlers).
 */
export function notASupervisableCache(name: string, init: TSESTree.Node, filePath: string): string | null {
  if (isLibraryFile(filePath)) {
    return 'the file belongs to a library (its package.json publishes it): a module-level supervise.cache would start a supervision tree whenever it is imported';
  }
  const constructed = init.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier ? init.callee.name : '';
  if (CACHE_NAME.test(name) || CACHE_NAME.test(constructed)) return null;
  return `\`${name}\` is not evidently a cache: supervise.cache would empty it whenever its owner restarts`;
}

/** The nearest package.json publishes the file's package: not private, with a main, module or exports entry. */
export function isLibraryFile(filePath: string): boolean {
  const json = nearestManifest(filePath)?.json;
  return json !== undefined && json['private'] !== true && ['main', 'module', 'exports'].some((key) => key in json);
}

/**
 * `this.worker = new Worker(...)` where `worker` is declared `Worker | undefined`: the handle
 * `supervise.worker` returns offers what this code calls on it, but it is not a `Worker` (nor a
 * `ChildProcess`), so the declaration would no longer type-check. Null when the spawn is stored
 * where no type is declared (the handle's type is then inferred).
 */
export function declaredSpawnType(spawn: TSESTree.Node, sourceCode: SourceCode): string | null {
  let value: TSESTree.Node = spawn;
  while (value.parent && /^(?:TSAsExpression|TSNonNullExpression|TSSatisfiesExpression)$/.test(value.parent.type)) value = value.parent;
  const parent = value.parent;
  let annotation: TSESTree.TypeNode | undefined;
  let storage = '';
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier) {
    annotation = parent.id.typeAnnotation?.typeAnnotation;
    storage = parent.id.name;
  } else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value) {
    const target = parent.left;
    if (target.type === AST_NODE_TYPES.Identifier) {
      const declared = ASTUtils.findVariable(sourceCode.getScope(parent), target.name)?.defs[0]?.name;
      if (declared?.type === AST_NODE_TYPES.Identifier) annotation = declared.typeAnnotation?.typeAnnotation;
      storage = target.name;
    } else if (target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.ThisExpression && !target.computed && target.property.type === AST_NODE_TYPES.Identifier) {
      annotation = declaredFieldType(target, target.property.name);
      storage = `this.${target.property.name}`;
    }
  }
  if (!annotation) return null;
  return `\`${storage}\` is declared as \`${sourceCode.getText(annotation)}\`: the handle the runtime returns offers the methods used here but is not that type; change the declaration (to the runtime's handle type) or supervise it by hand`;
}

/** The type annotation of field `name` (or a constructor parameter property) of the class `member` sits in. */
function declaredFieldType(member: TSESTree.Node, name: string): TSESTree.TypeNode | undefined {
  let node: TSESTree.Node | undefined = member;
  while (node && node.type !== AST_NODE_TYPES.ClassBody) node = node.parent;
  if (!node) return undefined;
  for (const element of node.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && keyName(element) === name) {
      return element.typeAnnotation?.typeAnnotation;
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const parameter of element.value.params) {
        if (parameter.type === AST_NODE_TYPES.TSParameterProperty && parameter.parameter.type === AST_NODE_TYPES.Identifier && parameter.parameter.name === name) {
          return parameter.parameter.typeAnnotation?.typeAnnotation;
        }
      }
    }
  }
  return undefined;
}

/**
 * `constructor() { this.connect(); }` where `connect()` sets a field another method reads (bee-queue's
 * Queue): the object is ready only once the call did its work. As `tasks.start(() => this.connect())`
 * a failure is reported once and leaves the object half-built, where the unhandled rejection used to
 * end the process; the task runtime has no restarting task to retry it, so the class's own failure
 * handling is a human's to write. A call in a callback the constructor registers runs later: not this.
 */
export function constructorReadiness(call: TSESTree.Node): string | null {
  const constructor = enclosingConstructor(call);
  if (!constructor) return null;
  const members = classMembersByName(constructor);
  const started = new Set<string>();
  walkSameThis(call, (node) => {
    const name = thisMethodCalled(node);
    if (name !== null && members.has(name)) started.add(name);
  });
  if (started.size === 0) return null;
  // What the started methods set, through the methods of this class they call in turn.
  const reached = new Set<string>();
  const assigned = new Set<string>();
  const pending = [...started];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (reached.has(name)) continue;
    reached.add(name);
    walkSameThis(members.get(name)!, (node) => {
      const called = thisMethodCalled(node);
      if (called !== null && members.has(called)) pending.push(called);
      if (node.type === AST_NODE_TYPES.AssignmentExpression && isThisMember(node.left)) {
        const field = keyName(node.left);
        if (field !== null) assigned.add(field);
      }
    });
  }
  for (const [memberName, member] of members) {
    if (reached.has(memberName)) continue;
    let field: string | null = null;
    walkSameThis(member, (node) => {
      if (field !== null || !isThisMember(node)) return;
      const parent = node.parent;
      const written = parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node;
      const name = keyName(node);
      if (!written && name !== null && assigned.has(name)) field = name;
    });
    if (field !== null) {
      const method = [...started][0];
      return `called in the constructor and not awaited, \`${method}()\` sets \`this.${field}\`, which \`${memberName}()\` reads: as a one-shot task a failure would be reported once and leave the object half-built (the unhandled rejection used to end the process); handle its failure in the class (keep the promise and fail callers, or retry)`;
    }
  }
  return null;
}

/** The class constructor `node` runs in directly (not in a function it defines). */
function enclosingConstructor(node: TSESTree.Node): TSESTree.FunctionExpression | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.FunctionExpression) {
      return parent.parent?.type === AST_NODE_TYPES.MethodDefinition && parent.parent.kind === 'constructor' ? parent : undefined;
    }
    if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression || parent.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
  }
  return undefined;
}

/** The class's methods, accessors and function-valued fields by name, the constructor left out. */
function classMembersByName(constructor: TSESTree.FunctionExpression): Map<string, TSESTree.Node> {
  const members = new Map<string, TSESTree.Node>();
  const body = constructor.parent?.parent;
  if (body?.type !== AST_NODE_TYPES.ClassBody) return members;
  for (const element of body.body) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind !== 'constructor') {
      const name = keyName(element);
      if (name !== null && !element.static) members.set(name, element.value);
    } else if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && element.value) {
      const name = keyName(element);
      if (name !== null) members.set(name, element.value);
    }
  }
  return members;
}

function isThisMember(node: TSESTree.Node): node is TSESTree.MemberExpression {
  return node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression;
}

/** `this.name(...)`: the method's name, else null. */
function thisMethodCalled(node: TSESTree.Node): string | null {
  return node.type === AST_NODE_TYPES.CallExpression && isThisMember(node.callee) ? keyName(node.callee) : null;
}

/** Visits `root` and what runs with its `this`: arrows are entered, other functions are not. */
function walkSameThis(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  walk(root, (node) => {
    if (node !== root && (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration)) return 'skip';
    visit(node);
    return undefined;
  });
}
