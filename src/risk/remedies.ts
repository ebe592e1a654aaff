import type { RuleId } from '../catalogue/rules.js';
import type { CallContext } from './types.js';

/**
 * One line per rule saying what to do, naming the runtime call that fixes it; a context gets its own
 * line where the right fix differs there. The lines stay generic (`id`, `name`): the rule's own message
 * and suggestion name the concrete child id and component, and the audit shows the suggestion's line
 * instead of this one when the finding has one, so the two can never disagree.
 */
export type RemedyLines = { default: string } & Partial<Record<CallContext, string>>;

export const REMEDIES: Readonly<Record<RuleId, RemedyLines>> = {
  'no-floating-promise': {
    default: 'Await it, or run it as a supervised task: tasks.start(() => call()) (failures reported, cancelled on shutdown).',
    request: "Don't fire and forget per request: tasks.start((signal) => call(signal)) so a failure is reported, not a crash.",
  },
  'no-detached-async-callback': {
    default: 'Wrap the callback so each call is a supervised task: tasks.callback(async (...args) => { ... }).',
  },
  'no-stray-timer': {
    default: "Own the timer: supervise.interval(id, fn, ms) (no overlapping ticks, errors reported, cleared on stop).",
    request: "Don't start a timer per request: start it once with supervise.interval(id, fn, ms), or clear it when the request ends.",
  },
  'no-orphan-worker': {
    default: "Supervise it: supervise.worker(id, () => new Worker(...)) or supervise.process(id, () => spawn(...)).",
    request: 'Run per-request jobs on a supervised pool (supervise.worker at start-up) instead of spawning one per request.',
  },
  'no-unowned-state': {
    default: "Tie the state to a lifecycle: supervise.cache(id, () => new Map()) (reset on restart, released on stop).",
  },
  'no-swallowed-error': {
    default: "Report the error instead of dropping it: .catch(report(name)), named after the component.",
  },
  'require-cancellation': {
    default: 'Give it a deadline: pass { signal: AbortSignal.timeout(ms) }, or run it in tasks.start((signal) => ...) and pass signal.',
    request: 'Pass a signal so a stuck call cannot hold the request: tasks.start((signal) => fetch(url, { signal })).',
  },
  'no-unbounded-buffer': {
    default: "Respect backpressure: if (!stream.write(x)) await once(stream, 'drain'); or use supervise.queue(id, { max, drop }).",
  },
};

export function remedyFor(ruleId: RuleId, context: CallContext): string {
  const lines = REMEDIES[ruleId];
  return lines[context] ?? lines.default;
}
