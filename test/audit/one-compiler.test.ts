import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/audit/project.js';
import { tempProject } from './temp-project.js';

// Its own test file (so its own process): nothing may load ts-morph before the audit does.
const require = createRequire(import.meta.url);

describe('the compiler a type-aware audit runs', () => {
  it('is one module: ts-morph builds the program with the typescript package typescript-eslint reads it with', () => {
    const root = tempProject({ 'tsconfig.json': '{ "compilerOptions": { "strict": true, "noEmit": true } }\n', 'src/a.ts': 'export const a: number = 1;\n' });
    const project = loadProject({ cwd: root, paths: [], includeTests: false, typeInfo: true });
    const typescript = require('typescript') as typeof import('typescript');
    const tsMorph = require('ts-morph') as typeof import('ts-morph');
    // ts-morph re-exports the compiler through a namespace copy: the functions are what must be shared.
    expect(tsMorph.ts.createProgram).toBe(typescript.createProgram);
    expect(tsMorph.ts.SyntaxKind).toBe(typescript.SyntaxKind);
    // The program answers type questions asked with the typescript package's own node kinds.
    const source = project.program!.getSourceFiles().find((file) => file.fileName.endsWith('/src/a.ts'))!;
    const statement = source.statements[0]!;
    expect(typescript.isVariableStatement(statement)).toBe(true);
    const declaration = (statement as import('typescript').VariableStatement).declarationList.declarations[0]!;
    const checker = project.program!.getTypeChecker();
    expect(checker.typeToString(checker.getTypeAtLocation(declaration.name))).toBe('number');
  });
});
