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

  describe('places a new import where the file keeps its package imports', () => {
    const runtimeImport = "import { tasks } from '@spawnguard/runtime';";
    const runtimeRequire = "const { tasks } = require('@spawnguard/runtime');";

    it('after the last package import and before the first relative one (ESM, TypeScript)', () => {
      const source = "import { EventEmitter } from 'eventemitter3';\nimport pTimeout from 'p-timeout';\nimport { type Queue } from './queue.js';\nimport PriorityQueue from './priority-queue.js';\n\nrun();\n";
      expect(addRuntime(source, ['tasks']).output).toBe(
        `import { EventEmitter } from 'eventemitter3';\nimport pTimeout from 'p-timeout';\n${runtimeImport}\nimport { type Queue } from './queue.js';\nimport PriorityQueue from './priority-queue.js';\n\nrun();\n`,
      );
    });

    it('among `node:` builtins, scoped packages and side-effect imports', () => {
      const source = "import 'dotenv/config';\nimport { once } from 'node:events';\nimport { z } from '@scope/zod';\nimport './polyfill.js';\nimport { a } from '../a.js';\n";
      expect(addRuntime(source, ['tasks'], '/p/src/file.mjs').output).toBe(
        `import 'dotenv/config';\nimport { once } from 'node:events';\nimport { z } from '@scope/zod';\n${runtimeImport}\nimport './polyfill.js';\nimport { a } from '../a.js';\n`,
      );
    });

    it('before the first import when every import is relative, below a header that opens the file', () => {
      const source = "/**\n * @license MIT\n */\nimport { a } from './a.js';\nimport { b } from './b.js';\n\nrun();\n";
      expect(addRuntime(source, ['tasks']).output).toBe(
        `/**\n * @license MIT\n */\n${runtimeImport}\nimport { a } from './a.js';\nimport { b } from './b.js';\n\nrun();\n`,
      );
    });

    it('above a directive comment that belongs to the first relative import', () => {
      const source = "run();\n".replace('run();\n', "// eslint-disable-next-line import-x/no-unassigned-import\nimport './setup.js';\nimport { a } from './a.js';\n");
      const withHeader = `// Copyright header\n\n${source}`;
      expect(addRuntime(withHeader, ['tasks']).output).toBe(
        `// Copyright header\n\n${runtimeImport}\n// eslint-disable-next-line import-x/no-unassigned-import\nimport './setup.js';\nimport { a } from './a.js';\n`,
      );
      expect(addRuntime(source, ['tasks']).output).toBe(`${runtimeImport}\n${source}`);
    });

    it('after the last import when the file mixes packages and relative modules (no order to follow)', () => {
      const source = "import { a } from './a.js';\nimport fs from 'node:fs';\n\nrun();\n";
      expect(addRuntime(source, ['tasks']).output).toBe(`import { a } from './a.js';\nimport fs from 'node:fs';\n${runtimeImport}\n\nrun();\n`);
    });

    it('in a CommonJS require block, after \'use strict\' and before the first relative require', () => {
      const source = "'use strict';\n\nconst fs = require('node:fs');\nconst debug = require('debug');\nconst utils = require('./utils');\n\nrun();\n";
      expect(addRuntime(source, ['tasks'], '/p/lib/file.cjs').output).toBe(
        `'use strict';\n\nconst fs = require('node:fs');\nconst debug = require('debug');\n${runtimeRequire}\nconst utils = require('./utils');\n\nrun();\n`,
      );
      const relativeOnly = "'use strict';\nconst utils = require('./utils');\nrun();\n";
      expect(addRuntime(relativeOnly, ['tasks'], '/p/lib/file.cjs').output).toBe(
        `'use strict';\n${runtimeRequire}\nconst utils = require('./utils');\nrun();\n`,
      );
    });
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
