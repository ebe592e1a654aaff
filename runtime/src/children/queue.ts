/**
 * `supervise.queue(id, { max, drop })`: a bounded EventStream (Elixir's GenStage demand, in
 * async-iterator terms).
 *
 * - Never holds more than `max` items. When full, `push` applies the drop strategy:
 *   `drop_oldest` evicts the oldest buffered item and accepts the new one (push returns true),
 *   `drop_newest` refuses the new item (push returns false), `error` throws a {@link QueueFullError}.
 *   Every dropped item is counted in `dropped`.
 * - Demand: consumers pull with `for await` (or `next()`); a consumer already waiting receives a
 *   pushed item directly, without buffering. Several consumers share the items, each item goes to one.
 * - `cancel()` ends the stream: buffered items are released, waiting consumers finish, later pushes
 *   return false. As a child: a stop cancels it; a restart of its owner empties it and reopens it,
 *   and consumers waiting in `for await` keep waiting (for the items pushed after the restart)
 *   instead of ending.
 *
 * @module children/queue
 */

import type { ChildSpec, RestartType } from '../types.js';
import { inMemoryChildSpec } from './in-memory.js';

export type DropStrategy = 'drop_oldest' | 'drop_newest' | 'error';

export interface QueueOptions {
  /** The most items ever buffered (an integer >= 1). */
  max: number;
  /** What a push into a full queue does (default 'drop_newest'). */
  drop?: DropStrategy;
  restart?: RestartType;
}

export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
  constructor(
    readonly queue: string,
    readonly max: number,
  ) {
    super(`queue '${queue}' is full (max ${max})`);
  }
}

type Waiter<T> = (result: IteratorResult<T>) => void;

export class EventStream<T> implements AsyncIterable<T> {
  readonly max: number;
  readonly drop: DropStrategy;
  /** Items dropped by the drop strategy since the stream was created. */
  dropped = 0;
  /** A ring buffer: `count` items starting at `head`, so both ends are O(1). */
  #ring: (T | undefined)[];
  #head = 0;
  #count = 0;
  #waiters: Waiter<T>[] = [];
  /** open: takes pushes; suspended: its owner is restarting (pushes refused, consumers wait); closed: ended. */
  #state: 'open' | 'suspended' | 'closed' = 'open';

  constructor(
    readonly id: string,
    options: QueueOptions,
  ) {
    if (!Number.isInteger(options.max) || options.max < 1) {
      throw new RangeError(`queue '${id}': max must be an integer >= 1, got ${options.max}`);
    }
    this.max = options.max;
    this.drop = options.drop ?? 'drop_newest';
    this.#ring = new Array<T | undefined>(options.max);
  }

  /** Items buffered now (never more than `max`). */
  get size(): number {
    return this.#count;
  }

  get closed(): boolean {
    return this.#state !== 'open';
  }

  /** Offers an item; returns whether it was accepted (see the drop strategies above). */
  push(item: T): boolean {
    if (this.#state !== 'open') return false;
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) {
      waiter({ value: item, done: false });
      return true;
    }
    if (this.#count === this.max) {
      if (this.drop === 'error') {
        this.dropped += 1;
        throw new QueueFullError(this.id, this.max);
      }
      this.dropped += 1;
      if (this.drop === 'drop_newest') return false;
      this.#take(); // drop_oldest
    }
    this.#ring[(this.#head + this.#count) % this.max] = item;
    this.#count += 1;
    return true;
  }

  /** The next item, waiting for one if the buffer is empty; `done` once the stream is cancelled. */
  next(): Promise<IteratorResult<T>> {
    if (this.#count > 0) return Promise.resolve({ value: this.#take(), done: false });
    if (this.#state === 'closed') return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.next(),
      // Leaving a for-await loop ends that consumer, not the stream others may be reading.
      return: async () => ({ value: undefined, done: true }),
    };
  }

  /** Ends the stream and releases what it buffered. */
  cancel(): void {
    this.#state = 'closed';
    this.#clear();
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter({ value: undefined, done: true });
  }

  /** @internal Its owner is being restarted: drop what it buffered, keep its consumers waiting. */
  suspend(): void {
    if (this.#state === 'closed') return;
    this.#state = 'suspended';
    this.#clear();
  }

  /** @internal A restarted owner gets an empty, open stream. */
  reopen(): void {
    this.#clear();
    this.#state = 'open';
  }

  #take(): T {
    const item = this.#ring[this.#head] as T;
    this.#ring[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.max;
    this.#count -= 1;
    return item;
  }

  #clear(): void {
    this.#ring.fill(undefined);
    this.#head = 0;
    this.#count = 0;
  }
}

export function queueChild<T>(id: string, options: QueueOptions): { spec: ChildSpec; queue: EventStream<T> } {
  const queue = new EventStream<T>(id, options);
  const spec = inMemoryChildSpec(id, options.restart, {
    resetForRestart: () => queue.reopen(),
    // A stop for a restart (the supervisor's reason 'restart') must not end the consumers.
    stop: (reason) => (reason === 'restart' ? queue.suspend() : queue.cancel()),
  });
  return { spec, queue };
}
