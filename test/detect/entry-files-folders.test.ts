import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isDevelopmentTooling } from '../../src/detect/entry-files.js';
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
