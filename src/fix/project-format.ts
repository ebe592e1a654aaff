import { dirname } from 'node:path';
import { installedCli, runInstalledCli } from '../audit/installed-cli.js';

/**
 * The rewrites follow a file's quotes and semicolons, but not the line breaks and spacing a formatter
 * decides (bracket spacing, wrapping at the print width, trailing commas): a project that checks its
 * formatting would fail on every rewritten file. So a file that the project's own prettier leaves
 * unchanged before the fix is formatted with it after, through its CLI (so its config, its
 * `.prettierignore` and its plugins apply exactly as in the project's own check); any other file is
 * left as the rewrite wrote it (formatting it would change lines the fix did not touch).
 */
export function formatLikeTheProject(path: string, before: string, after: string): string {
  const prettier = prettierCliFor(path);
  if (prettier === undefined) return after;
  const format = (text: string) => {
    const run = runInstalledCli(prettier, ['--stdin-filepath', path], { cwd: dirname(path), input: text });
    return run.status === 0 ? run.stdout : undefined;
  };
  if (format(before) !== before) return after;
  return format(after) ?? after;
}

/**
 * The CLI of the prettier the file's package resolves, if any. Not cached: it is looked up once per
 * rewritten file, next to two prettier runs that cost far more.
 */
function prettierCliFor(path: string): string | undefined {
  return installedCli('prettier', 'prettier', path);
}
