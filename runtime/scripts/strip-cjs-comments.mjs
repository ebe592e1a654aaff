// The CommonJS build (dist/cjs) without its comments: they are about 40% of its gzipped size (the
// package's 40 KB budget, runtime/test/packaging.test.ts), and the same text already ships in the ES
// module build and in both builds' .d.ts files, where editors show it. Each comment gives way to the
// line breaks it held, so every line keeps its number and the source maps (and a stack trace read
// through them) stay exact. The code is tsc's, untouched: still readable in a stack trace without maps.
// Build time only: `typescript` is the compiler the build already runs. Idempotent.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCE_MAP_LINK = '//# sourceMappingURL=';

function javaScriptFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? javaScriptFiles(join(dir, entry.name)) : entry.name.endsWith('.js') ? [join(dir, entry.name)] : [],
  );
}

/** Every comment of a JavaScript text, as the parser sees it (never a `//` inside a string, template or regular expression). */
function commentRanges(text) {
  const file = ts.createSourceFile('file.js', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const ranges = new Map();
  const add = (found) => {
    for (const range of found ?? []) ranges.set(range.pos, range);
  };
  const visit = (node) => {
    add(ts.getLeadingCommentRanges(text, node.pos));
    add(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(file);
  add(ts.getLeadingCommentRanges(text, file.endOfFileToken.pos));
  return [...ranges.values()].sort((a, b) => a.pos - b.pos);
}

export function withoutComments(text) {
  let result = '';
  let at = 0;
  for (const range of commentRanges(text)) {
    const comment = text.slice(range.pos, range.end);
    if (comment.startsWith(SOURCE_MAP_LINK)) continue;
    result += text.slice(at, range.pos) + comment.replace(/[^\n]/g, '');
    at = range.end;
  }
  return (result + text.slice(at)).replace(/[ \t]+$/gm, '');
}

const cjsDir = fileURLToPath(new URL('../dist/cjs/', import.meta.url));
for (const file of javaScriptFiles(cjsDir)) {
  const text = readFileSync(file, 'utf8');
  const stripped = withoutComments(text);
  if (stripped !== text) writeFileSync(file, stripped);
}
