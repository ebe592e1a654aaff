/**
 * The import a rule's suggestion adds, as the tests expect it (line-based, for the small files of the
 * rule tests): merged into an existing value import of the module; else a new line where the file
 * keeps its package imports (after the last one, before the first relative import; after the last
 * import when the file mixes them), or first; `require` in CommonJS JavaScript (.cjs, or a .js file that
 * requires and does not import), `import` otherwise and always in TypeScript.
 */
export function withImport(code: string, name: string, filename = 'file.ts', module = '@spawnguard/runtime'): string {
  const lines = code.split('\n');
  const quoted = `'${module}'`;
  const merged = lines.findIndex((line) => line.startsWith('import {') && line.endsWith(`} from ${quoted};`) && !line.startsWith('import type'));
  if (merged !== -1) {
    const names = /^import \{ (.*) \} from/.exec(lines[merged]!)![1]!.split(', ');
    const next = names.findIndex((item) => item.split(' as ')[0]! > name);
    names.splice(next === -1 ? names.length : next, 0, name);
    lines[merged] = `import { ${names.join(', ')} } from ${quoted};`;
    return lines.join('\n');
  }
  const isRequire = (line: string) => /^(const|let|var) .* = require\('[^']+'\);?$/.test(line);
  const commonJs =
    filename.endsWith('.cjs') || (/\.jsx?$/.test(filename) && lines.some(isRequire) && !lines.some((line) => line.startsWith('import ')));
  const imports = lines.flatMap((line, index) => ((commonJs ? isRequire(line) : line.startsWith('import ')) ? [index] : []));
  const isRelative = (index: number) => /'\.{0,2}\/[^']*'\)?;?$/.test(lines[index]!);
  const firstRelative = imports.findIndex(isRelative);
  const grouped = firstRelative !== -1 && imports.slice(firstRelative).every(isRelative);
  const at = !grouped ? (imports.at(-1) ?? -1) + 1 : firstRelative === 0 ? imports[0]! : imports[firstRelative - 1]! + 1;
  lines.splice(at, 0, commonJs ? `const { ${name} } = require(${quoted});` : `import { ${name} } from ${quoted};`);
  return lines.join('\n');
}
