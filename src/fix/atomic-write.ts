import { chmodSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's content all at once: the text goes to a temporary file beside it (same folder, so
 * the same file system), which takes the original's mode and is then renamed over it. A full disk or
 * a file-size limit fails the write of the temporary file, and the original stays as it was.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.spawnguard-${process.pid}-${Date.now()}.tmp`);
  try {
    const { mode } = statSync(path);
    writeFileSync(temporary, text, { mode });
    // The umask may have narrowed the mode given at creation.
    chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
