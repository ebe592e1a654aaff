import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isDemoFile, isDevelopmentTooling, isEntryFile } from '../../src/detect/entry-files.js';
import { forgetManifests } from '../../src/detect/nearest-manifest.js';

// entry-files' folder checks read a file's folders inside its repository (the outermost package.json).
// They keep the last file's folders while its repository root stands: an editor's ESLint server sees a
// package.json created above the project once the manifests' window has passed. The clock is faked.

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'spawnguard-entry-folders-'));
  vi.useFakeTimers({ toFake: ['Date'] });
  forgetManifests();
});

afterEach(() => {
  vi.useRealTimers();
  rmSync(root, { recursive: true, force: true });
});

describe('the folders of a file inside its repository', () => {
  it('are read again when the repository root moves, asked for the same file', () => {
    mkdirSync(join(root, 'scripts', 'release'), { recursive: true });
    writeFileSync(join(root, 'scripts', 'package.json'), '{}');
    const file = join(root, 'scripts', 'release', 'publish.js');
    // The repository is scripts/: the file sits in release/, no tooling folder.
    expect(isDevelopmentTooling(file)).toBe(false);
    expect(isDevelopmentTooling(file)).toBe(false);

    writeFileSync(join(root, 'package.json'), '{}');
    vi.setSystemTime(Date.now() + 1_000);
    // The repository is the folder above: the file sits in scripts/release/.
    expect(isDevelopmentTooling(file)).toBe(true);
    expect(isDevelopmentTooling(join(root, 'scripts', 'release', 'other.js'))).toBe(true);
    expect(isDevelopmentTooling(file)).toBe(true);
  });
});

describe('a program its package.json runs', () => {
  it('is read off the package.json as it stands: a script added or removed is seen once the window has passed', () => {
    mkdirSync(join(root, 'src', 'jobs'), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ scripts: { reset: 'node src/jobs/reset-password.js --force' } }));
    // `node src/jobs/reset-password.js` runs the compiled src/jobs/reset-password.ts.
    expect(isEntryFile(join(root, 'src', 'jobs', 'reset-password.ts'))).toBe(true);
    expect(isEntryFile(join(root, 'src', 'jobs', 'seed.ts'))).toBe(false);

    writeFileSync(join(root, 'package.json'), JSON.stringify({ scripts: { seed: 'ts-node src/jobs/seed' } }));
    vi.setSystemTime(Date.now() + 1_000);
    expect(isEntryFile(join(root, 'src', 'jobs', 'seed.ts'))).toBe(true);
    expect(isEntryFile(join(root, 'src', 'jobs', 'reset-password.ts'))).toBe(false);
  });
});

describe('a development playground', () => {
  it('is a dev/ folder at the top of the repository only: src/dev/ is the application', () => {
    mkdirSync(join(root, 'dev'), { recursive: true });
    mkdirSync(join(root, 'src', 'dev'), { recursive: true });
    writeFileSync(join(root, 'package.json'), '{}');
    expect(isDemoFile(join(root, 'dev', 'cache.js'))).toBe(true);
    expect(isEntryFile(join(root, 'dev', 'cache.js'))).toBe(true);
    expect(isDemoFile(join(root, 'src', 'dev', 'overlay.js'))).toBe(false);
    expect(isEntryFile(join(root, 'src', 'dev', 'overlay.js'))).toBe(false);
  });
});
