import { Supervisor, type ChildRecord, type SupervisorOptions } from './supervisor.js';

/**
 * The root supervisor of an {@link Application}. Its configured children behave as in any
 * Supervisor; the children `supervise.*` adds at run time are dynamic ones, as under Elixir's
 * DynamicSupervisor:
 * - an id passed to `supervise.*` names a kind of child, and every call adds a new child: while a
 *   child with that id is in the tree, the next one gets `id#2`, then `id#3`, and so on. A worker
 *   spawned per request, or an interval per instance of a class, each runs under its own id instead
 *   of being refused as a duplicate;
 * - such a child is forgotten once it ended for good (a transient worker that exited normally, a
 *   child stopped through its handle), so a long-running service does not pile up stopped specs,
 *   and its id is free again.
 */
export class ApplicationTree extends Supervisor {
  readonly #configuredIds: ReadonlySet<string>;
  /** Ids of the run-time children in this tree, claimed from the `supervise.*` call on. */
  readonly #dynamicIds = new Set<string>();

  constructor(options: SupervisorOptions & { children: NonNullable<SupervisorOptions['children']> }) {
    super(options);
    this.#configuredIds = new Set(options.children.map((child) => child.id));
  }

  /** The id a new run-time child of kind `id` gets: `id` when free, else the first free `id#n`. */
  claimId(id: string): string {
    let claimed = id;
    for (let instance = 2; this.#configuredIds.has(claimed) || this.#dynamicIds.has(claimed); instance++) claimed = `${id}#${instance}`;
    this.#dynamicIds.add(claimed);
    return claimed;
  }

  /** Gives back an id whose child never made it into the tree. */
  releaseId(id: string): void {
    if (!this.whichChildren().some((child) => child.id === id)) this.#dynamicIds.delete(id);
  }

  protected override forgetsWhenEnded(child: ChildRecord): boolean {
    return super.forgetsWhenEnded(child) || this.#dynamicIds.has(child.id);
  }

  protected override forget(child: ChildRecord): void {
    super.forget(child);
    this.#dynamicIds.delete(child.id);
  }
}
