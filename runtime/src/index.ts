/**
 * @spawnguard/runtime: a small, dependency-free OTP-style supervision runtime for Node.js.
 * Importing it starts nothing and loads only `node:*` modules.
 */
export { Supervisor } from './supervisor.js';
export { DynamicSupervisor } from './dynamic-supervisor.js';
export { TaskSupervisor } from './task-supervisor.js';
export { Application } from './application.js';
export { root, tasks, supervise, handleSignals } from './root.js';
export { ShutdownExit, isShutdownExit } from './exit.js';
export { report, channels } from './telemetry.js';
export { breaker, Breaker, BreakerBlownError } from './breaker.js';
export { rateLimit, MemoryRateLimitStore, defaultRateLimitStore } from './rate-limit.js';
export { Registry } from './registry.js';
export { chaos, ChaosError } from './chaos.js';

export type { SupervisorOptions, ChildCounts, AutoShutdown } from './supervisor.js';
export type { DynamicSupervisorOptions } from './dynamic-supervisor.js';
export type { TaskOptions, TaskSupervisorOptions, TaskFn } from './task-supervisor.js';
export type { Task } from './task.js';
export type { BreakerOptions, BreakerState } from './breaker.js';
export type { RateLimitOptions, RateLimitDecision, RateLimitStore, MemoryRateLimitStoreOptions } from './rate-limit.js';
export type { ChaosKind, ChaosOptions, ChaosSummary } from './chaos.js';
export type {
  ApplicationOptions,
  ApplicationStartOptions,
  ChildHandle,
  IntervalHandle,
  WorkerHandle,
  ProcessHandle,
  QueueHandle,
  CacheHandle,
  Supervise,
} from './application.js';
export type { IntervalOptions, IntervalFn, IntervalState } from './children/interval.js';
export type { WorkerOptions, WorkerState } from './children/worker.js';
export type { ProcessOptions, ProcessState } from './children/process.js';
export type { CacheOptions } from './children/cache.js';
export type { QueueOptions, DropStrategy, EventStream, QueueFullError } from './children/queue.js';
export type {
  ChannelName,
  ChildStartEvent,
  ChildExitEvent,
  ChildRestartEvent,
  EscalateEvent,
  TaskErrorEvent,
  ErrorEvent,
  BreakerBlownEvent,
  BreakerResetEvent,
  ChaosInjectEvent,
} from './telemetry.js';
export type {
  RestartType,
  Shutdown,
  ChildType,
  Strategy,
  ChildContext,
  ChildInstance,
  ChildSpec,
  ChildStatus,
  ChildInfo,
  ViaName,
  ViaClaim,
} from './types.js';
