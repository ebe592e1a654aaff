import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { nearestManifest } from '../detect/nearest-manifest.js';
import { packageJson } from '../package-info.js';
import { writeFileAtomic } from './atomic-write.js';
import { packageNameOf } from '../ast/module-specifiers.js';

/**
 * After a fix the rewritten files import `@spawnguard/runtime`: their package must declare it, or
 * the next build, test or type-aware audit fails to resolve it. For each package (the nearest
 * package.json of a fixed file) that does not, the dependency is written into its package.json, or,
 * with --no-install, the exact command for the package manager in use is given instead.
 */
export type PackageManager = 'npm' | 'pnpm' | 'yarn';

export interface DependencyWiring {
  /** package.json path, relative to the fix's root. */
  manifest: string;
  packageManager: PackageManager;
  /** What to run in the package's folder (after declaring: to update the lockfile). */
  command: string;
  /** Whether package.json was changed by the fix. */
  declared: boolean;
}

/** From the lockfile nearest to the package (a workspace's lockfile sits at its root). */
export function packageManagerOf(packageDir: string): PackageManager {
  for (let dir = packageDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-lock.yaml'))) return 'pnpm';
    if (existsSync(join(dir, 'yarn.lock'))) return 'yarn';
    if (existsSync(join(dir, 'package-lock.json')) || existsSync(join(dir, 'npm-shrinkwrap.json'))) return 'npm';
    if (dirname(dir) === dir) return 'npm';
  }
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

export function wireDependency(options: {
  root: string;
  /** Absolute paths of the files the fix changed and that import the runtime. */
  files: readonly string[];
  specifier: string;
  install: boolean;
}): DependencyWiring[] {
  const name = packageNameOf(options.specifier);
  if (!name) return [];
  const range = `^${packageJson.version}`;
  const manifests = new Set(options.files.map((file) => nearestManifest(file)?.path).filter((manifest): manifest is string => manifest !== undefined));
  const wirings: DependencyWiring[] = [];
  for (const manifest of manifests) {
    const text = readFileSync(manifest, 'utf8');
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (json['name'] === name) continue;
    if (DEPENDENCY_FIELDS.some((field) => typeof json[field] === 'object' && json[field] !== null && name in (json[field] as object))) continue;
    const packageManager = packageManagerOf(dirname(manifest));
    const add = packageManager === 'npm' ? `npm install ${name}@${range}` : `${packageManager} add ${name}@${range}`;
    let declared = false;
    if (options.install) {
      const dependencies = { ...((json['dependencies'] as Record<string, string> | undefined) ?? {}), [name]: range };
      json['dependencies'] = Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
      writeFileAtomic(manifest, `${JSON.stringify(json, null, indent)}${text.endsWith('\n') ? '\n' : ''}`);
      declared = true;
    }
    wirings.push({
      manifest: relative(options.root, manifest) || 'package.json',
      packageManager,
      command: declared ? `${packageManager} install` : add,
      declared,
    });
  }
  return wirings;
}
