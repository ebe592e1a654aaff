import type { Collection, JSCodeshift } from 'jscodeshift';
import { importEdit, importedBindings } from '../detect/runtime-import.js';
import { RUNTIME_MODULE } from '../detect/runtime-calls.js';
import type { SourceStyle } from '../detect/source-style.js';
import { syntaxParserFor } from './parsers.js';
import { firstFreeName } from '../ast/names.js';

/**
 * The one import a rewritten file needs: `import { tasks, supervise, report } from '@spawnguard/runtime'`
 * (or `const { ... } = require(...)` in CommonJS JavaScript), added once, merged into an existing one,
 * and placed in sorted order among the file's imports, by the same placer as the rules' suggestions
 * (detect/runtime-import.ts).
 *
 * Names are chosen while the rewrites run (`local('tasks')` gives `tasks`, or an alias when the file
 * already uses that name); the import itself is then written into the printed text, as one edit
 * spliced between the existing lines, because recast would print a new destructuring pattern over
 * several lines and cannot place a new statement between foreign ones without disturbing them.
 */
export const DEFAULT_RUNTIME_SPECIFIER = RUNTIME_MODULE;

type Program = { body: any[] };

function namesInUse(j: JSCodeshift, root: Collection): Set<string> {
  const names = new Set<string>();
  root.find(j.Identifier).forEach((path) => {
    names.add(path.node.name);
  });
  return names;
}

export interface RuntimeImports {
  /** The local name to use for a runtime export in this file (`tasks`, or an alias when taken). */
  local(name: string): string;
  /** Runtime exports asked for that the file does not import yet: name -> local name. */
  readonly missing: ReadonlyMap<string, string>;
}

/**
 * The names a rewrite uses from one module. `equivalents` are other specifiers of the same module
 * (`events` for `node:events`) whose imports count as already there.
 */
export function runtimeImports(
  j: JSCodeshift,
  root: Collection,
  specifier = DEFAULT_RUNTIME_SPECIFIER,
  equivalents: readonly string[] = [],
): RuntimeImports {
  const program = root.find(j.Program).get().node as Program;
  const existing = importedBindings(program, [specifier, ...equivalents]);
  const missing = new Map<string, string>();
  let inUse: Set<string> | undefined;
  return {
    missing,
    local(name: string): string {
      const known = existing.get(name) ?? missing.get(name);
      if (known) return known;
      const used = (inUse ??= namesInUse(j, root));
      const alias = firstFreeName(
        (attempt) => (attempt === 1 ? name : `spawnguard${name[0]!.toUpperCase()}${name.slice(1)}${attempt > 2 ? attempt - 1 : ''}`),
        (candidate) => used.has(candidate),
      );
      used.add(alias);
      missing.set(name, alias);
      return alias;
    },
  };
}


/** Writes the import for `missing` into `text` (the printed, rewritten file). */
export function addRuntimeImport(
  text: string,
  options: { filePath: string; missing: ReadonlyMap<string, string>; specifier?: string } & Partial<SourceStyle>,
): string {
  if (options.missing.size === 0) return text;
  // The bare parser: its offsets are the text's own (recast's would count its normalised copy).
  const program = syntaxParserFor(options.filePath)(text).program;
  const style: SourceStyle = { quote: options.quote ?? 'single', semicolons: options.semicolons ?? true, eol: options.eol ?? '\n', bracketSpacing: options.bracketSpacing ?? true };
  const edit = importEdit(text, program, options.filePath, options.missing, options.specifier ?? DEFAULT_RUNTIME_SPECIFIER, style);
  return edit ? text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1]) : text;
}
