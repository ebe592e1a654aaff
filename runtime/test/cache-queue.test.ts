import { describe, expect, it } from 'vitest';
import { cacheChild } from '../src/children/cache.js';
import { EventStream, QueueFullError, queueChild } from '../src/children/queue.js';
import { Supervisor } from '../src/supervisor.js';

describe('supervise.cache', () => {
  it('keeps the same object, emptied and refilled from the factory on restart and emptied on stop', async () => {
    const { spec, cache } = cacheChild('prompts', () => new Map([['seed', 1]]));
    const supervisor = new Supervisor({ children: [spec] });
    cache.set('before-start', 2);
    await supervisor.start();
    expect([...cache.keys()]).toEqual(['seed', 'before-start']);
    await supervisor.terminateChild('prompts');
    expect(cache.size).toBe(0);
    await supervisor.restartChild('prompts');
    expect([...cache.entries()]).toEqual([['seed', 1]]);
    expect(cache).toBeInstanceOf(Map);
    await supervisor.stop();
  });

  it('resets Sets, arrays and plain objects the same way', async () => {
    const set = cacheChild('set', () => new Set(['a']));
    const list = cacheChild('list', () => [1, 2]);
    const record = cacheChild('record', (): Record<string, number> => ({ x: 1 }));
    const supervisor = new Supervisor({ children: [set.spec, list.spec, record.spec] });
    await supervisor.start();
    set.cache.add('b');
    list.cache.push(3);
    record.cache.y = 2;
    for (const id of ['set', 'list', 'record']) {
      await supervisor.terminateChild(id);
      await supervisor.restartChild(id);
    }
    expect([...set.cache]).toEqual(['a']);
    expect(list.cache).toEqual([1, 2]);
    expect(record.cache).toEqual({ x: 1 });
    await supervisor.stop();
    expect([set.cache.size, list.cache.length, Object.keys(record.cache).length]).toEqual([0, 0, 0]);
  });

  it('refuses what it cannot reset', () => {
    expect(() => cacheChild('weak', () => new WeakMap())).toThrow(TypeError);
    expect(() => cacheChild('date', () => new Date())).toThrow(TypeError);
  });
});

describe('supervise.queue', () => {
  async function fill(stream: EventStream<number>, count: number): Promise<{ maxSize: number; accepted: number; threw: number }> {
    let maxSize = 0;
    let accepted = 0;
    let threw = 0;
    for (let i = 0; i < count; i++) {
      try {
        if (stream.push(i)) accepted += 1;
      } catch (error) {
        expect(error).toBeInstanceOf(QueueFullError);
        threw += 1;
      }
      maxSize = Math.max(maxSize, stream.size);
    }
    return { maxSize, accepted, threw };
  }

  async function drain(stream: EventStream<number>): Promise<number[]> {
    const items: number[] = [];
    while (stream.size > 0) {
      const next = await stream.next();
      if (!next.done) items.push(next.value);
    }
    return items;
  }

  it('drop_oldest never exceeds max and keeps the newest items', async () => {
    const stream = new EventStream<number>('events', { max: 3, drop: 'drop_oldest' });
    const { maxSize, accepted } = await fill(stream, 10);
    expect(maxSize).toBe(3);
    expect(accepted).toBe(10);
    expect(stream.dropped).toBe(7);
    expect(await drain(stream)).toEqual([7, 8, 9]);
  });

  it('drop_newest never exceeds max and refuses new items when full', async () => {
    const stream = new EventStream<number>('events', { max: 3, drop: 'drop_newest' });
    const { maxSize, accepted } = await fill(stream, 10);
    expect(maxSize).toBe(3);
    expect(accepted).toBe(3);
    expect(stream.dropped).toBe(7);
    expect(await drain(stream)).toEqual([0, 1, 2]);
  });

  it('error never exceeds max and throws QueueFullError when full', async () => {
    const stream = new EventStream<number>('events', { max: 3, drop: 'error' });
    const { maxSize, threw } = await fill(stream, 10);
    expect(maxSize).toBe(3);
    expect(threw).toBe(7);
    expect(await drain(stream)).toEqual([0, 1, 2]);
  });

  it('serves demand: a waiting consumer gets items directly, for-await ends on cancel', async () => {
    const stream = new EventStream<string>('jobs', { max: 2 });
    const received: string[] = [];
    const consumer = (async () => {
      for await (const item of stream) received.push(item);
    })();
    await null;
    for (const item of ['a', 'b', 'c', 'd']) {
      stream.push(item);
      await new Promise((resolve) => setImmediate(resolve));
    }
    stream.cancel();
    await consumer;
    expect(received).toEqual(['a', 'b', 'c', 'd']);
    expect(stream.push('late')).toBe(false);
  });

  it('as a child: a restart empties and reopens it, a stop ends it', async () => {
    const { spec, queue } = queueChild<number>('q', { max: 5 });
    const supervisor = new Supervisor({ children: [spec] });
    await supervisor.start();
    queue.push(1);
    await supervisor.terminateChild('q');
    expect(queue.closed).toBe(true);
    expect(queue.size).toBe(0);
    await supervisor.restartChild('q');
    expect(queue.push(2)).toBe(true);
    expect(queue.size).toBe(1);
    await supervisor.stop();
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('rejects a max that is not a positive integer', () => {
    expect(() => new EventStream('bad', { max: 0 })).toThrow(RangeError);
  });
});
