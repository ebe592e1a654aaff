import { Supervisor, type ChildRecord, type SupervisorOptions } from './supervisor.js';
import type { ChildInfo, ChildSpec } from './types.js';

/**
 * The root supervisor of an {@link Application}. Its configured children behave as in any
 * Supervisor; the children `supervise.*` adds at run time are dynamic ones, as under Elixir's
 * DynamicSupervisor, and each is isolated:
 * - an id passed to `supervise.*` names a kind of child, and every call adds a new child: while a
 *   child with that id is in the tree, the next one gets `id#2`, then `id#3`, and so on. A worker
 *   spawned per request, or an interval per instance of a class, each runs under its own id instead
 *   of being refused as a duplicate;
 * - each runs under a supervisor of its own (named `<root>/<id>`, with the root's restart intensity),
 *   which is a temporary child of the root. A child that keeps crashing exhausts its own intensity
 *   and is given up alone (reported on `spawnguard:supervisor:escalate`), instead of spending the
 *   root's and taking every unrelated interval, cache and worker of the program down with it;
 * - a configured child's crash under `one_for_all` or `rest_for_one` leaves them running: they are in
 *   no restart group but their own;
 * - such a child is forgotten once it ended for good (a transient worker that exited normally ends
 *   its supervisor too, through OTP's auto_shutdown; a child stopped through its handle), so a
 *   long-running service does not pile up stopped children, and its id is free again.
 * `whichChildren()` and the start and exit events show each run-time child itself (under
 * `<root>/<id>`), not the supervisor around it; its crashes and escalations are published as ever.
 */
export class ApplicationTree extends Supervisor {
  private readonly configuredIds: ReadonlySet<string>;
  private readonly childIntensity: Pick<SupervisorOptions, 'maxRestarts' | 'maxSeconds' | 'clock'>;
  /** The run-time children in this tree, by id, with the supervisor each runs under once started. */
  private readonly dynamic = new Map<string, Supervisor | undefined>();
  /** How each run-time child that holds the event loop lets go of it (see Application). */
  private readonly letGoOf = new Map<string, () => void>();
  /** Per kind, the lowest `n` whose `kind#n` may be free. */
  private readonly lowestFree = new Map<string, number>();
  /** The kind and instance number of each claimed `kind#n`. */
  private readonly kindOf = new Map<string, { kind: string; instance: number }>();

  constructor(options: SupervisorOptions & { children: NonNullable<SupervisorOptions['children']> }) {
    super(options);
    this.configuredIds = new Set(options.children.map((child) => child.id));
    this.childIntensity = { maxRestarts: options.maxRestarts, maxSeconds: options.maxSeconds, clock: options.clock };
  }

  /** The id a new run-time child of kind `id` gets: `id` when free, else the first free `id#n`. */
  claimId(id: string): string {
    // Configured ids count before the tree has started them; children added with startChild count too.
    const taken = (candidate: string): boolean =>
      this.configuredIds.has(candidate) || this.dynamic.has(candidate) || this.hasChild(candidate);
    let claimed = id;
    if (taken(claimed)) {
      // Every instance below the hint is taken, so adding many of one kind is not quadratic.
      let instance = this.lowestFree.get(id) ?? 2;
      while (taken(`${id}#${instance}`)) instance++;
      claimed = `${id}#${instance}`;
      this.lowestFree.set(id, instance + 1);
      this.kindOf.set(claimed, { kind: id, instance });
    }
    this.dynamic.set(claimed, undefined);
    return claimed;
  }

  /** Gives back an id whose child never made it into the tree. */
  releaseId(id: string): void {
    if (!this.hasChild(id)) this.freeId(id);
  }

  /** Every run-time child stops holding the event loop (it keeps running). */
  letGo(): void {
    for (const letGo of this.letGoOf.values()) letGo();
  }

  private freeId(id: string): void {
    this.dynamic.delete(id);
    this.letGoOf.delete(id);
    const claimed = this.kindOf.get(id);
    if (claimed === undefined) return;
    this.kindOf.delete(id);
    const hint = this.lowestFree.get(claimed.kind);
    if (hint !== undefined && claimed.instance < hint) this.lowestFree.set(claimed.kind, claimed.instance);
  }

  /**
   * Adds a run-time child (its id claimed first) under a supervisor of its own. `stop()` reaches
   * this child only (never a newer one that took its id), is harmless when repeated, and stops the
   * child through its own supervisor, so the tree's other operations do not wait for its shutdown.
   */
  startDynamicChild(spec: ChildSpec, letGo?: () => void): { started: Promise<ChildInfo>; stop(): Promise<void> } {
    let own: Supervisor | undefined;
    if (letGo !== undefined) this.letGoOf.set(spec.id, letGo);
    const significant = (spec.restart ?? 'permanent') !== 'permanent';
    const wrapper: ChildSpec = {
      id: spec.id,
      type: 'supervisor',
      restart: 'temporary',
      shutdown: 'infinity',
      start: async () => {
        const supervisor = new Supervisor({
          name: `${this.name}/${spec.id}`,
          ...this.childIntensity,
          autoShutdown: significant ? 'any_significant' : 'never',
          // A copy only when it must differ: a spread gives each copy a hidden class of its own.
          children: [significant ? { ...spec, significant } : spec],
        });
        await supervisor.start();
        own = supervisor;
        if (this.dynamic.has(spec.id)) this.dynamic.set(spec.id, supervisor);
        return { stop: (reason) => supervisor.stop(reason), done: supervisor.done };
      },
    };
    const started = this.startChild(wrapper);
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopping ??= started.then(
        async () => {
          await own?.stop();
          await this.terminateSpec(wrapper);
        },
        // A child that failed to start was reported by startChild; there is nothing left to stop.
        () => undefined,
      );
      return stopping;
    };
    return { started, stop };
  }

  override whichChildren(): ChildInfo[] {
    return super.whichChildren().map((info) => this.dynamic.get(info.id)?.whichChildren()[0] ?? info);
  }

  /** The child's own supervisor publishes its start and exits; the wrapper's would say it twice. */
  protected override announcesLifecycleOf(child: ChildRecord): boolean {
    return !this.dynamic.has(child.id);
  }

  /**
   * Run-time children are not in anyone's restart group: under `one_for_all` or `rest_for_one` a
   * configured child's crash restarts the configured children and leaves the run-time ones running
   * (as temporary children they would otherwise be stopped and dropped).
   */
  protected override restartGroup(ended: ChildRecord): ChildRecord[] {
    return super.restartGroup(ended).filter((member) => member === ended || !this.dynamic.has(member.id));
  }

  /** Run-time children are independent of each other: they stop together, as a DynamicSupervisor's. */
  protected override stopsConcurrently(child: ChildRecord): boolean {
    return this.dynamic.has(child.id);
  }

  protected override forgetsWhenEnded(child: ChildRecord): boolean {
    return super.forgetsWhenEnded(child) || this.dynamic.has(child.id);
  }

  protected override forget(child: ChildRecord): void {
    super.forget(child);
    this.freeId(child.id);
  }
}
