/**
 * The child spec shared by the children whose whole state is one in-memory object the caller
 * already holds (`supervise.cache`, `supervise.queue`): the first start uses the object as it was
 * created, every later start is a restart and resets it first. Its stop is synchronous, so the
 * supervisor need not wait for it (`brutal_kill`).
 *
 * @module children/in-memory
 */
import type { ChildInstance, ChildSpec, RestartType } from '../types.js';

export function inMemoryChildSpec(
  id: string,
  restart: RestartType | undefined,
  lifecycle: { resetForRestart(): void; stop: NonNullable<ChildInstance['stop']> },
): ChildSpec {
  let pristine = true;
  return {
    id,
    restart: restart ?? 'permanent',
    shutdown: 'brutal_kill',
    start() {
      if (!pristine) lifecycle.resetForRestart();
      pristine = false;
      return { stop: lifecycle.stop };
    },
  };
}
