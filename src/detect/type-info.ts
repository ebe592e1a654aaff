import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

/**
 * The optional type checker behind the type-aware mode. Rules ask `typeInfo(context)` once per file:
 * null means "no program" (a bare editor set-up, plain .js) and the rule stays syntactic; otherwise
 * the answers below come from TypeScript's checker over the program the parser was given (the
 * audit's ts-morph program, or the editor's project service).
 *
 * Only types the checker actually knows count: `any`/`unknown`/error types are never thenable, so a
 * missing declaration can never create a finding.
 */
export interface TypeInfo {
  checker: ts.TypeChecker;
  /** The TypeScript type of an ESTree node. */
  typeOf(node: TSESTree.Node): ts.Type;
  /** The node's type has a callable `then` (a Promise, a PromiseLike, a custom thenable), in any union member. */
  isThenable(node: TSESTree.Node): boolean;
  /** The node's type is callable and some call signature returns a thenable (an async function value). */
  returnsThenable(node: TSESTree.Node): boolean;
}

const perFile = new WeakMap<object, TypeInfo | null>();

export function typeInfo<M extends string, O extends readonly unknown[]>(
  context: Readonly<TSESLint.RuleContext<M, O>>,
): TypeInfo | null {
  const sourceCode = context.sourceCode;
  if (perFile.has(sourceCode)) return perFile.get(sourceCode) ?? null;
  const info = sourceCode.parserServices?.program ? buildTypeInfo(context) : null;
  perFile.set(sourceCode, info);
  return info;
}

function buildTypeInfo<M extends string, O extends readonly unknown[]>(
  context: Readonly<TSESLint.RuleContext<M, O>>,
): TypeInfo | null {
  const services = ESLintUtils.getParserServices(context, true);
  if (!services.program) return null;
  const checker = services.program.getTypeChecker();
  const tsNodeOf = (node: TSESTree.Node): ts.Node => services.esTreeNodeToTSNodeMap.get(node);

  const typeIsThenable = (type: ts.Type, location: ts.Node): boolean =>
    unionParts(type).some((part) => {
      const then = checker.getPropertyOfType(part, 'then');
      if (!then) return false;
      return checker.getTypeOfSymbolAtLocation(then, location).getCallSignatures().length > 0;
    });

  const typeOf = (node: TSESTree.Node): ts.Type => checker.getTypeAtLocation(tsNodeOf(node));

  return {
    checker,
    typeOf,
    isThenable: (node) => typeIsThenable(typeOf(node), tsNodeOf(node)),
    returnsThenable: (node) => {
      const location = tsNodeOf(node);
      return unionParts(typeOf(node)).some((part) =>
        part.getCallSignatures().some((signature) => typeIsThenable(signature.getReturnType(), location)),
      );
    },
  };
}

function unionParts(type: ts.Type): readonly ts.Type[] {
  return type.isUnion() ? type.types : [type];
}
