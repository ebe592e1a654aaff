/**
 * `supervise.cache(id, () => new Map())`: module-level state given an owner.
 *
 * The choice: the caller gets ONE object for the cache's whole life, the very object the factory
 * first returned, so it is a real Map / Set / array / object (`instanceof`, methods, JSON and speed
 * all unchanged, no Proxy). Its contents follow the owner's lifecycle instead:
 * - first start: the object is used as it is (entries added before the start are kept);
 * - restart (the owner, or a sibling under one_for_all / rest_for_one, crashed): the object is
 *   emptied, then refilled from a fresh factory call, so a registry whose factory registers its
 *   entries has them again, and everything added at run time is gone;
 * - stop: the object is emptied, releasing what it held.
 * Map, Set and arrays are emptied and refilled through their own methods; a plain object loses its
 * own enumerable keys and gets the fresh object's. Any other object must have a `clear()` method,
 * which is called; its factory is then called only once (its state cannot be copied generically).
 *
 * The returned object gets a non-enumerable `stop()` (unless it already has a `stop`), so it is
 * also the handle; `Object.keys`, `JSON.stringify` and iteration do not see it.
 *
 * @module children/cache
 */

import type { ChildSpec, RestartType } from '../types.js';
import { inMemoryChildSpec } from './in-memory.js';

export interface CacheOptions {
  restart?: RestartType;
}

type Clearable = { clear(): void };

function hasClear(value: object): value is Clearable {
  return typeof (value as Partial<Clearable>).clear === 'function';
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function empty(target: object): void {
  if (target instanceof Map || target instanceof Set) target.clear();
  else if (Array.isArray(target)) target.length = 0;
  else if (isPlainObject(target)) {
    for (const key of Reflect.ownKeys(target)) {
      if (Object.prototype.propertyIsEnumerable.call(target, key)) delete (target as Record<PropertyKey, unknown>)[key];
    }
  } else (target as Clearable).clear();
}

/** Whether a fresh factory result can be copied into the cache object. */
function refillable(target: object): boolean {
  return target instanceof Map || target instanceof Set || Array.isArray(target) || isPlainObject(target);
}

function refill(target: object, fresh: object): void {
  if (target instanceof Map && fresh instanceof Map) fresh.forEach((value, key) => target.set(key, value));
  else if (target instanceof Set && fresh instanceof Set) fresh.forEach((value) => target.add(value));
  else if (Array.isArray(target) && Array.isArray(fresh)) target.push(...(fresh as unknown[]));
  else Object.assign(target, fresh);
}

export function cacheChild<T extends object>(
  id: string,
  create: () => T,
  options: CacheOptions = {},
): { spec: ChildSpec; cache: T } {
  const cache = create();
  if (typeof cache !== 'object' || cache === null) {
    throw new TypeError(`cache '${id}': the factory must return an object (Map, Set, array, plain object or one with clear())`);
  }
  if (cache instanceof WeakMap || cache instanceof WeakSet || !(refillable(cache) || hasClear(cache))) {
    throw new TypeError(`cache '${id}': cannot reset a ${cache.constructor?.name ?? 'object'}; use a Map, Set, array, plain object or an object with clear()`);
  }
  const spec = inMemoryChildSpec(id, options.restart, {
    resetForRestart() {
      empty(cache);
      if (refillable(cache)) refill(cache, create());
    },
    stop: () => empty(cache),
  });
  return { spec, cache };
}
