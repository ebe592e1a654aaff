import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { readdirSync } from 'node:fs';
import { basename, dirname, extname, relative } from 'node:path';
import { moduleSpecifiers, packageNameOf } from '../ast/module-specifiers.js';
import { isFunctionNode, runsAtModuleTopLevel } from '../ast/functions.js';
import { keyName } from '../ast/names.js';
import { someNode, walk } from '../ast/walk.js';
import { projectDirectories } from './entry-files.js';
import { dependenciesOf, isAwaitingFramework } from './frameworks.js';
import { normaliseModuleName } from './module-bindings.js';
import { isInvokedWhereDefined } from './module-state.js';
import { nearestValidManifest } from './nearest-manifest.js';

/**
 * "This file runs in a browser": there an unhandled rejection is a console error and a hang holds no
 * server resource, so the rules about a Node process's failures have nothing to say. Known from what
 * the project states, not from where the file sits:
 * - the package is a web page's: its package.json builds with a front-end bundler (Vite, webpack,
 *   Parcel, Create React App...) and renders with a page framework (react-dom, vue, svelte...) or has
 *   an HTML page beside it (Vite's and Parcel's entry), with no server framework and no `bin`. A
 *   Next.js, Nuxt or SvelteKit app serves its pages from a Node server, so it is not one; nor is an
 *   isomorphic library (socket.io-client: a `browser` field, no bundler), which also runs in Node.
 *   Its Node-run files stay Node code: a `*.config.*` (vite.config.ts), a file with a shebang, a
 *   file that loads a Node-only module (`fs`, `child_process`, `http`...);
 * - or it is a client module of a Next.js app (`clientModuleOfServerRenderedApp`): the package
 *   serves its pages from Node, but a component's event handlers and effects, and a hook's queries,
 *   run only in the browser that hydrated the page (a page that also exports server data functions
 *   is both: `runsInBrowserAt` splits it per declaration);
 * - or the file itself touches the page as it loads (`window.x = ...`, `document.title` outside any
 *   `typeof window` test): in Node that line throws, so the file cannot be server code (a bundle
 *   template such as etherpad's `src/templates/padBootstrap.js`, inside a server package);
 * - or, as before, it sits in a browser folder of the repository (`client/`, `public/`...): the path
 *   part, `inBrowserFolder`.
 * The risk model rates a finding by the same answer (`runsInBrowserAt`, src/risk/locate.ts).
 * A tsconfig whose `lib` has `dom` is no evidence: servers add it for `fetch` and `URL` types.
 */
export function runsInBrowser(filename: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  // Several rules ask for each file: the answer is kept with the file's AST.
  let answer = browserFiles.get(sourceCode.ast);
  if (answer === undefined) {
    answer =
      inBrowserFolder(projectDirectories(filename)) ||
      (inWebPagePackage(filename) && !isNodeRunFile(filename, sourceCode.ast, sourceCode.text)) ||
      clientModuleOfServerRenderedApp(filename, sourceCode.ast, sourceCode.text) === 'whole-module' ||
      touchesPageAtLoad(sourceCode);
    browserFiles.set(sourceCode.ast, answer);
  }
  return answer;
}

const browserFiles = new WeakMap<TSESTree.Program, boolean>();

/**
 * "The code at `node` runs in a browser": the question every rule and the risk model ask of a finding.
 * A whole file answers it (`runsInBrowser`, the fast path); a Next.js page that also exports a server
 * data function (`getServerSideProps`...) answers it per top-level declaration
 * (`pageSidesOf`): its component's hooks and handlers run in the browser, its data functions on the
 * server. Only `node.range` is read, so a finding's range will do.
 */
export function runsInBrowserAt(node: { readonly range: readonly [number, number] }, filename: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (runsInBrowser(filename, sourceCode)) return true;
  const sides = pageSidesOf(filename, sourceCode);
  return sides !== null && sides.browserFunctions.some(([start, end]) => start <= node.range[0] && node.range[1] <= end);
}

interface PageSides {
  /** The ranges of the functions that run only in the browser: those reached from the page's component and from no server code. */
  browserFunctions: TSESTree.Range[];
}

const pageSides = new WeakMap<TSESTree.Program, PageSides | null>();

/** The browser side of a Next.js page that exports server data functions; null for any other file (kept with the file's AST). */
function pageSidesOf(filename: string, sourceCode: Readonly<TSESLint.SourceCode>): PageSides | null {
  let sides = pageSides.get(sourceCode.ast);
  if (sides === undefined) {
    sides = clientModuleOfServerRenderedApp(filename, sourceCode.ast, sourceCode.text) === 'page-with-server-data' ? splitPage(sourceCode) : null;
    pageSides.set(sourceCode.ast, sides);
  }
  return sides;
}

/**
 * Splits a page module by its top-level statements. The server side is what Next runs in Node: the
 * data functions and every declaration they reach through the module's names, and module-level code
 * (imports, initialisers, `Page.getLayout = ...`: it runs when the server loads the page too). The
 * browser side is what the default-exported component reaches and no server code does: its hooks'
 * callbacks, its event handlers, the components and helpers only it uses. A helper both sides use
 * counts as server code, so it stays checked; so does any other named export (someone may import it).
 */
function splitPage(sourceCode: Readonly<TSESLint.SourceCode>): PageSides {
  const statements = sourceCode.ast.body;
  const statementAt = (position: number): number => {
    let low = 0;
    let high = statements.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [start, end] = statements[middle]!.range;
      if (position < start) high = middle - 1;
      else if (position >= end) low = middle + 1;
      else return middle;
    }
    return -1;
  };
  // Which statements each statement's code names (a reference to a module-level binding, by scope).
  const names = statements.map(() => new Set<number>());
  const serverRoots = new Set<number>();
  const moduleScope = sourceCode.scopeManager?.globalScope;
  const scopes = moduleScope ? [moduleScope, ...moduleScope.childScopes.filter((scope) => scope.type === 'module')] : [];
  for (const scope of scopes) {
    for (const variable of scope.variables) {
      const declaring = variable.defs.map((definition) => statementAt(definition.node.range[0])).filter((index) => index >= 0);
      for (const reference of variable.references) {
        const from = statementAt(reference.identifier.range[0]);
        if (from < 0) continue;
        for (const to of declaring) if (to !== from) names[from]!.add(to);
        // `helper()` called while the module loads runs on the server, whoever else calls it.
        if (isCalledAtLoad(reference.identifier)) for (const to of declaring) serverRoots.add(to);
      }
    }
  }
  const browserRoots = new Set<number>();
  statements.forEach((statement, index) => {
    if (isServerStatement(statement)) serverRoots.add(index);
    else if (exportsDefault(statement)) browserRoots.add(index);
  });
  const server = reachedFrom(serverRoots, names);
  const browser = reachedFrom(browserRoots, names);
  const browserFunctions: TSESTree.Range[] = [];
  for (const index of browser) {
    if (server.has(index)) continue;
    walk(statements[index]!, (node) => {
      if (!isFunctionNode(node)) return undefined;
      browserFunctions.push(node.range);
      return 'skip';
    });
  }
  return { browserFunctions };
}

/** `export default Page`, `export default function Page() {...}`, `export { Page as default }`. */
function exportsDefault(statement: TSESTree.ProgramStatement): boolean {
  if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  return statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.source === null && statement.specifiers.some((specifier) => exportedName(specifier) === 'default');
}

function exportedName(specifier: TSESTree.ExportSpecifier): string {
  return specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : String(specifier.exported.value);
}

function reachedFrom(roots: ReadonlySet<number>, names: readonly ReadonlySet<number>[]): Set<number> {
  const reached = new Set(roots);
  const pending = [...roots];
  while (pending.length > 0) {
    for (const next of names[pending.pop()!]!) {
      if (reached.has(next)) continue;
      reached.add(next);
      pending.push(next);
    }
  }
  return reached;
}

/** `helper()` or `new Helper()` outside any function: it runs as the module loads. */
function isCalledAtLoad(identifier: TSESTree.Node): boolean {
  const parent = identifier.parent;
  const called = (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.callee === identifier;
  return called && runsAtModuleTopLevel(identifier);
}

/**
 * A top-level statement that is server code of a page: a named export (`export async function
 * getServerSideProps`, `export { load as getStaticProps }`, `export const helper`: another module may
 * import it), or `Page.getInitialProps = ...`. A re-export (`export { getServerSideProps } from
 * '...'`) names nothing of this module.
 */
function isServerStatement(statement: TSESTree.ProgramStatement): boolean {
  if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
    if (statement.exportKind === 'type' || statement.source !== null) return false;
    return statement.declaration !== null || statement.specifiers.some((specifier) => exportedName(specifier) !== 'default');
  }
  return (
    statement.type === AST_NODE_TYPES.ExpressionStatement &&
    statement.expression.type === AST_NODE_TYPES.AssignmentExpression &&
    statement.expression.left.type === AST_NODE_TYPES.MemberExpression &&
    SERVER_DATA_FUNCTIONS.has(keyName(statement.expression.left) ?? '')
  );
}

/**
 * Browser code kept in a server's repository (`client/`, `frontend/`, `browser/`, `public/`, `www/`):
 * there an unhandled rejection is a console error, not a process crash.
 */
const BROWSER_DIRECTORIES: ReadonlySet<string> = new Set(['client', 'frontend', 'browser', 'public', 'www']);

/** The path part of `runsInBrowser`: `directories`, the folders a file sits in from its project's root down, include a browser folder. */
export function inBrowserFolder(directories: readonly string[]): boolean {
  return directories.some((directory) => BROWSER_DIRECTORIES.has(directory));
}

/** Bundlers that build a page (rollup, esbuild and rolldown build Node libraries too: they count only beside a page framework). */
const PAGE_BUNDLERS = new Set(['vite', 'webpack', 'parcel', 'react-scripts', '@vue/cli-service', '@angular-devkit/build-angular', '@angular/build', '@rspack/core', '@rsbuild/core', 'snowpack']);
const LIBRARY_BUNDLERS = new Set(['rollup', 'rolldown', 'esbuild']);
/** What renders a page in the browser (`react` alone does not: Ink renders it in a terminal). */
const PAGE_FRAMEWORKS = new Set(['react-dom', 'vue', 'svelte', 'preact', '@angular/core', 'solid-js', 'lit']);
/** Packages that make a package a server (or a Node app with pages it serves) rather than a page. */
const SERVER_PACKAGES = new Set(['express', 'restify', 'polka', 'socket.io', 'ws', 'next', 'nuxt', '@sveltejs/kit', 'astro', '@remix-run/node', '@remix-run/serve', '@angular/ssr', 'electron', 'h3']);

const pagePackages = new WeakMap<Record<string, unknown>, boolean>();

/** The nearest package.json describes a web page (see `runsInBrowser`); answered once per read of that package.json. */
function inWebPagePackage(filename: string): boolean {
  const manifest = nearestValidManifest(filename);
  if (!manifest) return false;
  let answer = pagePackages.get(manifest.json);
  if (answer === undefined) {
    answer = describesWebPage(manifest.json, dirname(manifest.path));
    pagePackages.set(manifest.json, answer);
  }
  return answer;
}

function describesWebPage(json: Record<string, unknown>, folder: string): boolean {
  if (json.bin !== undefined) return false;
  const names = [...dependenciesOf(json).keys()];
  if (names.some((name) => SERVER_PACKAGES.has(name) || isAwaitingFramework(name))) return false;
  const rendersPages = names.some((name) => PAGE_FRAMEWORKS.has(name));
  const pageBundler = names.some((name) => PAGE_BUNDLERS.has(name) || name.startsWith('@vitejs/'));
  if (pageBundler) return rendersPages || hasHtmlPage(folder);
  return rendersPages && names.some((name) => LIBRARY_BUNDLERS.has(name));
}

function hasHtmlPage(folder: string): boolean {
  try {
    return readdirSync(folder).some((entry) => extname(entry) === '.html');
  } catch {
    return false;
  }
}

/** Modules only Node has: a file that loads one runs in Node, whatever package it sits in (`buffer`, `events`, `path` have browser builds). */
const NODE_ONLY_MODULES = new Set(['fs', 'fs/promises', 'child_process', 'cluster', 'worker_threads', 'net', 'tls', 'dgram', 'http', 'https', 'http2', 'os', 'readline', 'repl', 'v8', 'vm', 'inspector', 'dns', 'module', 'process']);
const CONFIG_FILE = /\.config\.[cm]?[jt]s$/;

/** A file of a page's package that Node runs: its build configuration, a script with a shebang, one that loads a Node-only module. */
function isNodeRunFile(filename: string, program: TSESTree.Program, text: string): boolean {
  if (CONFIG_FILE.test(basename(filename)) || text.startsWith('#!')) return true;
  return moduleSpecifiers(program).some((specifier) => specifier.startsWith('node:') || NODE_ONLY_MODULES.has(normaliseModuleName(specifier)));
}

/**
 * React frameworks whose package is a Node server rendering the pages the browser then runs: their
 * modules are either server code or client code, and the framework's conventions and React's say which.
 */
const SERVER_RENDERED_REACT_FRAMEWORKS = new Set(['next']);

const serverRenderedAppRoots = new WeakMap<Record<string, unknown>, boolean>();

/** The folder of the package the file belongs to when that package is a Next.js app; null otherwise. */
function serverRenderedAppRoot(filename: string): string | null {
  const manifest = nearestValidManifest(filename);
  if (!manifest) return null;
  let answer = serverRenderedAppRoots.get(manifest.json);
  if (answer === undefined) {
    answer = [...dependenciesOf(manifest.json).keys()].some((name) => SERVER_RENDERED_REACT_FRAMEWORKS.has(name));
    serverRenderedAppRoots.set(manifest.json, answer);
  }
  return answer ? dirname(manifest.path) : null;
}

/**
 * A client module of a Next.js app: code that runs in the browser, although its package is a server.
 * Evidence, from React's rules and Next's conventions, never from a file name alone:
 * - a `'use client'` directive;
 * - outside the App Router's `app/` folder (where a module without the directive is a server
 *   component): a call of a React hook (`useState`, `useQuery`: React's naming rule, which
 *   eslint-plugin-react-hooks enforces; server components cannot call hooks), a JSX event handler
 *   attribute (`onClick={...}`), or the Pages Router's client router (`next/router`); and the module
 *   renders or imports React (JSX, `react`, a `react-*` / `@x/react*` package, `next/*`), so that a
 *   server's own `useContainer()` is not taken for a hook.
 * Server code stays server code: API routes (`pages/api/`), route handlers (`app/.../route.ts`),
 * middleware and instrumentation, a `'use server'` module, a module importing `server-only` or a
 * Node-only module. A page that also exports server data functions (`getServerSideProps`...) is
 * both: 'page-with-server-data', split per declaration by `splitPage`. Null: not a client module.
 */
function clientModuleOfServerRenderedApp(filename: string, program: TSESTree.Program, text: string): ClientModuleKind {
  // Asked by `runsInBrowser` and again by `runsInBrowserAt` for a file that is not browser code as a whole.
  let kind = clientModuleKinds.get(program);
  if (kind === undefined) {
    kind = readClientModuleKind(filename, program, text);
    clientModuleKinds.set(program, kind);
  }
  return kind;
}

type ClientModuleKind = 'whole-module' | 'page-with-server-data' | null;
const clientModuleKinds = new WeakMap<TSESTree.Program, ClientModuleKind>();

function readClientModuleKind(filename: string, program: TSESTree.Program, text: string): ClientModuleKind {
  const root = serverRenderedAppRoot(filename);
  if (root === null || !/use|on[A-Z]|next\/router/.test(text)) return null;
  const folders = relative(root, filename).split(/[\\/]/);
  if (folders[0] === 'src') folders.shift();
  const [top, second] = folders;
  const name = basename(filename).replace(/\.[cm]?[jt]sx?$/, '');
  if ((top === 'pages' && second === 'api') || (SERVER_ENTRY_MODULES.has(name) && folders.length === 1)) return null;
  if (top === 'app' && name === 'route') return null;
  const directives = leadingDirectives(program);
  if (directives.has('use server') || isNodeRunFile(filename, program, text)) return null;
  const specifiers = moduleSpecifiers(program);
  if (specifiers.includes('server-only')) return null;
  const client = (): 'whole-module' | 'page-with-server-data' => (exportsServerDataFunction(program) ? 'page-with-server-data' : 'whole-module');
  if (directives.has('use client')) return client();
  if (top === 'app') return null;
  const rendersReact = specifiers.some(isReactModule) || someNode(program, (node) => node.type === AST_NODE_TYPES.JSXElement || node.type === AST_NODE_TYPES.JSXFragment);
  return rendersReact && (specifiers.includes('next/router') || someNode(program, isClientOnlyConstruct)) ? client() : null;
}

/** Next's server-side modules at the app's root (or `src/`). */
const SERVER_ENTRY_MODULES = new Set(['middleware', 'instrumentation']);
/** Next's per-request and build-time data functions of a Pages Router page. */
const SERVER_DATA_FUNCTIONS = new Set(['getServerSideProps', 'getStaticProps', 'getStaticPaths', 'getInitialProps']);

function leadingDirectives(program: TSESTree.Program): Set<string> {
  const directives = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.directive === undefined) break;
    directives.add(statement.directive);
  }
  return directives;
}

function isReactModule(specifier: string): boolean {
  const name = packageNameOf(specifier);
  return name !== undefined && (name === 'next' || /(^|[/-])react($|-)/.test(name) || /^@[^/]+\/react/.test(name));
}

/** A page's `export const getServerSideProps = ...`, `export async function getStaticProps()`, or `Page.getInitialProps = ...`. */
function exportsServerDataFunction(program: TSESTree.Program): boolean {
  return program.body.some((statement) => {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration) {
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.FunctionDeclaration) return SERVER_DATA_FUNCTIONS.has(declaration.id?.name ?? '');
      if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
        return declaration.declarations.some((declarator) => declarator.id.type === AST_NODE_TYPES.Identifier && SERVER_DATA_FUNCTIONS.has(declarator.id.name));
      }
    }
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && !statement.declaration) {
      return statement.specifiers.some((specifier) => specifier.exported.type === AST_NODE_TYPES.Identifier && SERVER_DATA_FUNCTIONS.has(specifier.exported.name));
    }
    return (
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      statement.expression.type === AST_NODE_TYPES.AssignmentExpression &&
      statement.expression.left.type === AST_NODE_TYPES.MemberExpression &&
      SERVER_DATA_FUNCTIONS.has(keyName(statement.expression.left) ?? '')
    );
  });
}

const HOOK_NAME = /^use[A-Z0-9]/;

/** A React hook call (`useEffect(...)`, `React.useState(...)`) or a JSX event handler attribute: code only a client component has. */
function isClientOnlyConstruct(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = node.callee;
    if (callee.type === AST_NODE_TYPES.Identifier) return HOOK_NAME.test(callee.name);
    return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && HOOK_NAME.test(callee.property.name) && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'React';
  }
  return node.type === AST_NODE_TYPES.JSXAttribute && node.name.type === AST_NODE_TYPES.JSXIdentifier && /^on[A-Z]/.test(node.name.name);
}

const PAGE_GLOBALS = new Set(['window', 'document']);

/** Code that may not run while the file loads, or runs only after a test a Node-aware file uses to look first. */
const NOT_RUN_UNCONDITIONALLY = new Set<string>([
  AST_NODE_TYPES.IfStatement,
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.TryStatement,
  AST_NODE_TYPES.SwitchStatement,
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.UnaryExpression,
  AST_NODE_TYPES.ClassBody,
]);

/**
 * The file reads or writes `window.*` / `document.*` while it loads: at its top level or in a function
 * called where it stands (an IIFE, a top-level `forEach` callback), not under a test (`if`, `?:`, `&&`, `try`, `typeof`), and with
 * `window` / `document` not declared by the file (a global, declared or not by the linter's config).
 */
function touchesPageAtLoad(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  // Most files name neither global: their text (with no unicode escape that could spell one) says so without a walk.
  const text = sourceCode.text;
  if (!text.includes('window') && !text.includes('document') && !text.includes('\\u')) return false;
  return someNode(
    sourceCode.ast,
    (node) =>
      node.type === AST_NODE_TYPES.MemberExpression &&
      node.object.type === AST_NODE_TYPES.Identifier &&
      PAGE_GLOBALS.has(node.object.name) &&
      isGlobal(node.object, sourceCode),
    (node) => NOT_RUN_UNCONDITIONALLY.has(node.type) || (isFunctionNode(node) && !isInvokedWhereDefined(node)),
  );
}

function isGlobal(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
  return variable === null || variable.defs.length === 0;
}
