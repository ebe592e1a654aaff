import type { Clock } from './restart-intensity.js';
import { monotonicClock } from './restart-intensity.js';
import { SupervisorCore, defaultName } from './supervisor.js';

/** What {@link DynamicSupervisor} takes; its documentation is the specification. */
export interface DynamicSupervisorOptions {
  name?: string;
  maxChildren?: number;
  maxRestarts?: number;
  maxSeconds?: number;
  /** Milliseconds clock for the intensity window (monotonic by default); tests inject one. */
  clock?: Clock;
}

/**
 * A supervisor whose children are added at run time (Elixir's DynamicSupervisor), on the same
 * state machine as {@link Supervisor}: strategy `one_for_one`, the same restart types, shutdown
 * values and restart intensity (escalation rejects `done`), serialized operations.
 *
 * It differs in what it remembers: it starts empty (also when its parent restarts it), and a child
 * that ends without being restarted, or is terminated with `terminateChild`, is forgotten, so its id
 * can be used again. `startChild` rejects once `maxChildren` children are present (default: no
 * limit).
 */
export class DynamicSupervisor extends SupervisorCore {
  constructor(options: DynamicSupervisorOptions = {}) {
    const maxChildren = options.maxChildren ?? Number.POSITIVE_INFINITY;
    if (!(maxChildren >= 0)) throw new RangeError(`maxChildren must be non-negative, got ${maxChildren}`);
    super({
      name: options.name ?? defaultName('dynamic-supervisor'),
      strategy: 'one_for_one',
      maxRestarts: options.maxRestarts ?? 3,
      maxSeconds: options.maxSeconds ?? 5,
      clock: options.clock ?? monotonicClock,
      children: [],
      maxChildren,
      forgetsEndedChildren: true,
      autoShutdown: 'never',
    });
  }
}
