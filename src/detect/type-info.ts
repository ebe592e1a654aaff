import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as TypeScript from 'typescript';
import { typescript } from './typescript.js';
import { countWork } from './work-counts.js';

/**
 * The optional type checker behind the type-aware mode. Rules ask `typeInfo(context)` once per file:
 * null means "no program" (a bare editor set-up, plain .js) and the rule stays syntactic; otherwise
 * the answers below come from TypeScript's checker over the program the parser was given (the
 * audit's ts-morph program, or the editor's project service).
 *
 * Only types the checker actually knows count: `any`/`unknown`/error types are never thenable, so a
 * missing declaration can never create a finding.
 *
 * Every question to the checker is guarded: TypeScript's checker can overflow its own stack on some
 * recursive generic types (typescript-eslint's issue 11947). A throw means "the checker does not
 * know": the answer falls back to what syntax alone says, and the file's other findings survive.
 */
export interface TypeInfo {
  checker: TypeScript.TypeChecker;
  /** The TypeScript type of an ESTree node. */
  typeOf(node: TSESTree.Node): TypeScript.Type;
  /** The node's type has a callable `then` (a Promise, a PromiseLike, a custom thenable), in any union member. */
  isThenable(node: TSESTree.Node): boolean;
  /**
   * The node's type is the built-in Promise (in a union or intersection, through a type parameter's
   * constraint, or a class or interface extending it), as typescript-eslint's no-floating-promises
   * decides by default (`checkThenables: false`). Other thenables (`PromiseLike`, query builders
   * that run only when awaited, fluent replies) start nothing by being dropped.
   */
  isPromise(node: TSESTree.Node): boolean;
  /** The checker knows the node's type: not `any`, `unknown` or an unresolved one. */
  hasKnownType(node: TSESTree.Node): boolean;
  /** The node's type is an array or a tuple (through unions and constraints) whose elements are promises, or arrays of them. */
  isPromiseArray(node: TSESTree.Node): boolean;
  /** The node's type is callable and some call signature returns a thenable (an async function value). */
  returnsThenable(node: TSESTree.Node): boolean;
  /** The node's type is callable and some call signature returns the built-in Promise (as `isPromise` judges a value). */
  returnsPromise(node: TSESTree.Node): boolean;
  /**
   * For a function passed as an argument: whether the parameter it is passed to declares that it takes
   * a function returning a promise (`(req, res) => void | Promise<void>`), i.e. the callee says it
   * handles that promise. `undefined` when the parameter's type says nothing (`any`, no declaration).
   */
  parameterAcceptsPromise(argument: TSESTree.Node): boolean | undefined;
  /**
   * The value of `node` is a function a package wrote (`auth.required = expressjwt({...})`, an imported
   * middleware): every call signature of its type is declared under node_modules, and the value is not
   * a function written in this project (`const h: RequestHandler = async (req, res) => ...`).
   */
  isPackageFunction(node: TSESTree.Node): boolean;
  /**
   * `reply.header(k, v)` on a thenable `reply` whose method returns the reply itself (a fluent
   * setter): the call starts no new promise, it hands back the one the caller already holds.
   */
  returnsItsReceiver(call: TSESTree.CallExpression): boolean;
  /**
   * For `require('./m')` in a TypeScript file (typed `any`): whether `path` (`['save']`) in the
   * module that `specifier` points to is a function returning a thenable. Undefined when the module
   * is not in the program or has no such export.
   */
  requiredExportReturnsThenable(specifier: string, path: readonly string[]): boolean | undefined;
  /**
   * The function a call's callee denotes, where the checker finds its one declaration with a body in a
   * file of the project (not a `.d.ts`, not node_modules): that file and the function's range in it.
   * Undefined when the checker does not know, finds overloads, or only a signature. With
   * `prototypeAssignments` (asked only whether a call can reject), a signature of an interface merged
   * with a class stands for the function its module assigns to the class's prototype.
   */
  calleeDeclaration(callee: TSESTree.Node, prototypeAssignments?: boolean): DeclaredFunction | undefined;
  /**
   * For `receiver.name(...)` whose method Node or a package declares: the module that declares it (a
   * `declare module "worker_threads"` block, else the package under node_modules, `@types/pg` as `pg`)
   * and the class or interface that declares the method (the base class for an inherited one).
   * Undefined for a method the project declares, or when the checker does not know.
   */
  declaredPackageMethod(callee: TSESTree.Node): PackageMethod | undefined;
  /**
   * `argument` is a function (never `undefined`) passed where the callee declares a node-style
   * callback: a function type whose first parameter takes the error (`err`, `error`, or typed as an
   * `Error`), as ioredis' `cluster('INFO', (err, info) => ...)` and its rest-tuple overloads declare.
   */
  isNodeStyleCallbackArgument(argument: TSESTree.Node): boolean;
  /**
   * For `receiver.name(...)` whose method is declared only by an interface of a project file (no
   * type parameters, method signatures only): every function the program's project files give that
   * method in a value that fits the interface, a class (a named, non-abstract one; inherited methods
   * count) or an object literal with such a member. Undefined when the checker does not know, none is
   * found, or one is not a function with a body in a project file (a field, a class expression).
   * A value that comes from a package, or is typed `any`, is not seen here: the caller limits the
   * question to packages whose every user is in the repository.
   */
  implementationsOf(callee: TSESTree.Node): DeclaredFunction[] | undefined;
  /**
   * For `receiver.name(...)` or `name(...)` whose every declaration is in one declaration file under
   * node_modules: that file, and the class that declares the method (null for a function). What
   * dependency-code maps to the JavaScript beside the declaration. Undefined otherwise (an interface's
   * method, overloads spread over several declarations, the project's own code).
   */
  declaredDependencyFunction(callee: TSESTree.Node): DependencyDeclaration | undefined;
}

/** Where a package declares a function: its declaration file, the class declaring the method (null for a function) and the name. */
export interface DependencyDeclaration {
  declarationFile: string;
  owner: string | null;
  name: string;
}

/** A method as a package declares it: `{ module: 'worker_threads', owner: 'Worker', name: 'terminate' }`. */
export interface PackageMethod {
  module: string;
  owner: string;
  name: string;
}

/** Where a function is declared: the file (as the program holds it) and the range of the function node. */
export interface DeclaredFunction {
  fileName: string;
  text: string;
  /** Identifies one version of the file: the program's SourceFile object. */
  version: object;
  /** The program that holds that SourceFile: the file's ESTree is converted from it, not parsed again. */
  program: TypeScript.Program;
  range: [number, number];
}

const perFile = new WeakMap<object, TypeInfo | null>();

/** Interface method implementations found in a program (`implementationsOf`), by interface symbol and method name. */
const implementationsByProgram = new WeakMap<TypeScript.Program, Map<TypeScript.Symbol, Map<string, DeclaredFunction[] | undefined>>>();

/**
 * `ts.TypeFlags.Any | ts.TypeFlags.Unknown` (1 and 2, unchanged since TypeScript 3.0), spelled out so
 * the rules never load the `typescript` package themselves (an editor linting plain JS needs none).
 */
const ANY_OR_UNKNOWN = 1 | 2;
/** How deep a type question follows unions, intersections, base types and element types. */
const MAX_TYPE_DEPTH = 6;

export function typeInfo<M extends string, O extends readonly unknown[]>(
  context: Readonly<TSESLint.RuleContext<M, O>>,
): TypeInfo | null {
  const sourceCode = context.sourceCode;
  if (perFile.has(sourceCode)) return perFile.get(sourceCode) ?? null;
  const info = sourceCode.parserServices?.program ? buildTypeInfo(ESLintUtils.getParserServices(context, true), context.filename) : null;
  perFile.set(sourceCode, info);
  return info;
}

/** What typescript-eslint's parser gives for a file of a program: the program and the node maps. */
type ProgramServices = Pick<ReturnType<typeof ESLintUtils.getParserServices>, 'program' | 'esTreeNodeToTSNodeMap'>;

/**
 * The checker's answers for another file of the program, parsed with it (project-files'
 * `parseProjectText(text, fileName, program)`): null when the parse has no program.
 */
export function typeInfoOfParse(services: Partial<ProgramServices> | undefined, fileName: string): TypeInfo | null {
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return null;
  return buildTypeInfo(services as ProgramServices, fileName);
}

function buildTypeInfo(services: ProgramServices, filename: string): TypeInfo | null {
  const program = services.program;
  if (!program) return null;
  const checker = program.getTypeChecker();
  const tsNodeOf = (node: TSESTree.Node): TypeScript.Node => services.esTreeNodeToTSNodeMap.get(node);

  const typeIsThenable = (type: TypeScript.Type, location: TypeScript.Node): boolean =>
    unionParts(type).some((part) => {
      const then = checker.getPropertyOfType(part, 'then');
      if (!then) return false;
      return checker.getTypeOfSymbolAtLocation(then, location).getCallSignatures().length > 0;
    });

  const signaturesReturnThenable = (type: TypeScript.Type, location: TypeScript.Node): boolean =>
    unionParts(type).some((part) => part.getCallSignatures().some((signature) => typeIsThenable(signature.getReturnType(), location)));

  const typeOf = (node: TSESTree.Node): TypeScript.Type => checker.getTypeAtLocation(tsNodeOf(node));

  const inPackage = (declaration: TypeScript.Node | undefined): boolean =>
    declaration !== undefined && /[\\/]node_modules[\\/]/.test(declaration.getSourceFile().fileName);

  const isPackageFunction = (node: TSESTree.Node): boolean => {
    const ts = typescript();
    const location = tsNodeOf(node);
    const signatures = unionParts(checker.getTypeAtLocation(location)).flatMap((part) => part.getCallSignatures());
    if (signatures.length === 0 || !signatures.every((signature) => inPackage(signature.getDeclaration()))) return false;
    // The value's own declaration: a function literal, declaration or method of this project is the
    // project's code, whatever library type it is annotated with.
    let symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(location) ? location.name : location);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration;
    if (!declaration || inPackage(declaration)) return true;
    if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isFunctionLike(declaration)) return false;
    const initializer = (declaration as { initializer?: TypeScript.Expression }).initializer;
    return initializer !== undefined && !ts.isFunctionLike(initializer) && !ts.isIdentifier(initializer) && !ts.isPropertyAccessExpression(initializer);
  };

  const parameterAcceptsPromise = (argument: TSESTree.Node): boolean | undefined => {
    // The parameter's declared type, before inference: `map`'s `(value: T) => U` would otherwise
    // read as "returns a promise" because U is inferred from the very callback being judged.
    const location = tsNodeOf(argument);
    const call = location.parent as TypeScript.CallExpression;
    if (!call || !('arguments' in call)) return undefined;
    const declaration = checker.getResolvedSignature(call)?.getDeclaration();
    const parameters = declaration?.parameters;
    if (!parameters || parameters.length === 0) return undefined;
    const index = call.arguments.indexOf(location as TypeScript.Expression);
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
  };

  const returnsItsReceiver = (call: TSESTree.CallExpression): boolean => {
    const callee = call.callee.type === AST_NODE_TYPES.ChainExpression ? call.callee.expression : call.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const returned = typeOf(call);
    const receiver = typeOf(callee.object);
    if ((returned.flags & ANY_OR_UNKNOWN) !== 0) return false;
    // `fastify.register(p)` returns `FastifyInstance & PromiseLike<...>`; a knex builder's `where()`
    // returns the same builder with other type arguments. A Promise's own methods start new promises.
    const sameDeclaration = (type: TypeScript.Type): boolean =>
      type === receiver || (type.getSymbol() !== undefined && type.getSymbol() === receiver.getSymbol() && !/^Promise(Like)?$/.test(type.getSymbol()!.getName()));
    return sameDeclaration(returned) || (returned.isIntersection() && returned.types.some(sameDeclaration));
  };

  const modules = new Map<string, TypeScript.SourceFile | undefined>();
  const moduleFile = (specifier: string): TypeScript.SourceFile | undefined => {
    if (!modules.has(specifier)) {
      // With a program, the compiler is loaded already: this only reaches it.
      const ts = typescript();
      const resolved = ts.resolveModuleName(specifier, filename, program.getCompilerOptions(), ts.sys).resolvedModule;
      modules.set(specifier, resolved ? program.getSourceFile(resolved.resolvedFileName) : undefined);
    }
    return modules.get(specifier);
  };

  const requiredExportReturnsThenable = (specifier: string, path: readonly string[]): boolean | undefined => {
    if (!specifier.startsWith('.') || path.length === 0) return undefined;
    const file = moduleFile(specifier);
    const moduleSymbol = file ? checker.getSymbolAtLocation(file) : undefined;
    if (!file || !moduleSymbol) return undefined;
    let symbol = checker.getExportsOfModule(moduleSymbol).find((candidate) => candidate.name === path[0]);
    for (const name of path.slice(1)) {
      symbol = symbol ? checker.getTypeOfSymbolAtLocation(symbol, file).getProperty(name) : undefined;
    }
    return symbol ? signaturesReturnThenable(checker.getTypeOfSymbolAtLocation(symbol, file), file) : undefined;
  };

  // The audit's ts-morph program serves the lib files from a folder of its own, which the program's
  // default-library check does not recognise: TypeScript's lib.*.d.ts by name then.
  const isDefaultLibrary = (file: TypeScript.SourceFile): boolean =>
    program.isSourceFileDefaultLibrary(file) || (file.isDeclarationFile && /[\\/]typescript[\\/]lib[\\/]lib\.[^\\/]*\.d\.ts$/.test(file.fileName));

  const isBuiltinPromiseType = (type: TypeScript.Type, depth = 0): boolean => {
    if (depth > MAX_TYPE_DEPTH) return false;
    if (type.isUnionOrIntersection()) return type.types.some((part) => isBuiltinPromiseType(part, depth + 1));
    const symbol = type.getSymbol();
    if (!symbol) return false;
    if (symbol.getName() === 'Promise' && (symbol.declarations ?? []).some((declaration) => isDefaultLibrary(declaration.getSourceFile()))) {
      return true;
    }
    const declared = checker.getDeclaredTypeOfSymbol(symbol);
    return declared.isClassOrInterface() && (checker.getBaseTypes(declared) ?? []).some((base) => isBuiltinPromiseType(base, depth + 1));
  };

  /** The union members of a type, each through its constraint (`T extends Promise<number>` is a Promise). */
  const apparentParts = (type: TypeScript.Type): TypeScript.Type[] =>
    unionParts(type).flatMap((part) => unionParts(checker.getApparentType(part)));

  const isPromiseNode = (node: TSESTree.Node): boolean => apparentParts(typeOf(node)).some((part) => isBuiltinPromiseType(part));

  const holdsPromises = (type: TypeScript.Type, depth: number): boolean => {
    if (depth > MAX_TYPE_DEPTH) return false;
    return apparentParts(type).some((part) => {
      if (!checker.isArrayType(part) && !checker.isTupleType(part)) return false;
      return checker
        .getTypeArguments(part as TypeScript.TypeReference)
        .some((element) => apparentParts(element).some((item) => isBuiltinPromiseType(item)) || holdsPromises(element, depth + 1));
    });
  };

  /**
   * `interface Queue { flush(): Promise<void> }` merged with `class Queue`, whose module gives the
   * method beside the class (`Queue.prototype.flush = async function () {...}`, ioredis' Pipeline): the
   * function assigned, when it is assigned once; the checker knows only the signature.
   */
  const prototypeAssignment = (declaration: TypeScript.Node): TypeScript.Expression | undefined => {
    const ts = typescript();
    const owner = declaration.parent;
    if (!(ts.isMethodSignature(declaration) || ts.isPropertySignature(declaration)) || !ts.isIdentifier(declaration.name) || !ts.isInterfaceDeclaration(owner)) return undefined;
    const className = owner.name.text;
    const member = declaration.name.text;
    const statements = ts.isSourceFile(owner.parent) || ts.isModuleBlock(owner.parent) ? owner.parent.statements : [];
    if (!statements.some((statement) => ts.isClassDeclaration(statement) && statement.name?.text === className)) return undefined;
    const assigned = statements.flatMap((statement) => {
      const expression = ts.isExpressionStatement(statement) ? statement.expression : undefined;
      if (!expression || !ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return [];
      const target = expression.left;
      if (!ts.isPropertyAccessExpression(target) || target.name.text !== member || !ts.isPropertyAccessExpression(target.expression)) return [];
      const prototype = target.expression;
      return prototype.name.text === 'prototype' && ts.isIdentifier(prototype.expression) && prototype.expression.text === className ? [expression.right] : [];
    });
    return assigned.length === 1 ? assigned[0] : undefined;
  };


  /** The symbol a callee names (`f`, or `name` of `receiver.name`), through an import alias. */
  const calleeSymbol = (callee: TSESTree.Node): TypeScript.Symbol | undefined => {
    const ts = typescript();
    const location = tsNodeOf(callee);
    const named = ts.isPropertyAccessExpression(location) ? location.name : location;
    const symbol = checker.getSymbolAtLocation(named);
    return symbol && (symbol.flags & ts.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(symbol) : symbol;
  };

  const calleeDeclaration = (callee: TSESTree.Node, prototypeAssignments = false): DeclaredFunction | undefined => {
    const ts = typescript();
    const declarations = calleeSymbol(callee)?.declarations ?? [];
    if (declarations.length !== 1) return undefined;
    let declaration: TypeScript.Node = declarations[0]!;
    const sourceFile = declaration.getSourceFile();
    if (sourceFile.isDeclarationFile || program.isSourceFileFromExternalLibrary(sourceFile) || /[\\/]node_modules[\\/]/.test(sourceFile.fileName)) {
      return undefined;
    }
    if (prototypeAssignments) declaration = prototypeAssignment(declaration) ?? declaration;
    // `const save = async () => {}`, `readonly flush = () => {...}` in a class. What a `let`, a mutable
    // field or an object property is initialised with is only its first value: `callbacks = {
    // onMessage: () => Promise.resolve() }` is a placeholder the real callback replaces.
    const fixed =
      (ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0) ||
      (ts.isPropertyDeclaration(declaration) && (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly) !== 0);
    if (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) {
      if (!fixed || !declaration.initializer) return undefined;
      declaration = ts.skipPartiallyEmittedExpressions(declaration.initializer);
      while (ts.isParenthesizedExpression(declaration) || ts.isAsExpression(declaration) || ts.isSatisfiesExpression(declaration)) declaration = declaration.expression;
    }
    if (!ts.isFunctionLike(declaration) || !('body' in declaration) || !declaration.body) return undefined;
    return { fileName: sourceFile.fileName, text: sourceFile.text, version: sourceFile, program, range: [declaration.getStart(sourceFile), declaration.getEnd()] };
  };

  const isProjectSourceFile = (sourceFile: TypeScript.SourceFile): boolean =>
    !sourceFile.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sourceFile) && !/[\\/]node_modules[\\/]/.test(sourceFile.fileName);

  const declaredFunction = (declaration: TypeScript.Node): DeclaredFunction | undefined => {
    const ts = typescript();
    const sourceFile = declaration.getSourceFile();
    if (!isProjectSourceFile(sourceFile)) return undefined;
    let fn: TypeScript.Node = declaration;
    if (ts.isPropertyAssignment(declaration)) fn = ts.skipPartiallyEmittedExpressions(declaration.initializer);
    if (!(ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) || !fn.body) return undefined;
    return { fileName: sourceFile.fileName, text: sourceFile.text, version: sourceFile, program, range: [fn.getStart(sourceFile), fn.getEnd()] };
  };

  /** `implementationsOf`, by interface and method: one walk of the project files each. */
  // Every file's TypeInfo asks of the same program: the search over its files is done once per program.
  const implementationsFound = implementationsByProgram.get(program) ?? new Map<TypeScript.Symbol, Map<string, DeclaredFunction[] | undefined>>();
  implementationsByProgram.set(program, implementationsFound);

  const findImplementations = (target: TypeScript.Type, name: string): DeclaredFunction[] | undefined => {
    const ts = typescript();
    const found: DeclaredFunction[] = [];
    const hasMember = (members: TypeScript.NodeArray<TypeScript.ClassElement | TypeScript.ObjectLiteralElementLike>): boolean =>
      members.some((member) => member.name !== undefined && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) && member.name.text === name);
    countWork('implementation searches');
    for (const sourceFile of program.getSourceFiles()) {
      if (!isProjectSourceFile(sourceFile)) continue;
      countWork('files read by implementation searches');
      const pending: TypeScript.Node[] = [sourceFile];
      while (pending.length > 0) {
        const node = pending.pop()!;
        ts.forEachChild(node, (child) => {
          pending.push(child);
        });
        let candidate: TypeScript.Type | undefined;
        if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
          if (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Abstract) continue;
          const classSymbol = node.name ? checker.getSymbolAtLocation(node.name) : undefined;
          if (!classSymbol) {
            if (hasMember(node.members)) return undefined;
            continue;
          }
          candidate = checker.getDeclaredTypeOfSymbol(classSymbol);
        } else if (ts.isObjectLiteralExpression(node) && hasMember(node.properties)) {
          candidate = checker.getTypeAtLocation(node);
        } else {
          continue;
        }
        if (!checker.isTypeAssignableTo(candidate, target)) continue;
        const declarations = candidate.getProperty(name)?.declarations ?? [];
        const implementation = declarations.length === 1 ? declaredFunction(declarations[0]!) : undefined;
        if (!implementation) return undefined;
        found.push(implementation);
      }
    }
    return found.length > 0 ? found : undefined;
  };

  /** The method symbol `receiver.name` denotes (through an import alias), with its declarations. */
  const memberSymbolOf = (callee: TSESTree.Node): { symbol: TypeScript.Symbol | undefined; declarations: TypeScript.Declaration[] } | undefined => {
    const ts = typescript();
    const location = tsNodeOf(callee);
    if (!ts.isPropertyAccessExpression(location)) return undefined;
    let symbol = checker.getSymbolAtLocation(location.name);
    if (symbol && (symbol.flags & ts.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
    return { symbol, declarations: symbol?.declarations ?? [] };
  };

  const implementationsOf = (callee: TSESTree.Node): DeclaredFunction[] | undefined => {
    const ts = typescript();
    const member = memberSymbolOf(callee);
    if (!member) return undefined;
    const { symbol, declarations } = member;
    const owner = declarations[0]?.parent;
    if (!symbol || !owner || !ts.isInterfaceDeclaration(owner) || owner.typeParameters || !isProjectSourceFile(owner.getSourceFile())) return undefined;
    if (!declarations.every((declaration) => declaration.parent === owner && ts.isMethodSignature(declaration))) return undefined;
    const interfaceSymbol = checker.getSymbolAtLocation(owner.name);
    if (!interfaceSymbol) return undefined;
    let byName = implementationsFound.get(interfaceSymbol);
    if (!byName) {
      byName = new Map();
      implementationsFound.set(interfaceSymbol, byName);
    }
    if (!byName.has(symbol.name)) byName.set(symbol.name, findImplementations(checker.getDeclaredTypeOfSymbol(interfaceSymbol), symbol.name));
    return byName.get(symbol.name);
  };

  const declaredPackageMethod = (callee: TSESTree.Node): PackageMethod | undefined => {
    const ts = typescript();
    const member = memberSymbolOf(callee);
    if (!member) return undefined;
    const { symbol, declarations } = member;
    // Every overload (`end(): Promise<void>; end(callback): void`) declared by one class of one module.
    const found = declarations.map((declaration) => {
      const owner = declaration.parent;
      const named = (ts.isClassDeclaration(owner) || ts.isInterfaceDeclaration(owner)) && owner.name ? owner.name.text : undefined;
      const module = declaringModule(declaration);
      return named && module ? { module, owner: named, name: symbol!.name } : undefined;
    });
    const [first] = found;
    return first && found.every((entry) => entry?.module === first.module && entry.owner === first.owner) ? first : undefined;
  };

  const declaredDependencyFunction = (callee: TSESTree.Node): DependencyDeclaration | undefined => {
    const ts = typescript();
    const symbol = calleeSymbol(callee);
    const declarations = symbol?.declarations ?? [];
    const [first] = declarations;
    if (!symbol || !first) return undefined;
    const sourceFile = first.getSourceFile();
    if (!sourceFile.isDeclarationFile || !/[\\/]node_modules[\\/]/.test(sourceFile.fileName)) return undefined;
    if (declarations.every((declaration) => ts.isMethodDeclaration(declaration) && declaration.parent === first.parent)) {
      const owner = first.parent;
      return ts.isClassDeclaration(owner) && owner.name ? { declarationFile: sourceFile.fileName, owner: owner.name.text, name: symbol.name } : undefined;
    }
    if (declarations.every((declaration) => ts.isFunctionDeclaration(declaration) && declaration.getSourceFile() === sourceFile && declaration.name)) {
      return { declarationFile: sourceFile.fileName, owner: null, name: (first as TypeScript.FunctionDeclaration).name!.text };
    }
    return undefined;
  };

  /** An `Error` (or a type shaped like one: `NodeJS.ErrnoException`, a class extending Error) in some union member. */
  const takesError = (type: TypeScript.Type): boolean =>
    unionParts(type).some((part) => (part.flags & ANY_OR_UNKNOWN) === 0 && checker.getPropertyOfType(part, 'message') !== undefined && checker.getPropertyOfType(part, 'stack') !== undefined);

  const isNodeStyleCallbackArgument = (argument: TSESTree.Node): boolean => {
    const ts = typescript();
    const location = tsNodeOf(argument);
    const own = unionParts(checker.getTypeAtLocation(location));
    // `done?: Callback`: when the caller has no callback, the command's rejection has nowhere to go.
    if (own.length === 0 || own.some((part) => part.getCallSignatures().length === 0)) return false;
    if (!ts.isExpression(location)) return false;
    const expected = checker.getContextualType(location);
    if (!expected) return false;
    return unionParts(expected).some((part) =>
      part.getCallSignatures().some((signature) => {
        const [first] = signature.getParameters();
        if (!first) return false;
        if (/^err(or)?$/i.test(first.getName())) return true;
        return takesError(checker.getTypeOfSymbolAtLocation(first, location));
      }),
    );
  };

  return {
    checker,
    typeOf,
    isThenable: (node) => checkerAnswer(() => typeIsThenable(typeOf(node), tsNodeOf(node)), false),
    isPromise: (node) => checkerAnswer(() => isPromiseNode(node), false),
    hasKnownType: (node) => checkerAnswer(() => (typeOf(node).flags & ANY_OR_UNKNOWN) === 0, false),
    isPromiseArray: (node) => checkerAnswer(() => holdsPromises(typeOf(node), 0), false),
    returnsThenable: (node) => checkerAnswer(() => signaturesReturnThenable(typeOf(node), tsNodeOf(node)), false),
    returnsPromise: (node) =>
      checkerAnswer(() => unionParts(typeOf(node)).some((part) => part.getCallSignatures().some((signature) => apparentParts(signature.getReturnType()).some((returned) => isBuiltinPromiseType(returned)))), false),
    isPackageFunction: (node) => checkerAnswer(() => isPackageFunction(node), false),
    parameterAcceptsPromise: (argument) => checkerAnswer(() => parameterAcceptsPromise(argument), undefined),
    returnsItsReceiver: (call) => checkerAnswer(() => returnsItsReceiver(call), false),
    requiredExportReturnsThenable: (specifier, path) => checkerAnswer(() => requiredExportReturnsThenable(specifier, path), undefined),
    calleeDeclaration: (callee, prototypeAssignments) => checkerAnswer(() => calleeDeclaration(callee, prototypeAssignments), undefined),
    declaredPackageMethod: (callee) => checkerAnswer(() => declaredPackageMethod(callee), undefined),
    isNodeStyleCallbackArgument: (argument) => checkerAnswer(() => isNodeStyleCallbackArgument(argument), false),
    implementationsOf: (callee) => checkerAnswer(() => implementationsOf(callee), undefined),
    declaredDependencyFunction: (callee) => checkerAnswer(() => declaredDependencyFunction(callee), undefined),
  };
}

/** `.../node_modules/@types/pg/index.d.ts` -> `pg`, `@types/scope__name` -> `@scope/name`, `.../node_modules/@scope/name/...` -> `@scope/name`. */
const PACKAGE_PATH = /[\\/]node_modules[\\/](?:@types[\\/](?<typed>[^\\/]+)|(?<scoped>@[^\\/]+[\\/][^\\/]+)|(?<plain>[^\\/@][^\\/]*))[\\/]/g;

/**
 * The module a declaration of Node or of a package belongs to: the nearest `declare module "x"` around
 * it (`node:` dropped: @types/node declares both spellings), else the last package of its file's path
 * under node_modules. Undefined for the project's own code.
 */
function declaringModule(declaration: TypeScript.Node): string | undefined {
  const ts = typescript();
  for (let node = declaration.parent; node; node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) return node.name.text.replace(/^node:/, '');
  }
  const sourceFile = declaration.getSourceFile();
  if (!sourceFile.isDeclarationFile) return undefined;
  const matches = [...sourceFile.fileName.matchAll(PACKAGE_PATH)];
  const last = matches.at(-1)?.groups;
  if (!last) return undefined;
  if (last.typed) return last.typed.includes('__') ? `@${last.typed.replace('__', '/')}` : last.typed;
  return (last.scoped ?? last.plain)?.replace(/\\/g, '/');
}

/** The checker's answer, or `unknown` when the checker throws (a stack overflow in its recursion). */
export function checkerAnswer<T>(ask: () => T, unknown: T): T {
  try {
    return ask();
  } catch {
    return unknown;
  }
}

function unionParts(type: TypeScript.Type): readonly TypeScript.Type[] {
  return type.isUnion() ? type.types : [type];
}
