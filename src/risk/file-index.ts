import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { isExportsObject, isModuleExports } from '../ast/names.js';
import { walk } from '../ast/walk.js';
import { routeOfCall } from './routes.js';

/**
 * What a file says about its own names, computed once per AST and shared by every finding in it:
 * which top-level names it exports, and which named functions it registers as request handlers
 * (`app.post('/upload', handleUpload)` makes `handleUpload` a route wherever it is declared).
 */
export interface FileIndex {
  /** Local names that leave the module: ESM exports and CommonJS `module.exports` / `exports.x`. */
  exportedNames: Set<string>;
  /** Local function name -> route label. */
  handlerRoutes: Map<string, string>;
}

const indexes = new WeakMap<TSESTree.Program, FileIndex>();

function collectCommonJsExports(statement: TSESTree.Node, names: Set<string>): void {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return;
  const assignment = statement.expression;
  if (assignment.type !== AST_NODE_TYPES.AssignmentExpression) return;
  if (isModuleExports(assignment.left)) {
    const value = assignment.right;
    if (value.type === AST_NODE_TYPES.Identifier) names.add(value.name);
    if (value.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of value.properties) {
        if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier) names.add(property.value.name);
      }
    }
  } else if (
    assignment.left.type === AST_NODE_TYPES.MemberExpression &&
    isExportsObject(assignment.left.object) &&
    assignment.right.type === AST_NODE_TYPES.Identifier
  ) {
    names.add(assignment.right.name);
  }
}

function collectExports(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && !statement.source) {
      for (const specifier of statement.specifiers) {
        if (specifier.local.type === AST_NODE_TYPES.Identifier) names.add(specifier.local.name);
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && statement.declaration.type === AST_NODE_TYPES.Identifier) {
      names.add(statement.declaration.name);
    } else {
      collectCommonJsExports(statement, names);
    }
  }
  return names;
}

function collectHandlerRoutes(program: TSESTree.Program): Map<string, string> {
  const routes = new Map<string, string>();
  walk(program, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const route = routeOfCall(node);
    if (!route) return;
    for (const handler of route.handlers) {
      if (handler.type === AST_NODE_TYPES.Identifier && !routes.has(handler.name)) routes.set(handler.name, route.label);
    }
  });
  return routes;
}

export function fileIndex(program: TSESTree.Program): FileIndex {
  let index = indexes.get(program);
  if (!index) {
    index = { exportedNames: collectExports(program), handlerRoutes: collectHandlerRoutes(program) };
    indexes.set(program, index);
  }
  return index;
}

