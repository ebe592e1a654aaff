import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { componentIds } from '../../src/fix/component-ids.js';
import { importSyntaxOf } from '../../src/detect/runtime-import.js';
import { addRuntimeImport, runtimeImports } from '../../src/fix/runtime-import.js';

const j = jscodeshift.withParser('tsx');

function addRuntime(source: string, names: string[], filePath = '/project/src/file.ts', specifier?: string) {
  const root = j(source);
  const imports = runtimeImports(j, root, specifier);
  const locals = names.map((name) => imports.local(name));
  const output = addRuntimeImport(root.toSource({ quote: 'single' }), { filePath, missing: imports.missing, specifier, quote: 'single' });
  return { output, locals };
}

describe('runtime import', () => {
  it('adds one import after the existing ones, names sorted, keeping everything else byte for byte', () => {
    const source = "import { a } from 'alpha';\nimport { z } from 'zeta';\n\nrun();\n";
    expect(addRuntime(source, ['tasks', 'report', 'tasks']).output).toBe(
      "import { a } from 'alpha';\nimport { z } from 'zeta';\nimport { report, tasks } from '@spawnguard/runtime';\n\nrun();\n",
    );
  });

  it('merges into an existing runtime import instead of adding a second', () => {
    const source = "import { tasks } from '@spawnguard/runtime';\nimport x from 'x';\n";
    const { output, locals } = addRuntime(source, ['tasks', 'supervise']);
    expect(output).toBe("import { supervise, tasks } from '@spawnguard/runtime';\nimport x from 'x';\n");
    expect(locals).toEqual(['tasks', 'supervise']);
  });

  it('reuses an existing alias and aliases a name the file already uses', () => {
    const source = "import { tasks as work } from '@spawnguard/runtime';\nconst report = 1;\n";
    const { output, locals } = addRuntime(source, ['tasks', 'report']);
    expect(locals).toEqual(['work', 'spawnguardReport']);
    expect(output).toContain("import { report as spawnguardReport, tasks as work } from '@spawnguard/runtime';");
  });

  it('adds after the imports when the runtime sorts last', () => {
    expect(addRuntime("import { a } from '#alias';\n\nrun();\n", ['tasks']).output).toBe(
      "import { a } from '#alias';\nimport { tasks } from '@spawnguard/runtime';\n\nrun();\n",
    );
  });

  it('keeps a leading file comment at the top when the file has no import', () => {
    const source = '// Copyright header\n\nrun();\n';
    expect(addRuntime(source, ['tasks']).output).toBe(
      "// Copyright header\n\nimport { tasks } from '@spawnguard/runtime';\nrun();\n",
    );
  });

  it('uses require in CommonJS files and merges with an existing destructured require', () => {
    expect(addRuntime("const fs = require('fs');\nrun();\n", ['tasks'], '/p/file.cjs').output).toBe(
      "const fs = require('fs');\nconst { tasks } = require('@spawnguard/runtime');\nrun();\n",
    );
    expect(
      addRuntime("const { report } = require('@spawnguard/runtime');\n", ['tasks'], '/p/file.js').output,
    ).toBe("const { report, tasks } = require('@spawnguard/runtime');\n");
  });

  it('honours another specifier', () => {
    expect(addRuntime('run();\n', ['tasks'], '/p/a.ts', '#runtime').output).toBe("import { tasks } from '#runtime';\nrun();\n");
  });

  it('decides require or import from extension, syntax, then package type; TypeScript always imports', () => {
    const program = (source: string) => j(source).find(j.Program).get().node;
    expect(importSyntaxOf(program('run()'), '/p/a.cjs')).toBe('require');
    expect(importSyntaxOf(program('run()'), '/p/a.mjs')).toBe('import');
    expect(importSyntaxOf(program("import a from 'a'"), '/p/a.js')).toBe('import');
    expect(importSyntaxOf(program("const a = require('a')"), '/p/a.js')).toBe('require');
    expect(importSyntaxOf(program('run()'), '/p/a.ts')).toBe('import');
    // In TypeScript a `require` is typed `any`: even a CommonJS-style .cts or .ts file gets an import.
    expect(importSyntaxOf(program("const a = require('a')"), '/p/a.cts')).toBe('import');
    expect(importSyntaxOf(program("const a = require('a')"), '/p/a.ts')).toBe('import');
  });
});

describe('component ids', () => {
  it('keeps ids unique within the module, counting the ids already in the file', () => {
    const root = j("supervise.interval('flush.tick', tick, 10);\n");
    const ids = componentIds(j, root);
    expect(ids.claim('flush.tick')).toBe('flush.tick-2');
    expect(ids.claim('flush.tick')).toBe('flush.tick-3');
    expect(ids.claim('flush.cache')).toBe('flush.cache');
  });
});
