import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, runsLater, type FunctionNode } from '../ast/functions.js';
import { skipTransparentWrappers } from '../ast/wrappers.js';
import { keyName } from '../ast/names.js';
import { walk } from '../ast/walk.js';

/**
 * An async function as TypeScript (and Babel's regenerator-free tslib helpers) writes it for ES5:
 * `return __awaiter(this, void 0, void 0, function () { return __generator(this, function (_a) {
 * switch (_a.label) { case 0: ...; case 1: _a.trys.push([1, 3, , 4]); return [4, fetch(url)]; ... } }); })`.
 * Published packages built for old targets ship their code this way, so "this dependency method
 * catches everything" (quirrel's telemetry) is only readable through it. Read from tslib's
 * `__generator`: an instruction is a returned array whose first element is the opcode; 4 awaits its
 * second element, 2 returns it, 3 jumps to a label, 7 ends a `finally`, 5 delegates (`yield*`).
 * `_a.trys.push([tryLoc, catchLoc, finallyLoc, endLoc])` opens a `try` whose `catch` starts at
 * `catchLoc`: while the state label lies in `[tryLoc, catchLoc)`, a throw (or a rejected await,
 * resumed as a throw at the next label) goes to the catch code instead of rejecting.
 */

/** One instruction of the state machine that can make the async function reject, with the code around it. */
export interface DownleveledStep {
  /** `return [4, x]`: awaits `x`. */
  kind: 'await' | 'return' | 'throw' | 'delegate';
  /** The awaited or returned value (null for a bare `return [2]` or a `throw`). */
  value: TSESTree.Expression | null;
  node: TSESTree.Node;
}

/** What a downleveled async function does outside the `try` regions that catch: what can reject it. */
export interface DownleveledAsyncBody {
  /** The generator body's function (`function (_a) { ... }`): where its values are written. */
  body: FunctionNode;
  /** Awaits, throws and delegations outside every catching `try` (catch and finally code included), and every return. */
  unprotected: DownleveledStep[];
  /** Awaits inside a catching `try`, or `try` regions: the function does asynchronous work it handles. */
  handlesSomething: boolean;
}

function calleeNamed(node: TSESTree.Node, name: string): boolean {
  const callee = skipTransparentWrappers(node);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === name;
  // `tslib_1.__awaiter(...)`, `(0, tslib_1.__awaiter)(...)`
  if (callee.type === AST_NODE_TYPES.MemberExpression) return keyName(callee) === name;
  if (callee.type === AST_NODE_TYPES.SequenceExpression) {
    const last = callee.expressions[callee.expressions.length - 1];
    return last !== undefined && calleeNamed(last, name);
  }
  return false;
}

/** `__helper(this, ..., function (...) { ... })`: the function given last, when the call is to the helper. */
function helperFunction(expression: TSESTree.Node | null | undefined, helper: string): FunctionNode | null {
  const call = expression ? skipTransparentWrappers(expression) : null;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !calleeNamed(call.callee, helper)) return null;
  const last = call.arguments[call.arguments.length - 1];
  const fn = last ? skipTransparentWrappers(last) : null;
  return fn && isFunctionNode(fn) ? fn : null;
}

/** `if (x === void 0) { x = 1; }`: a default parameter as ES5 writes it, before the `__awaiter` call. */
function isParameterDefault(statement: TSESTree.Statement): boolean {
  if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate) return false;
  const body = statement.consequent.type === AST_NODE_TYPES.BlockStatement ? statement.consequent.body : [statement.consequent];
  return body.every(
    (inner) =>
      inner.type === AST_NODE_TYPES.ExpressionStatement &&
      inner.expression.type === AST_NODE_TYPES.AssignmentExpression &&
      inner.expression.left.type === AST_NODE_TYPES.Identifier &&
      (inner.expression.right.type === AST_NODE_TYPES.Literal || inner.expression.right.type === AST_NODE_TYPES.ObjectExpression || inner.expression.right.type === AST_NODE_TYPES.ArrayExpression),
  );
}

/** The generator body of a downleveled async function `fn`, or null when `fn` is not written that way. */
function generatorBody(fn: FunctionNode): FunctionNode | null {
  if (fn.async || fn.generator || fn.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const statements = fn.body.body;
  const last = statements[statements.length - 1];
  if (last?.type !== AST_NODE_TYPES.ReturnStatement || !statements.slice(0, -1).every(isParameterDefault)) return null;
  const awaiter = helperFunction(last.argument, '__awaiter');
  if (!awaiter || awaiter.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  // `var error_1, result;`: the function's locals, hoisted out of the state machine.
  const inner = awaiter.body.body;
  const returned = inner[inner.length - 1];
  const locals = inner.slice(0, -1).every((statement) => statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.every((declarator) => declarator.init === null));
  if (!locals || returned?.type !== AST_NODE_TYPES.ReturnStatement) return null;
  return helperFunction(returned.argument, '__generator');
}

/** `[4, x]` / `[2]` / `[3, 4]`: the opcode and operand of an instruction. */
function instruction(node: TSESTree.Expression | null): { opcode: number; operand: TSESTree.Expression | null } | null {
  const array = node ? skipTransparentWrappers(node) : null;
  if (array?.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const [first, second] = array.elements;
  if (first?.type !== AST_NODE_TYPES.Literal || typeof first.value !== 'number') return null;
  const operand = second && second.type !== AST_NODE_TYPES.SpreadElement ? second : null;
  return { opcode: first.value, operand };
}

/** `_a.trys.push([1, 3, , 4])`: the try region it opens, or null. */
function tryRegion(statement: TSESTree.Statement): { tryLoc: number; catchLoc: number | null } | null {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.CallExpression) return null;
  const call = statement.expression;
  const push = skipTransparentWrappers(call.callee);
  if (push.type !== AST_NODE_TYPES.MemberExpression || keyName(push) !== 'push') return null;
  const trys = skipTransparentWrappers(push.object);
  if (trys.type !== AST_NODE_TYPES.MemberExpression || keyName(trys) !== 'trys') return null;
  const [argument] = call.arguments;
  if (argument?.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const [tryLoc, catchLoc] = argument.elements;
  const label = (element: typeof tryLoc): number | null => (element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'number' ? element.value : null);
  const start = label(tryLoc);
  return start === null ? null : { tryLoc: start, catchLoc: label(catchLoc) };
}

/**
 * The state machine of `fn` when it is a downleveled async function: every step that can reject it
 * outside a catching `try`, so the caller judges each with its own "cannot reject" reasoning. Null when
 * `fn` is not written that way, or its state machine is not one this reads (a label that is no number).
 */
export function downleveledAsyncBody(fn: FunctionNode): DownleveledAsyncBody | null {
  const body = generatorBody(fn);
  if (!body || body.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  // One state (no await inside a try, no loop): straight code. Otherwise `switch (_a.label) { case N: ... }`.
  const cases: { label: number; statements: TSESTree.Statement[] }[] = [];
  const [only] = body.body.body;
  if (body.body.body.length === 1 && only?.type === AST_NODE_TYPES.SwitchStatement) {
    for (const switchCase of only.cases) {
      const test = switchCase.test;
      if (test?.type !== AST_NODE_TYPES.Literal || typeof test.value !== 'number') return null;
      cases.push({ label: test.value, statements: switchCase.consequent });
    }
  } else {
    cases.push({ label: 0, statements: body.body.body });
  }
  const regions = cases.flatMap(({ statements }) => statements.map(tryRegion).filter((region) => region !== null));
  const caught = (label: number): boolean => regions.some(({ tryLoc, catchLoc }) => catchLoc !== null && tryLoc <= label && label < catchLoc);
  const unprotected: DownleveledStep[] = [];
  let handlesSomething = regions.some(({ catchLoc }) => catchLoc !== null);
  for (const { label, statements } of cases) {
    const protectedHere = caught(label);
    for (const statement of statements) {
      walk(statement, (node) => {
        if (runsLater(node)) return 'skip';
        if (node.type === AST_NODE_TYPES.ThrowStatement) {
          if (!protectedHere) unprotected.push({ kind: 'throw', value: null, node });
          return undefined;
        }
        if (node.type !== AST_NODE_TYPES.ReturnStatement) return undefined;
        const step = instruction(node.argument);
        if (!step) {
          // A `return` the state machine does not read: unknown.
          unprotected.push({ kind: 'delegate', value: null, node });
          return 'skip';
        }
        // A promise returned inside a `try` is adopted by the async function's own promise: its
        // rejection never reaches the catch code (as `return p` in an async function's `try`).
        if (step.opcode === 2) unprotected.push({ kind: 'return', value: step.operand, node });
        else if (step.opcode === 4 && protectedHere) handlesSomething = true;
        else if (protectedHere) return 'skip';
        else if (step.opcode === 4) unprotected.push({ kind: 'await', value: step.operand, node });
        else if (step.opcode !== 3 && step.opcode !== 7) unprotected.push({ kind: 'delegate', value: step.operand, node });
        return 'skip';
      });
    }
  }
  return { body, unprotected, handlesSomething };
}

/** `_a.sent()`: the value the last await fulfilled with (never a thenable: an await unwraps it). */
export function isSentValue(expression: TSESTree.Node, body: FunctionNode): boolean {
  const call = skipTransparentWrappers(expression);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length !== 0) return false;
  const callee = skipTransparentWrappers(call.callee);
  const [state] = body.params;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    keyName(callee) === 'sent' &&
    state?.type === AST_NODE_TYPES.Identifier &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === state.name
  );
}
