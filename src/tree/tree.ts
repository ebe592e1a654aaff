import { posix } from 'node:path';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { resolveValueOrigin } from '../detect/module-bindings.js';
import { RUNTIME_MODULE } from '../detect/runtime-calls.js';
import { compareFindings } from '../audit/order.js';
import type { RiskLevel } from '../catalogue/categories.js';
import { importedName, keyName, staticString } from '../ast/names.js';
import { walk } from '../ast/walk.js';
import { skipTransparentWrappers } from '../ast/wrappers.js';
import { componentOf } from '../risk/locate.js';
import type { AuditFinding } from '../audit/types.js';

/**
 * Reconstructs the supervision tree the code declares with @spawnguard/runtime, like the OTP trees
 * in docs/architecture.md ("Where it comes from"), and hangs every finding (an unsupervised spawn) under an `(unsupervised)`
 * node for its module.
 *
 * Two steps, like the risk model: `collectTreeFacts` reads one file's AST while the audit has it,
 * `buildSupervisionTree` joins the facts of every file. Calls into the runtime are recognised by the
 * rules' own binding resolution (src/detect/module-bindings.ts: any import style, aliases); supervisors
 * and specs are then followed by the name they are bound to, within a file and across relative
 * imports. What it does not recognise it shows as an `unknown` child rather than dropping it.
 */

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export type SupervisorKind = 'application' | 'supervisor' | 'dynamic-supervisor' | 'task-supervisor';
export type SpawnKind = 'interval' | 'worker' | 'process' | 'cache' | 'queue' | 'task';

/** A child as the code declares it. */
export type ChildDecl =
  | { kind: 'spec'; id: string; restart?: string; location: SourceLocation }
  /** `sup.asChild('id')`, or an identifier naming a supervisor or a spec object. */
  | { kind: 'ref'; binding: string; id?: string; location: SourceLocation }
  | { kind: 'spawn'; spawn: SpawnKind; label: string; location: SourceLocation }
  | { kind: 'unknown'; text: string; location: SourceLocation };

export interface SupervisorDecl {
  kind: SupervisorKind;
  /** The `name` option, else the binding. */
  name?: string;
  /** The local name it is bound to: `app`, `this.pool`. */
  binding?: string;
  strategy?: string;
  children: ChildDecl[];
  location: SourceLocation;
}

/** A child added to a supervisor elsewhere than in its declaration. */
export interface Attachment {
  /** `null`: the runtime's default root (`supervise.*`, `tasks.*`, `root.*`); else a binding name. */
  owner: string | null;
  /** Tasks go under the owner's TaskSupervisor. */
  child: ChildDecl;
}

export interface TreeFileFacts {
  file: string;
  supervisors: SupervisorDecl[];
  attachments: Attachment[];
  /** Top-level `const name = { id, start }` child specs. */
  specs: Record<string, { id: string; restart?: string }>;
  /** local name -> where it is imported from (relative specifiers only). */
  imports: Record<string, { from: string; name: string }>;
  /** exported name -> local name. */
  exports: Record<string, string>;
}

const SUPERVISOR_CLASSES: Record<string, SupervisorKind> = {
  Application: 'application',
  Supervisor: 'supervisor',
  DynamicSupervisor: 'dynamic-supervisor',
  TaskSupervisor: 'task-supervisor',
};
const SPAWN_KINDS = new Set(['interval', 'worker', 'process', 'cache', 'queue']);
const TASK_METHODS = new Set(['start', 'async', 'callback']);

function requireSource(node: TSESTree.Node | null | undefined): string | null {
  if (node?.type === AST_NODE_TYPES.AwaitExpression) return requireSource(node.argument);
  if (node?.type === AST_NODE_TYPES.ImportExpression) return staticString(node.source);
  if (node?.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'require') return null;
  return staticString(node.arguments[0]);
}

/** The relative imports and the exports of a file: how supervisors are followed across modules. */
function collectModuleLinks(program: TSESTree.Program, facts: TreeFileFacts): void {
  const addFrom = (source: string, local: string, imported: string | null) => {
    if (source.startsWith('.') && imported !== null) facts.imports[local] = { from: source, name: imported };
  };
  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.ImportDeclaration) {
      for (const specifier of node.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
          addFrom(node.source.value, specifier.local.name, importedName(specifier));
        } else {
          addFrom(node.source.value, specifier.local.name, specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : null);
        }
      }
    } else if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) {
      const source = requireSource(node.init);
      if (source === null) return;
      if (node.id.type === AST_NODE_TYPES.Identifier) addFrom(source, node.id.name, null);
      else if (node.id.type === AST_NODE_TYPES.ObjectPattern) {
        for (const property of node.id.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.value.type !== AST_NODE_TYPES.Identifier) continue;
          const key = keyName(property);
          if (key !== null) addFrom(source, property.value.name, key);
        }
      }
    } else if (node.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = node.declaration;
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier) facts.exports[declarator.id.name] = declarator.id.name;
        }
      } else if ((declaration?.type === AST_NODE_TYPES.FunctionDeclaration || declaration?.type === AST_NODE_TYPES.ClassDeclaration) && declaration.id) {
        facts.exports[declaration.id.name] = declaration.id.name;
      }
      for (const specifier of node.specifiers) {
        const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
        if (specifier.local.type === AST_NODE_TYPES.Identifier) facts.exports[exported] = specifier.local.name;
      }
    } else if (node.type === AST_NODE_TYPES.ExportDefaultDeclaration && node.declaration.type === AST_NODE_TYPES.Identifier) {
      facts.exports.default = node.declaration.name;
    }
  });
}

/** `app`, `this.pool`: the text of a plain binding reference, or null. */
function bindingText(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
    const name = keyName(node);
    return name === null ? null : `this.${name}`;
  }
  return null;
}

function objectProperty(node: TSESTree.Node | undefined, name: string): TSESTree.Node | undefined {
  if (node?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of node.properties) {
    if (property.type === AST_NODE_TYPES.Property && keyName(property) === name) return property.value;
  }
  return undefined;
}

function describe(node: TSESTree.Node): string {
  if (node.type === AST_NODE_TYPES.SpreadElement) return `...${describe(node.argument)}`;
  if (node.type === AST_NODE_TYPES.CallExpression) return `${describe(node.callee)}()`;
  if (node.type === AST_NODE_TYPES.MemberExpression) return `${describe(node.object)}.${keyName(node) ?? '[…]'}`;
  return bindingText(node) ?? (node.type === AST_NODE_TYPES.ThisExpression ? 'this' : '…');
}

export function collectTreeFacts(sourceCode: Readonly<TSESLint.SourceCode>, file: string): TreeFileFacts {
  const program = sourceCode.ast;
  const facts: TreeFileFacts = { file, supervisors: [], attachments: [], specs: {}, imports: {}, exports: {} };
  collectModuleLinks(program, facts);
  /** The supervisor each declaring expression (`new Supervisor(...)`, `Application.start(...)`) creates. */
  const declaredBy = new Map<TSESTree.Node, SupervisorDecl>();

  /** The runtime export path an expression denotes (`['supervise', 'interval']`), or null. */
  const runtimePath = (node: TSESTree.Node): readonly string[] | null => {
    const origin = resolveValueOrigin(node, sourceCode.getScope(node));
    return origin?.module === RUNTIME_MODULE ? origin.path : null;
  };
  const at = (node: TSESTree.Node): SourceLocation => ({ file, line: node.loc.start.line, column: node.loc.start.column + 1 });

  const childOf = (node: TSESTree.Node): ChildDecl => {
    if (node.type === AST_NODE_TYPES.ObjectExpression) {
      const id = staticString(objectProperty(node, 'id'));
      const restart = staticString(objectProperty(node, 'restart')) ?? undefined;
      if (id !== null) return { kind: 'spec', id, ...(restart ? { restart } : {}), location: at(node) };
    }
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && keyName(node.callee) === 'asChild') {
      const binding = bindingText(node.callee.object);
      const id = staticString(node.arguments[0]) ?? undefined;
      if (binding !== null) return { kind: 'ref', binding, ...(id ? { id } : {}), location: at(node) };
    }
    const binding = bindingText(node);
    if (binding !== null) return { kind: 'ref', binding, location: at(node) };
    return { kind: 'unknown', text: describe(node), location: at(node) };
  };

  const spawnLabel = (kind: SpawnKind, call: TSESTree.CallExpression): string => {
    if (kind !== 'task') return staticString(call.arguments[0]) ?? describe(call.arguments[0] ?? call);
    const name = staticString(objectProperty(call.arguments[1], 'name'));
    return name ?? componentOf(program, file, call.range);
  };

  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) {
      const path = runtimePath(node.callee);
      const isDeclaration =
        path !== null &&
        ((node.type === AST_NODE_TYPES.NewExpression && path.length === 1 && path[0]! in SUPERVISOR_CLASSES) ||
          (node.type === AST_NODE_TYPES.CallExpression && path.join('.') === 'Application.start'));
      if (isDeclaration) {
        const options = node.arguments[0];
        const children = objectProperty(options, 'children');
        const decl: SupervisorDecl = {
          kind: SUPERVISOR_CLASSES[path[0]!]!,
          ...optional('name', staticString(objectProperty(options, 'name'))),
          ...optional('strategy', staticString(objectProperty(options, 'strategy'))),
          children: children?.type === AST_NODE_TYPES.ArrayExpression ? children.elements.filter((element) => element !== null).map(childOf) : [],
          location: at(node),
        };
        facts.supervisors.push(decl);
        declaredBy.set(node, decl);
        return;
      }
    }
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
      recordAttachment(node, node.callee);
      return;
    }
  });
  // A second pass: a declarator is visited before the `new Supervisor(...)` it initialises.
  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.VariableDeclarator || node.type === AST_NODE_TYPES.PropertyDefinition || node.type === AST_NODE_TYPES.AssignmentExpression) {
      bindDeclaration(node);
    }
  });

  function recordAttachment(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression): void {
    const method = keyName(callee);
    if (method === null) return;
    const path = runtimePath(callee);
    // supervise.interval(...), tasks.start(...), root.supervise.worker(...)
    if (path !== null) {
      const [head, ...rest] = path[0] === 'root' ? path.slice(1) : path;
      if (head === 'supervise' && rest.length === 1 && SPAWN_KINDS.has(method)) {
        facts.attachments.push({ owner: null, child: { kind: 'spawn', spawn: method as SpawnKind, label: spawnLabel(method as SpawnKind, call), location: at(call) } });
      } else if (head === 'tasks' && rest.length === 1 && TASK_METHODS.has(method)) {
        facts.attachments.push({ owner: null, child: { kind: 'spawn', spawn: 'task', label: spawnLabel('task', call), location: at(call) } });
      }
      return;
    }
    // app.supervise.interval(...), app.tasks.start(...)
    const object = callee.object;
    const via = object.type === AST_NODE_TYPES.MemberExpression ? keyName(object) : null;
    if (object.type === AST_NODE_TYPES.MemberExpression && (via === 'supervise' || via === 'tasks')) {
      const owner = bindingText(object.object);
      if (owner === null) return;
      if (via === 'supervise' && SPAWN_KINDS.has(method)) {
        facts.attachments.push({ owner, child: { kind: 'spawn', spawn: method as SpawnKind, label: spawnLabel(method as SpawnKind, call), location: at(call) } });
      } else if (via === 'tasks' && TASK_METHODS.has(method)) {
        facts.attachments.push({ owner, child: { kind: 'spawn', spawn: 'task', label: spawnLabel('task', call), location: at(call) } });
      }
      return;
    }
    // taskSupervisor.start(fn), this.pool.async(fn), sup.startChild(spec); owners that resolve to no
    // declared supervisor are dropped when the tree is built.
    const owner = bindingText(object);
    if (owner === null) return;
    if (TASK_METHODS.has(method) && isFunctionArgument(call.arguments[0])) {
      facts.attachments.push({ owner, child: { kind: 'spawn', spawn: 'task', label: spawnLabel('task', call), location: at(call) } });
    } else if (method === 'startChild' && call.arguments[0]) {
      facts.attachments.push({ owner, child: childOf(call.arguments[0]) });
    }
  }

  /** Names the supervisor or spec a declaration binds: `const app = await Application.start(...)`. */
  function bindDeclaration(node: TSESTree.VariableDeclarator | TSESTree.PropertyDefinition | TSESTree.AssignmentExpression): void {
    let target: TSESTree.Node | null;
    let value: TSESTree.Node | null;
    if (node.type === AST_NODE_TYPES.VariableDeclarator) [target, value] = [node.id, node.init];
    else if (node.type === AST_NODE_TYPES.AssignmentExpression) [target, value] = [node.left, node.right];
    else {
      const key = keyName(node);
      [target, value] = [null, node.value];
      if (key !== null && value) bindValue(`this.${key}`, value);
      return;
    }
    const binding = target ? bindingText(target) : null;
    if (binding !== null && value) bindValue(binding, value);
  }

  function bindValue(binding: string, value: TSESTree.Node): void {
    const unwrapped = value.type === AST_NODE_TYPES.AwaitExpression ? value.argument : value;
    const declared = declaredBy.get(skipTransparentWrappers(unwrapped));
    if (declared && declared.binding === undefined) declared.binding = binding;
    if (unwrapped.type === AST_NODE_TYPES.ObjectExpression && !binding.startsWith('this.')) {
      const id = staticString(objectProperty(unwrapped, 'id'));
      const restart = staticString(objectProperty(unwrapped, 'restart')) ?? undefined;
      if (id !== null && objectProperty(unwrapped, 'start')) facts.specs[binding] = { id, ...(restart ? { restart } : {}) };
    }
  }

  return facts;
}

function isFunctionArgument(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.ArrowFunctionExpression || node?.type === AST_NODE_TYPES.FunctionExpression || node?.type === AST_NODE_TYPES.Identifier;
}

function optional<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: string };
}

export type SupervisionNodeKind =
  | SupervisorKind
  /** A child spec `{ id, start }`. */
  | 'child'
  /** A runtime child or task: `supervise.interval`, `tasks.start`, ... (`annotation` says which). */
  | 'spawn'
  /** Something in a children list the reconstruction cannot follow. */
  | 'unknown'
  | 'unsupervised'
  | 'finding';

export interface SupervisionNode {
  kind: SupervisionNodeKind;
  label: string;
  /** Strategy (`one_for_one`), `TaskSupervisor`, `DynamicSupervisor`, spawn kind, restart type. */
  annotation?: string;
  /** Risk level, for findings. */
  risk?: RiskLevel;
  /** Rule id, for findings. */
  ruleId?: string;
  location?: SourceLocation;
  children: SupervisionNode[];
}

/** Declared trees first (explicit applications, the default root, free-standing supervisors), then one `(unsupervised)` node per module. */
export interface SupervisionTree {
  roots: SupervisionNode[];
}

const DEFAULT_STRATEGY = 'one_for_one';
const MAX_IMPORT_HOPS = 8;

/** `src/cache.js` and `src/cache.ts` and `src/cache/index.ts` all name the module `src/cache`. */
function moduleKey(file: string): string {
  return posix.normalize(file).replace(/\.(d\.)?[cm]?[jt]sx?$/, '').replace(/\/index$/, '');
}

interface DeclRef {
  facts: TreeFileFacts;
  decl: SupervisorDecl;
}

type Resolved = { kind: 'supervisor'; ref: DeclRef } | { kind: 'spec'; id: string; restart?: string } | null;

export function buildSupervisionTree(files: readonly TreeFileFacts[], findings: readonly AuditFinding[]): SupervisionTree {
  const byModule = new Map(files.map((facts) => [moduleKey(facts.file), facts]));

  const resolve = (facts: TreeFileFacts, binding: string, hops = 0): Resolved => {
    const decl = facts.supervisors.find((supervisor) => supervisor.binding === binding);
    if (decl) return { kind: 'supervisor', ref: { facts, decl } };
    const spec = facts.specs[binding];
    if (spec) return { kind: 'spec', ...spec };
    const imported = facts.imports[binding];
    if (!imported || hops >= MAX_IMPORT_HOPS) return null;
    const target = byModule.get(moduleKey(posix.join(posix.dirname(facts.file), imported.from)));
    const local = target?.exports[imported.name];
    return target && local !== undefined ? resolve(target, local, hops + 1) : null;
  };

  // Who gets which run-time children, and which supervisors are somebody's child.
  const attached = new Map<SupervisorDecl, ChildDecl[]>();
  const rootChildren: ChildDecl[] = [];
  const referenced = new Set<SupervisorDecl>();
  const noteReference = (facts: TreeFileFacts, child: ChildDecl) => {
    if (child.kind !== 'ref') return;
    const target = resolve(facts, child.binding);
    if (target?.kind === 'supervisor') referenced.add(target.ref.decl);
  };
  for (const facts of files) {
    for (const decl of facts.supervisors) for (const child of decl.children) noteReference(facts, child);
    for (const attachment of facts.attachments) {
      if (attachment.owner === null) {
        rootChildren.push(attachment.child);
        continue;
      }
      const owner = resolve(facts, attachment.owner);
      if (owner?.kind !== 'supervisor') continue;
      attached.set(owner.ref.decl, [...(attached.get(owner.ref.decl) ?? []), attachment.child]);
      noteReference(facts, attachment.child);
    }
  }

  const isTask = (child: ChildDecl) => child.kind === 'spawn' && child.spawn === 'task';
  const taskGroup = (tasks: ChildDecl[], facts: TreeFileFacts | null, visiting: Set<SupervisorDecl>): SupervisionNode[] =>
    tasks.length === 0
      ? []
      : [{ kind: 'task-supervisor', label: 'tasks', annotation: 'TaskSupervisor', children: tasks.map((task) => childNode(facts, task, visiting)) }];

  const childNode = (facts: TreeFileFacts | null, child: ChildDecl, visiting: Set<SupervisorDecl>): SupervisionNode => {
    switch (child.kind) {
      case 'spec':
        return { kind: 'child', label: child.id, ...(child.restart ? { annotation: child.restart } : {}), location: child.location, children: [] };
      case 'spawn':
        return { kind: 'spawn', label: child.label, annotation: child.spawn, location: child.location, children: [] };
      case 'unknown':
        return { kind: 'unknown', label: child.text, location: child.location, children: [] };
      case 'ref': {
        const target = facts ? resolve(facts, child.binding) : null;
        if (target?.kind === 'supervisor' && !visiting.has(target.ref.decl)) return supervisorNode(target.ref, child.id, visiting);
        if (target?.kind === 'spec') {
          return { kind: 'child', label: child.id ?? target.id, ...(target.restart ? { annotation: target.restart } : {}), location: child.location, children: [] };
        }
        return { kind: 'unknown', label: child.binding, location: child.location, children: [] };
      }
    }
  };

  const supervisorNode = ({ facts, decl }: DeclRef, idOverride: string | undefined, visiting: Set<SupervisorDecl>): SupervisionNode => {
    const inner = new Set(visiting).add(decl);
    const extra = attached.get(decl) ?? [];
    const label = idOverride ?? decl.name ?? decl.binding ?? decl.kind;
    const declared = decl.children.map((child) => childNode(facts, child, inner));
    const node = (annotation: string, children: SupervisionNode[]): SupervisionNode => ({ kind: decl.kind, label, annotation, location: decl.location, children });
    switch (decl.kind) {
      case 'task-supervisor':
        return node('TaskSupervisor', extra.map((child) => childNode(facts, child, inner)));
      case 'dynamic-supervisor':
        return node('DynamicSupervisor', [...declared, ...extra.map((child) => childNode(facts, child, inner))]);
      case 'application':
        return node(`[${decl.strategy ?? DEFAULT_STRATEGY}]`, [
          ...taskGroup(extra.filter(isTask), facts, inner),
          ...declared,
          ...extra.filter((child) => !isTask(child)).map((child) => childNode(facts, child, inner)),
        ]);
      case 'supervisor':
        return node(`[${decl.strategy ?? DEFAULT_STRATEGY}]`, [...declared, ...extra.map((child) => childNode(facts, child, inner))]);
    }
  };

  const roots: SupervisionNode[] = [];
  const declarations = files.flatMap((facts) => facts.supervisors.map((decl) => ({ facts, decl })));
  for (const ref of declarations) if (ref.decl.kind === 'application') roots.push(supervisorNode(ref, undefined, new Set()));
  if (rootChildren.length > 0) {
    roots.push({
      kind: 'application',
      label: 'root',
      annotation: `[${DEFAULT_STRATEGY}]`,
      children: [
        ...taskGroup(rootChildren.filter(isTask), null, new Set()),
        ...rootChildren.filter((child) => !isTask(child)).map((child) => childNode(null, child, new Set())),
      ],
    });
  }
  for (const ref of declarations) {
    if (ref.decl.kind !== 'application' && !referenced.has(ref.decl)) roots.push(supervisorNode(ref, undefined, new Set()));
  }

  const byFile = new Map<string, AuditFinding[]>();
  for (const finding of [...findings].sort(compareFindings)) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  for (const file of [...byFile.keys()].sort()) {
    roots.push({
      kind: 'unsupervised',
      label: '(unsupervised)',
      annotation: file,
      children: byFile.get(file)!.map((finding) => ({
        kind: 'finding',
        label: finding.component,
        risk: finding.risk,
        ruleId: finding.ruleId,
        location: { file: finding.file, line: finding.line, column: finding.column },
        children: [],
      })),
    });
  }
  return { roots };
}
