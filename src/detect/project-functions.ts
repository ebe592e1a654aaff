/**
 * Functions of the project that a call reaches by syntax alone, in this file or in the file a relative
 * import names: `this.helper(...)` on the enclosing class or on a class it extends (`class Webhook
 * extends require('./notification-provider')`), and a function imported from a project file. Another
 * file is read from disk and parsed once per version (its modification time and size); it is never
 * linted, only read.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, resolve } from 'node:path';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { thisClassAt, type ClassNode } from '../ast/classes.js';
import { isFunctionNode, type FunctionNode } from '../ast/functions.js';
import { isModuleExports, keyName } from '../ast/names.js';
import { childNodes, walk } from '../ast/walk.js';
import { skipTransparentWrappers } from '../ast/wrappers.js';

/** A function and the file it is written in. */
export interface ProjectFunction {
  fn: FunctionNode;
  fileName: string;
}

interface ParsedFile {
  fileName: string;
  program: TSESTree.Program;
}

/** How far a chain of `extends` and re-exports is followed. */
const MAX_HOPS = 4;
const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** `./base.js` in a TypeScript project (NodeNext) names `./base.ts`. */
const COMPILED_TO_SOURCE: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

const requireModule = createRequire(import.meta.url);
const parsedFiles = new Map<string, { version: string; parsed: ParsedFile | null }>();

/**
 * The syntax tree of a project file (parents set), or null when it cannot be read or parsed.
 * typescript-eslint's parser is already loaded by the linter that runs the rules.
 */
export function parseProjectFile(fileName: string): ParsedFile | null {
  let version: string;
  try {
    const stat = statSync(fileName);
    version = `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return null;
  }
  const cached = parsedFiles.get(fileName);
  if (cached?.version === version) return cached.parsed;
  let parsed: ParsedFile | null = null;
  try {
    const source = readFileSync(fileName, 'utf8');
    const parser = requireModule('@typescript-eslint/parser') as typeof import('@typescript-eslint/parser');
    const program = parser.parse(source, {
      filePath: fileName,
      range: true,
      loc: true,
      ecmaVersion: 'latest',
      sourceType: fileName.endsWith('.cjs') ? 'script' : 'module',
      ecmaFeatures: { jsx: /x$/.test(fileName) },
    }) as TSESTree.Program;
    walk(program, (node) => {
      for (const child of childNodes(node)) (child as { parent?: TSESTree.Node }).parent = node;
    });
    parsed = { fileName, program };
  } catch {
    parsed = null;
  }
  parsedFiles.set(fileName, { version, parsed });
  return parsed;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The project file a relative specifier names from `fromFile`, as Node and TypeScript resolve it; null for packages. */
export function resolveProjectModule(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(fromFile), specifier);
  const extension = extname(base);
  const candidates = [
    base,
    ...(COMPILED_TO_SOURCE[extension] ?? []).map((source) => base.slice(0, -extension.length) + source),
    ...SCRIPT_EXTENSIONS.map((candidate) => base + candidate),
    ...SCRIPT_EXTENSIONS.map((candidate) => resolve(base, `index${candidate}`)),
  ];
  return candidates.find(isFile) ?? null;
}

/** Where a top-level name of a file comes from: a module and the export it reads (`default` for the whole module). */
interface ImportedName {
  specifier: string;
  exported: string;
}

function requireSpecifier(node: TSESTree.Node | null | undefined): string | null {
  const call = node ? skipTransparentWrappers(node) : null;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'require') return null;
  const [argument] = call.arguments;
  return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value : null;
}

/** The top-level statements of a program, with `export` unwrapped. */
function* topLevel(program: TSESTree.Program): Generator<TSESTree.Node> {
  for (const statement of program.body) {
    if ((statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) && statement.declaration) {
      yield statement.declaration;
    } else {
      yield statement;
    }
  }
}

/**
 * What a top-level name of `program` is bound to: a class or function written there, a value
 * (`const Base = class {}`), or an import / `require` of another module.
 */
function topLevelBinding(program: TSESTree.Program, name: string): TSESTree.Node | ImportedName | null {
  for (const statement of topLevel(program)) {
    if ((statement.type === AST_NODE_TYPES.ClassDeclaration || statement.type === AST_NODE_TYPES.FunctionDeclaration) && statement.id?.name === name) {
      return statement;
    }
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.importKind !== 'type') {
      for (const specifier of statement.specifiers) {
        if (specifier.local.name !== name) continue;
        if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return null;
        const exported =
          specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier
            ? 'default'
            : specifier.imported.type === AST_NODE_TYPES.Identifier
              ? specifier.imported.name
              : String(specifier.imported.value);
        return { specifier: statement.source.value, exported };
      }
    }
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init ? skipTransparentWrappers(declarator.init) : null;
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name) {
        if (!init) return null;
        const required = requireSpecifier(init);
        if (required !== null) return { specifier: required, exported: 'default' };
        // `const Base = require('./base').Base`
        if (init.type === AST_NODE_TYPES.MemberExpression) {
          const member = requireSpecifier(init.object);
          const key = keyName(init);
          return member !== null && key !== null ? { specifier: member, exported: key } : null;
        }
        return statement.kind === 'const' ? init : null;
      }
      // `const { Base } = require('./base')`
      if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
        const required = requireSpecifier(init);
        for (const property of declarator.id.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.value.type !== AST_NODE_TYPES.Identifier || property.value.name !== name) continue;
          const key = keyName(property);
          return required !== null && key !== null ? { specifier: required, exported: key } : null;
        }
      }
    }
  }
  return null;
}

function isImportedName(binding: TSESTree.Node | ImportedName): binding is ImportedName {
  return 'specifier' in binding;
}

/** What `program` exports under `exported` (`default`: `export default`, or `module.exports = ...`). */
function exportedValue(program: TSESTree.Program, exported: string): TSESTree.Node | null {
  for (const statement of program.body) {
    if (exported === 'default' && statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) return statement.declaration;
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (
        (declaration?.type === AST_NODE_TYPES.ClassDeclaration || declaration?.type === AST_NODE_TYPES.FunctionDeclaration) &&
        declaration.id?.name === exported
      ) {
        return declaration;
      }
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        const declarator = declaration.declarations.find((candidate) => candidate.id.type === AST_NODE_TYPES.Identifier && candidate.id.name === exported);
        if (declarator?.init) return declarator.init;
      }
      if (!statement.source) {
        for (const specifier of statement.specifiers) {
          const name = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
          if (name === exported && specifier.local.type === AST_NODE_TYPES.Identifier) return specifier.local;
        }
      }
    }
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const { left, right } = statement.expression;
    // `module.exports = X`, `module.exports = { X }`; `module.exports.X = X` / `exports.X = X`
    if (exported === 'default' && isModuleExports(left)) return right;
    if (isModuleExports(left) && right.type === AST_NODE_TYPES.ObjectExpression) {
      const property = right.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && keyName(candidate) === exported);
      if (property?.type === AST_NODE_TYPES.Property) return property.value;
    }
    if (
      left.type === AST_NODE_TYPES.MemberExpression &&
      keyName(left) === exported &&
      (isModuleExports(left.object) || (left.object.type === AST_NODE_TYPES.Identifier && left.object.name === 'exports'))
    ) {
      return right;
    }
  }
  return null;
}

/** The class or function `node` of `file` denotes, following names, imports and re-exports across files. */
function declarationOf(node: TSESTree.Node, file: ParsedFile, hops: number): { node: ClassNode | FunctionNode; file: ParsedFile } | null {
  if (hops > MAX_HOPS) return null;
  const value = skipTransparentWrappers(node);
  if (value.type === AST_NODE_TYPES.ClassDeclaration || value.type === AST_NODE_TYPES.ClassExpression || isFunctionNode(value)) {
    return { node: value, file };
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const binding = topLevelBinding(file.program, value.name);
  if (binding === null) return null;
  if (!isImportedName(binding)) return declarationOf(binding, file, hops + 1);
  const target = resolveProjectModule(file.fileName, binding.specifier);
  const parsed = target ? parseProjectFile(target) : null;
  const exported = parsed ? exportedValue(parsed.program, binding.exported) : null;
  return parsed && exported ? declarationOf(exported, parsed, hops + 1) : null;
}

/** The method `name` of a class's instances: its own, or the nearest one up its `extends` chain. */
function instanceMethod(owner: ClassNode, name: string, file: ParsedFile, hops: number): ProjectFunction | null {
  for (const member of owner.body.body) {
    if ((member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) || member.static) continue;
    if (member.computed || keyName(member) !== name) continue;
    if (member.type === AST_NODE_TYPES.MethodDefinition) return member.kind === 'method' ? { fn: member.value as FunctionNode, fileName: file.fileName } : null;
    const value = member.value ? skipTransparentWrappers(member.value) : null;
    return value && isFunctionNode(value) ? { fn: value, fileName: file.fileName } : null;
  }
  if (!owner.superClass || hops > MAX_HOPS) return null;
  const base = declarationOf(owner.superClass, file, hops + 1);
  return base && (base.node.type === AST_NODE_TYPES.ClassDeclaration || base.node.type === AST_NODE_TYPES.ClassExpression)
    ? instanceMethod(base.node, name, base.file, hops + 1)
    : null;
}

/**
 * The function a callee written in `program` (the file `fileName`) calls, when syntax shows it:
 * `this.helper` on the enclosing class or a class it extends, in this file or another one, or a
 * top-level function of this file or imported from a project file.
 */
export function projectFunctionOf(callee: TSESTree.Node, program: TSESTree.Program, fileName: string): ProjectFunction | null {
  const node = skipTransparentWrappers(callee);
  const file = { fileName, program };
  if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
    const owner = thisClassAt(node);
    const name = keyName(node);
    return owner && name !== null ? instanceMethod(owner, name, file, 0) : null;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const found = declarationOf(node, file, 0);
  return found && isFunctionNode(found.node) ? { fn: found.node, fileName: found.file.fileName } : null;
}
