// A published package's interface: a user of the package can hand in an implementation of their own.
export interface Store {
  addMember(id: string): Promise<boolean>;
}

export class MemoryStore implements Store {
  private members = new Set<string>();

  addMember(id: string): Promise<boolean> {
    this.members.add(id);
    return Promise.resolve(true);
  }
}
