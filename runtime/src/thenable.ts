/**
 * The promise a task's or a tick's result settles through, or undefined when the result is not a
 * thenable (the work finished synchronously). Reading `then` runs user code (a getter) that may
 * throw: that becomes a rejection of the settlement, as `Promise.resolve` would make it, instead of
 * an exception escaping into the caller of `tasks.start` or an interval's timer.
 */
export function settlementOf(value: unknown): Promise<unknown> | undefined {
  if (value instanceof Promise) return value;
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  let then: unknown;
  try {
    then = (value as { then?: unknown }).then;
  } catch (error) {
    return Promise.reject(error);
  }
  if (typeof then !== 'function') return undefined;
  return new Promise((resolve, reject) => {
    (then as (onFulfilled: (value: unknown) => void, onRejected: (reason: unknown) => void) => void).call(value, resolve, reject);
  });
}
