import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';
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
  /**
   * For a function passed as an argument: whether the parameter it is passed to declares that it takes
   * a function returning a promise (`(req, res) => void | Promise<void>`), i.e. the callee says it
   * handles that promise. `undefined` when the parameter's type says nothing (`any`, no declaration).
   */
  parameterAcceptsPromise(argument: TSESTree.Node): boolean | undefined;
}

const perFile = new WeakMap<object, TypeInfo | null>();

/**
 * `ts.TypeFlags.Any | ts.TypeFlags.Unknown` (1 and 2, unchanged since TypeScript 3.0), spelled out so
 * the rules never load the `typescript` package themselves (an editor linting plain JS needs none).
 */
const ANY_OR_UNKNOWN = 1 | 2;

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
    parameterAcceptsPromise: (argument) => {
      // The parameter's declared type, before inference: `map`'s `(value: T) => U` would otherwise
      // read as "returns a promise" because U is inferred from the very callback being judged.
      const location = tsNodeOf(argument);
      const call = location.parent as ts.CallExpression;
      if (!call || !('arguments' in call)) return undefined;
      const declaration = checker.getResolvedSignature(call)?.getDeclaration();
      const parameters = declaration?.parameters;
      if (!parameters || parameters.length === 0) return undefined;
      const index = call.arguments.indexOf(location as ts.Expression);
      const last = parameters[parameters.length - 1]!;
      const parameter = parameters[index] ?? (last.dotDotDotToken ? last : undefined);
      if (!parameter?.type) return undefined;
      const declared = checker.getTypeFromTypeNode(parameter.type);
      const signatures = unionParts(declared).flatMap((part) => part.getCallSignatures());
      if (signatures.length === 0) return undefined;
      return signatures.some((signature) => {
        const returned = signature.getReturnType();
        return (returned.flags & ANY_OR_UNKNOWN) === 0 && typeIsThenable(returned, location);
      });
    },
  };
}

function unionParts(type: ts.Type): readonly ts.Type[] {
  return type.isUnion() ? type.types : [type];
}
