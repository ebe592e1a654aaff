import { basename, extname, sep } from 'node:path';

/** Extensions the audit reads as source: TypeScript goes through the typescript-eslint parser, JavaScript through espree. */
export const TYPESCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'] as const;
export const JAVASCRIPT_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs'] as const;
const SOURCE_EXTENSIONS = new Set<string>([...TYPESCRIPT_EXTENSIONS, ...JAVASCRIPT_EXTENSIONS]);

/**
 * Folders that hold no code of the project's own: dependencies, build output, fixtures, and the
 * usual homes of copied-in or bundled browser code (`vendor/`, `public/`, `static/`), which ESLint
 * users list in `ignores` anyway.
 */
const NEVER_AUDITED_FOLDERS = new Set(['node_modules', 'fixtures', 'dist', 'build', 'out', 'coverage', 'vendor', 'public', 'static']);
const TEST_FOLDERS = new Set(['test', 'tests', '__tests__']);
const TEST_FILE = /\.(test|spec)\.[^.]+$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/**
 * A test suite by what it says, wherever it sits (`docs/protocol/test-suite.js`, cucumber's
 * `features/step_definitions/`): a test runner's call at the file's top level (`describe('...', `,
 * `test('...', `, `Given('...', `), and the runner itself, imported or a global the file does not
 * declare. Read from the text, before any parse: a formatted file starts its top-level statements in
 * the first column, and a file none of whose lines does so is not taken for a suite. A module that
 * exports is not one: a helper for suites (`test-utils.ts`), a generator whose template is a suite.
 */
const SUITE_CALL = /^(describe|suite|context|it|test)(?:\.(?:only|skip|each|concurrent|serial|sequential|todo))*\s*\(\s*['"`]/m;
const STEP_DEFINITION_CALL = /^(?:Given|When|Then|Before|After|BeforeAll|AfterAll|BeforeStep|AfterStep|defineStep)\s*\(/m;
const TEST_RUNNER_MODULE = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"](?:mocha|vitest|@jest\/globals|node:test|ava|tap|tape|uvu|bun:test|@playwright\/test)['"]/;
const STEP_DEFINITIONS_MODULE = /(?:\bfrom\s*|\brequire\s*\(\s*)['"](?:@cucumber\/cucumber|cucumber)['"]/;

/** A module that exports is imported by something: a generator whose template holds a suite's text (`test.tpl.ts`), a helper. */
const EXPORTS = /^export\s|\bmodule\.exports\b|^exports\./m;

export function isTestSuiteSource(text: string): boolean {
  if (EXPORTS.test(text)) return false;
  if (STEP_DEFINITION_CALL.test(text) && STEP_DEFINITIONS_MODULE.test(text)) return true;
  const suite = SUITE_CALL.exec(text);
  if (!suite) return false;
  if (TEST_RUNNER_MODULE.test(text)) return true;
  // A runner's global (mocha, jest): the file calls `describe` without declaring or importing it.
  const name = suite[1]!;
  const declared = new RegExp(`(?:\\bfunction\\s*\\*?\\s*|\\b(?:const|let|var|class)\\s+|\\bimport\\s*\\{[^}]*)\\b${name}\\b`);
  return !declared.test(text);
}

export function isTypeScriptFile(path: string): boolean {
  return (TYPESCRIPT_EXTENSIONS as readonly string[]).includes(extname(path));
}

export function isDeclarationFile(path: string): boolean {
  return DECLARATION_FILE.test(path);
}

/** A file the audit can lint: a JS/TS source file that is not a declaration file. */
export function isAuditableSource(path: string): boolean {
  return SOURCE_EXTENSIONS.has(extname(path)) && !isDeclarationFile(path);
}

export interface DefaultExclusionOptions {
  includeTests: boolean;
}

/**
 * Whether a folder met while walking is skipped by default. Hidden folders (`.git`, `.next`, caches)
 * are skipped as well: they hold tool state, not the project's code.
 */
export function isExcludedFolder(name: string, { includeTests }: DefaultExclusionOptions): boolean {
  if (name.startsWith('.')) return true;
  if (NEVER_AUDITED_FOLDERS.has(name)) return true;
  return !includeTests && TEST_FOLDERS.has(name);
}

/**
 * Whether a file is excluded by default, judged on its path relative to the folder being scanned
 * (so auditing `fixtures/demo-app` explicitly works although `fixtures/` is excluded below a root).
 */
export function isExcludedByDefault(relativePath: string, options: DefaultExclusionOptions): boolean {
  const segments = relativePath.split(sep).flatMap((segment) => segment.split('/'));
  const fileName = segments.pop() ?? '';
  if (segments.some((folder) => isExcludedFolder(folder, options))) return true;
  if (!isAuditableSource(fileName)) return true;
  return !options.includeTests && TEST_FILE.test(basename(fileName));
}
