// One thread of `fix --concurrency`: rewrites the batches of files fix-threads.ts sends, as the main
// thread would (fixSource, syntactic), and posts each rewrite back without its ESTree nodes (the
// driver reads none of them, and they would be copied with their whole tree).
import { parentPort, workerData } from 'node:worker_threads';
import type { FixOutcome, FixThreadSettings } from './fix-threads.js';
import { fixSource } from './transform.js';

function serve(settings: FixThreadSettings): void {
  parentPort!.on('message', (batch: [string, string][]) => {
    parentPort!.postMessage(
      batch.map(([path, source]): [string, FixOutcome] => {
        try {
          const fixed = fixSource(source, path, undefined, { rules: settings.rules, config: settings.config, runtimeImport: settings.runtimeImport, root: settings.root });
          return [path, { ok: true, fixed: { ...fixed, remaining: fixed.remaining.map((finding) => ({ ...finding, node: undefined })) } }];
        } catch (error) {
          return [path, { ok: false, message: (error as Error).message }];
        }
      }),
    );
  });
}

serve(workerData as FixThreadSettings);
