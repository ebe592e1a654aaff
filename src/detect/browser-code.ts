import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { readdirSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { moduleSpecifiers } from '../ast/module-specifiers.js';
import { isFunctionNode } from '../ast/functions.js';
import { someNode } from '../ast/walk.js';
import { isBrowserFile } from './entry-files.js';
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
 * - or the file itself touches the page as it loads (`window.x = ...`, `document.title` outside any
 *   `typeof window` test): in Node that line throws, so the file cannot be server code (a bundle
 *   template such as etherpad's `src/templates/padBootstrap.js`, inside a server package);
 * - or, as before, it sits in a browser folder of the repository (`client/`, `public/`...; see
 *   entry-files.ts).
 * A tsconfig whose `lib` has `dom` is no evidence: servers add it for `fetch` and `URL` types.
 */
export function runsInBrowser(filename: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  // Several rules ask for each file: the answer is kept with the file's AST.
  let answer = browserFiles.get(sourceCode.ast);
  if (answer === undefined) {
    answer =
      isBrowserFile(filename) ||
      (inWebPagePackage(filename) && !isNodeRunFile(filename, sourceCode.ast, sourceCode.text)) ||
      touchesPageAtLoad(sourceCode);
    browserFiles.set(sourceCode.ast, answer);
  }
  return answer;
}

const browserFiles = new WeakMap<TSESTree.Program, boolean>();

/** Bundlers that build a page (rollup, esbuild and rolldown build Node libraries too: they count only beside a page framework). */
const PAGE_BUNDLERS = new Set(['vite', 'webpack', 'parcel', 'react-scripts', '@vue/cli-service', '@angular-devkit/build-angular', '@angular/build', '@rspack/core', '@rsbuild/core', 'snowpack']);
const LIBRARY_BUNDLERS = new Set(['rollup', 'rolldown', 'esbuild']);
/** What renders a page in the browser (`react` alone does not: Ink renders it in a terminal). */
const PAGE_FRAMEWORKS = new Set(['react-dom', 'vue', 'svelte', 'preact', '@angular/core', 'solid-js', 'lit']);
/** Packages that make a package a server (or a Node app with pages it serves) rather than a page. */
const SERVER_PACKAGES = new Set(['express', 'restify', 'polka', 'socket.io', 'ws', 'next', 'nuxt', '@sveltejs/kit', 'astro', '@remix-run/node', '@remix-run/serve', '@angular/ssr', 'electron', 'h3']);

const pagePackages = new WeakMap<Record<string, unknown>, boolean>();

/** The nearest package.json describes a web page (see `runsInBrowser`); answered once per read of that package.json. */
export function inWebPagePackage(filename: string): boolean {
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
