import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The TypeScript errors of one module, checked strictly as a project would check its own code, with
 * `@spawnguard/runtime` resolved to the runtime's sources: what a rewrite must not introduce.
 */
export function typeErrorsOf(source: string, fileName = 'module.ts'): string[] {
  const path = join(repoRoot, '.type-check', fileName);
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: ['node'],
    typeRoots: [join(repoRoot, 'node_modules/@types')],
    baseUrl: repoRoot,
    paths: { '@spawnguard/runtime': ['runtime/src/index.ts'] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (name === path ? source : readFile(name));
  host.fileExists = (name) => name === path || fileExists(name);
  host.getSourceFile = (name, version, onError, create) =>
    name === path ? ts.createSourceFile(name, source, version, true) : getSourceFile(name, version, onError, create);
  host.getCurrentDirectory = () => dirname(path);
  const program = ts.createProgram([path], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file?.fileName === path)
    .map((diagnostic) => `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
}
